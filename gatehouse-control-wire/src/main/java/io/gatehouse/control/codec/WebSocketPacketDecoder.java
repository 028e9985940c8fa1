package io.gatehouse.control.codec;

import io.gatehouse.control.message.ControlMessage;
import io.gatehouse.control.message.DecodeFailure;
import io.gatehouse.control.message.Handshake;
import io.gatehouse.core.session.CloseReason;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.List;

/**
 * The WebSocket side of spec 3.2: the handshake from the upgrade URL's query (4.2), then
 * exactly one packet per binary message. A text message, a message holding part of a
 * packet or trailing bytes after it, is a {@link DecodeFailure}; after one, input is dropped.
 */
public final class WebSocketPacketDecoder extends MessageToMessageDecoder<WebSocketFrame> {

    private final PacketReader reader;
    private boolean failed;
    private boolean handshaken;

    public WebSocketPacketDecoder(int maxBodyBytes) {
        this.reader = new PacketReader(maxBodyBytes);
    }

    /** Reads the handshake of 4.2 from a request URI such as {@code /v2?version=1&codec=1&platform=9}. */
    public static ControlMessage handshakeFromUri(String uri) {
        QueryStringDecoder q = new QueryStringDecoder(uri);
        int version = intParam(q, "version");
        int codec = intParam(q, "codec");
        int platform = intParam(q, "platform");
        if (version < 0 || codec < 0 || platform < 0) {
            return new DecodeFailure(CloseReason.BAD_FRAME, "handshake: query needs numeric version, codec and platform");
        }
        Handshake h = new Handshake(version, codec, platform);
        String problem = h.problem();
        return problem == null ? h : new DecodeFailure(CloseReason.BAD_FRAME, "handshake: " + problem);
    }

    private static int intParam(QueryStringDecoder q, String name) {
        List<String> v = q.parameters().get(name);
        if (v == null || v.size() != 1 || !v.get(0).matches("\\d{1,3}")) {
            return -1;
        }
        return Integer.parseInt(v.get(0));
    }

    /** True once the HTTP upgrade completed, so WebSocket frames may be written. */
    public boolean upgraded() {
        return handshaken;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete done && !handshaken) {
            handshaken = true;
            ControlMessage m = handshakeFromUri(done.requestUri());
            failed = m instanceof DecodeFailure;
            ctx.fireChannelRead(m);
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (failed) {
            return;
        }
        if (!(frame instanceof BinaryWebSocketFrame)) {
            fail(out, new DecodeFailure(CloseReason.BAD_FRAME, frame.getClass().getSimpleName() + " (only binary messages carry packets)"));
            return;
        }
        ControlMessage m = reader.tryRead(frame.content());
        if (m == null) {
            fail(out, new DecodeFailure(CloseReason.TRUNCATED, "message of " + frame.content().readableBytes() + " bytes holds part of a packet"));
        } else if (m instanceof DecodeFailure f) {
            fail(out, f);
        } else if (frame.content().isReadable()) {
            fail(out, new DecodeFailure(CloseReason.BAD_FRAME, frame.content().readableBytes() + " bytes after the packet in one message"));
        } else {
            out.add(m);
        }
    }

    private void fail(List<Object> out, DecodeFailure f) {
        failed = true;
        out.add(f);
    }
}
