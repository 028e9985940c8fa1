package io.gatehouse.control.codec;

import static io.gatehouse.control.codec.SpecVectors.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.control.message.ControlMessage;
import io.gatehouse.control.message.ControlPacket;
import io.gatehouse.control.message.DecodeFailure;
import io.gatehouse.control.message.Handshake;
import io.gatehouse.core.session.CloseReason;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The TCP stream decoder over the vectors of spec section 10, whole and in fragments. */
class ControlFrameDecoderTest {

    /** Feeds bytes in chunks of {@code chunk} and returns everything decoded. */
    private static List<ControlMessage> decode(byte[] bytes, int chunk) {
        EmbeddedChannel ch = new EmbeddedChannel(new ControlFrameDecoder(1024 * 1024));
        for (int i = 0; i < bytes.length; i += chunk) {
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, i, Math.min(chunk, bytes.length - i)));
        }
        List<ControlMessage> out = new ArrayList<>();
        ControlMessage m;
        while ((m = ch.readInbound()) != null) {
            out.add(m);
        }
        assertThat(ch.finish()).isFalse();
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 1000})
    void handshakeThenAuthRequestInOneStream(int chunk) {
        List<ControlMessage> out = decode(concat(V1_HANDSHAKE, V3_AUTH_REQUEST), chunk);
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isEqualTo(new Handshake(1, 1, 9));
        ControlPacket.Request r = (ControlPacket.Request) out.get(1);
        assertThat(r.cmd()).isEqualTo(2);
        assertThat(r.requestId()).isEqualTo(1);
        assertThat(r.timeoutMillis()).isEqualTo(5000);
        assertThat(r.body()).isEqualTo(hex("0A 03 61 62 63"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 1000})
    void everyVectorDecodesBackToBack(int chunk) throws Exception {
        byte[] stream = concat(V1_HANDSHAKE, V4_AUTH_WITH_METADATA, V5_AUTH_OK, V6_AUTH_FAILED, V7_HEARTBEAT, V8_HEARTBEAT_ECHO,
                V10_RECONNECT, V11_RECONNECT_OK, V12_RECONNECT_REFUSED, V13_CLOSE_AUTH_ERROR, V14_CLOSE_HEARTBEAT_TIMEOUT,
                V15_CLOSE_DUPLICATE, V16_CLOSE_GZIP, V17_PUSH_VERIFY);
        List<ControlMessage> out = decode(stream, chunk);
        assertThat(out).hasSize(14);
        var auth = ControlBodies.decodeAuthRequest(((ControlPacket) out.get(1)).body());
        assertThat(auth.token()).isEqualTo("abc");
        assertThat(auth.metadata()).isEqualTo(Map.of("accept-language", "en"));

        var ok = ControlBodies.decodeAuthResponse(((ControlPacket.Response) out.get(2)).body());
        assertThat(ok.sessionId()).isEqualTo("sess-1");
        assertThat(ok.expiresMillis()).isEqualTo(1700086400000L);
        assertThat(ok.limit()).isEqualTo(10);
        assertThat(ok.online()).isEqualTo(1);

        ControlPacket.Response failed = (ControlPacket.Response) out.get(3);
        assertThat(failed.status()).isEqualTo(5);
        assertThat(ControlBodies.decodeError(failed.body()).msg()).isEqualTo("invalid token");
        assertThat(ControlBodies.decodeError(failed.body()).code()).isEqualTo(401);

        assertThat(ControlBodies.decodeHeartbeat(((ControlPacket) out.get(4)).body()).timestampMillis()).isEqualTo(1700000000000L);
        assertThat(ControlBodies.decodeReconnectRequest(((ControlPacket) out.get(6)).body()).sessionId()).isEqualTo("sess-1");
        assertThat(ControlBodies.decodeAuthResponse(((ControlPacket) out.get(7)).body()).expiresMillis()).isEqualTo(1700172800000L);
        assertThat(ControlBodies.decodeError(((ControlPacket) out.get(8)).body()).msg()).isEqualTo("session expired");

        var close = ControlBodies.decodeClose(((ControlPacket) out.get(9)).body());
        assertThat(close.code()).isEqualTo(4);
        assertThat(close.reason()).isEqualTo("auth failed");
        assertThat(((ControlPacket) out.get(10)).body()).isEmpty();
        assertThat(ControlBodies.decodeClose(((ControlPacket) out.get(10)).body()).code()).isZero();
        assertThat(ControlBodies.decodeClose(((ControlPacket) out.get(11)).body()).code()).isEqualTo(6);
        assertThat(((ControlPacket) out.get(12)).body()).as("V16 gunzips to the V13 body").isEqualTo(hex("08 04 12 0B 61 75 74 68 20 66 61 69 6C 65 64"));
        assertThat(((ControlPacket) out.get(13)).body()).as("V17 drops nonce and signature").isEqualTo(hex("08 01"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"00", "04", "0F"})
    void invalidPacketTypeIsAnUnpackFailure(String header) {
        List<ControlMessage> out = decode(concat(V1_HANDSHAKE, hex(header + " 00 00 00 00 00 00 00 00 00 00"), V7_HEARTBEAT), 1);
        assertThat(out).hasSize(2);
        assertThat(out.get(1)).isInstanceOf(DecodeFailure.class);
        assertThat(((DecodeFailure) out.get(1)).reason()).isEqualTo(CloseReason.BAD_FRAME);
    }

    @Test
    void oversizedBodyFailsBeforeItArrives() {
        EmbeddedChannel ch = new EmbeddedChannel(new ControlFrameDecoder(1000));
        ch.writeInbound(Unpooled.wrappedBuffer(concat(V1_HANDSHAKE, hex("01 05 00 00 00 01 00 00 FF FF FF"))));
        assertThat((Object) ch.readInbound()).isInstanceOf(Handshake.class);
        DecodeFailure f = ch.readInbound();
        assertThat(f.reason()).isEqualTo(CloseReason.OVERSIZED);
        assertThat(f.detail()).isEqualTo("body 16777215 bytes (max 1000)");
        ch.writeInbound(Unpooled.wrappedBuffer(V7_HEARTBEAT));
        assertThat((Object) ch.readInbound()).as("input after a failure is discarded").isNull();
        assertThat(ch.finish()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"21 09", "12 09", "11 0A"})
    void badHandshakeFails(String bytes) {
        List<ControlMessage> out = decode(hex(bytes), 1);
        assertThat(out).singleElement().isInstanceOf(DecodeFailure.class);
    }

    @Test
    void gzipThatDoesNotInflateFails() {
        List<ControlMessage> out = decode(concat(V1_HANDSHAKE, hex("23 00 00 00 03 01 02 03")), 1);
        assertThat(((DecodeFailure) out.get(1)).detail()).contains("gzip");
    }

    @Test
    void partialPacketStaysBuffered() {
        EmbeddedChannel ch = new EmbeddedChannel(new ControlFrameDecoder(1000));
        ch.writeInbound(Unpooled.wrappedBuffer(concat(V1_HANDSHAKE, java.util.Arrays.copyOf(V7_HEARTBEAT, 17))));
        assertThat((Object) ch.readInbound()).isInstanceOf(Handshake.class);
        assertThat((Object) ch.readInbound()).isNull();
        ch.writeInbound(Unpooled.wrappedBuffer(V7_HEARTBEAT, 17, 1));
        assertThat((Object) ch.readInbound()).isInstanceOf(ControlPacket.Request.class);
        assertThat(ch.finish()).isFalse();
    }
}
