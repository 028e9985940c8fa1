package io.gatehouse.control.codec;

import static io.gatehouse.control.codec.SpecVectors.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.control.message.ControlPacket;
import io.gatehouse.control.message.DecodeFailure;
import io.gatehouse.control.message.Handshake;
import io.gatehouse.core.session.CloseReason;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

class WebSocketPacketDecoderTest {

    @Test
    void handshakeComesFromTheQuery() {
        assertThat(WebSocketPacketDecoder.handshakeFromUri("/v2?version=1&codec=1&platform=9")).isEqualTo(new Handshake(1, 1, 9));
        assertThat(WebSocketPacketDecoder.handshakeFromUri("/?platform=9&codec=1&version=1&x=y")).isEqualTo(new Handshake(1, 1, 9));
        assertThat(WebSocketPacketDecoder.handshakeFromUri("/v2?version=2&codec=1&platform=9")).isInstanceOf(DecodeFailure.class);
        assertThat(WebSocketPacketDecoder.handshakeFromUri("/v2?codec=1&platform=9")).isInstanceOf(DecodeFailure.class);
        assertThat(WebSocketPacketDecoder.handshakeFromUri("/v2")).isInstanceOf(DecodeFailure.class);
    }

    @Test
    void onePacketPerBinaryMessage() {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocketPacketDecoder(1024));
        ch.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(V7_HEARTBEAT)));
        ControlPacket.Request r = ch.readInbound();
        assertThat(r.requestId()).isEqualTo(2);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void trailingBytesPartialPacketsAndTextAreFailures() {
        EmbeddedChannel a = new EmbeddedChannel(new WebSocketPacketDecoder(1024));
        a.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(concat(V7_HEARTBEAT, V7_HEARTBEAT))));
        assertThat(((DecodeFailure) a.readInbound()).reason()).isEqualTo(CloseReason.BAD_FRAME);
        a.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(V7_HEARTBEAT)));
        assertThat((Object) a.readInbound()).as("nothing after a failure").isNull();
        assertThat(a.finish()).isFalse();

        EmbeddedChannel b = new EmbeddedChannel(new WebSocketPacketDecoder(1024));
        b.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(V7_HEARTBEAT, 0, 12)));
        assertThat(((DecodeFailure) b.readInbound()).reason()).isEqualTo(CloseReason.TRUNCATED);
        assertThat(b.finish()).isFalse();

        EmbeddedChannel c = new EmbeddedChannel(new WebSocketPacketDecoder(1024));
        c.writeInbound(new TextWebSocketFrame("hello"));
        assertThat((Object) c.readInbound()).isInstanceOf(DecodeFailure.class);
        assertThat(c.finish()).isFalse();
    }
}
