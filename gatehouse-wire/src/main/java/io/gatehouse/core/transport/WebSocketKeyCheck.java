package io.gatehouse.core.transport;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.Base64;

/**
 * Refuses a WebSocket upgrade whose {@code Sec-WebSocket-Key} is not what RFC 6455 (4.1, 4.2.1)
 * requires, the base64 of 16 bytes, with HTTP 400 and a close. Netty's handshaker checks only
 * that the header is there, so an empty key was accepted. Sits after the HTTP aggregator and
 * before the WebSocket protocol handler; every other message passes through untouched.
 */
@ChannelHandler.Sharable
public final class WebSocketKeyCheck extends ChannelInboundHandlerAdapter {

    public static final WebSocketKeyCheck INSTANCE = new WebSocketKeyCheck();

    /** The decoded key's length (RFC 6455 4.1: "a randomly selected 16-byte value"). */
    private static final int KEY_BYTES = 16;

    private WebSocketKeyCheck() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request && isUpgrade(request) && !validKey(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY))) {
            ReferenceCountUtil.release(msg);
            FullHttpResponse bad = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST);
            HttpUtil.setContentLength(bad, 0);
            ctx.writeAndFlush(bad).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean isUpgrade(FullHttpRequest request) {
        return request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    static boolean validKey(String key) {
        if (key == null) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key.trim()).length == KEY_BYTES;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
