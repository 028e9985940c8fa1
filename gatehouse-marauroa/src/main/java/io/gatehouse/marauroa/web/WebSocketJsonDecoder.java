package io.gatehouse.marauroa.web;

import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.transport.MeteredChannel;
import io.gatehouse.marauroa.codec.MarauroaJson;
import io.gatehouse.marauroa.game.RPClasses;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A browser's WebSocket messages as Marauroa messages (docs/protocol/marauroa.md, section
 * 11.1): each whole text message is read by {@link MarauroaJson} into an envelope, or an
 * unreadable one that the connection ignores. A binary message is answered with close 1003;
 * a message over the limit with close 1009, a broken frame with 1002 (Netty's decoder sends
 * those two when the frame itself is too big or broken; the aggregator's limit is answered
 * here).
 */
public final class WebSocketJsonDecoder extends MessageToMessageDecoder<WebSocketFrame> {

    private static final Logger log = LoggerFactory.getLogger(WebSocketJsonDecoder.class);

    private final RPClasses classes;

    public WebSocketJsonDecoder(RPClasses classes) {
        super(WebSocketFrame.class);
        this.classes = classes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof TextWebSocketFrame text) {
            out.add(MarauroaJson.decode(text.text(), classes));
        } else if (frame instanceof BinaryWebSocketFrame) {
            log.info("{}: a binary WebSocket message; close 1003", ctx.channel().remoteAddress());
            close(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE, CloseReason.BAD_FRAME);
        }
        // Ping, Pong and Close are Netty's protocol handler's
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException bad) {
            log.info("{}: {}; WebSocket close {}", ctx.channel().remoteAddress(), bad.getMessage(), bad.closeStatus().code());
            MeteredChannel.closing(ctx.channel(),
                    bad.closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG ? CloseReason.OVERSIZED : CloseReason.BAD_FRAME);
            ctx.close();
        } else if (cause instanceof TooLongFrameException tooLong) {
            log.info("{}: a WebSocket message over max_message_bytes ({}); close 1009", ctx.channel().remoteAddress(), tooLong.getMessage());
            close(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, CloseReason.OVERSIZED);
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    private static void close(ChannelHandlerContext ctx, WebSocketCloseStatus status, CloseReason reason) {
        MeteredChannel.closing(ctx.channel(), reason);
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new CloseWebSocketFrame(status)).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
