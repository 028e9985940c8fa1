package io.gatehouse.control.codec;

import static io.gatehouse.control.codec.SpecVectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.control.message.AuthRequest;
import io.gatehouse.control.message.AuthResponse;
import io.gatehouse.control.message.Close;
import io.gatehouse.control.message.CloseCode;
import io.gatehouse.control.message.CommandCode;
import io.gatehouse.control.message.ControlPacket;
import io.gatehouse.control.message.ErrorBody;
import io.gatehouse.control.message.Heartbeat;
import io.gatehouse.control.message.Notification;
import io.gatehouse.control.message.ReconnectRequest;
import io.gatehouse.control.message.Subscribe;
import io.gatehouse.control.message.SubscribeResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The encoder and the body encodings produce the spec's bytes exactly. */
class ControlEncodingTest {

    private static byte[] encode(ControlPacket p) {
        EmbeddedChannel ch = new EmbeddedChannel(ControlPacketEncoder.PLAIN);
        ch.writeOutbound(p);
        ByteBuf out = ch.readOutbound();
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        assertThat(ch.finish()).isFalse();
        return bytes;
    }

    @Test
    void aBodyMuchLargerThanTheEncodersBufferComesOutWhole() throws Exception {
        byte[] data = new byte[70_000];
        new Random(7).nextBytes(data);
        Notification big = new Notification("quote.700." + "x".repeat(300), Notification.CONTENT_PROTO, Notification.DISPATCH_BROADCAST, data);
        Notification back = ControlBodies.decodeNotification(ControlBodies.encode(big));
        assertThat(back.topic()).isEqualTo(big.topic());
        assertThat(back.contentType()).isEqualTo(big.contentType());
        assertThat(back.dispatchType()).isEqualTo(Notification.DISPATCH_BROADCAST);
        assertThat(back.data()).isEqualTo(data);
    }

    @Test
    void aBodyTheU24LengthCannotSayIsRefused() {
        ByteBuf out = Unpooled.buffer();
        ControlPacketEncoder.PLAIN.write(new ControlPacket.Push(1, new byte[PacketReader.MAX_WIRE_BODY]), out);
        assertThat(out.getUnsignedMedium(2)).isEqualTo(PacketReader.MAX_WIRE_BODY);
        out.clear();
        assertThatThrownBy(() -> ControlPacketEncoder.PLAIN.write(new ControlPacket.Push(1, new byte[PacketReader.MAX_WIRE_BODY + 1]), out))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("body 16777216 bytes (max 16777215)");
        assertThat(out.readableBytes()).as("nothing written").isZero();
        out.release();
    }

    @Test
    void authRequestsMatchV3AndV4() {
        assertThat(encode(new ControlPacket.Request(2, 1, 5000, ControlBodies.encode(new AuthRequest("abc", Map.of())))))
                .isEqualTo(V3_AUTH_REQUEST);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("accept-language", "en");
        assertThat(encode(new ControlPacket.Request(2, 1, 5000, ControlBodies.encode(new AuthRequest("abc", meta)))))
                .isEqualTo(V4_AUTH_WITH_METADATA);
    }

    @Test
    void responsesMatchV5V6V11V12() {
        assertThat(encode(new ControlPacket.Response(2, 1, 0, ControlBodies.encode(new AuthResponse("sess-1", 1700086400000L, 10, 1)))))
                .isEqualTo(V5_AUTH_OK);
        assertThat(encode(new ControlPacket.Response(2, 1, 5, ControlBodies.encode(new ErrorBody(401, "invalid token")))))
                .isEqualTo(V6_AUTH_FAILED);
        assertThat(encode(new ControlPacket.Response(3, 1, 0, ControlBodies.encode(new AuthResponse("sess-2", 1700172800000L, 10, 1)))))
                .isEqualTo(V11_RECONNECT_OK);
        assertThat(encode(new ControlPacket.Response(3, 1, 5, ControlBodies.encode(new ErrorBody(1, "session expired")))))
                .isEqualTo(V12_RECONNECT_REFUSED);
    }

    @Test
    void heartbeatsMatchV7V8V9() {
        byte[] body = ControlBodies.encode(new Heartbeat(1700000000000L, null));
        assertThat(encode(new ControlPacket.Request(1, 2, 0, body))).isEqualTo(V7_HEARTBEAT);
        assertThat(encode(new ControlPacket.Response(1, 2, 0, body))).isEqualTo(V8_HEARTBEAT_ECHO);
        assertThat(ControlBodies.encode(new Heartbeat(1700000000000L, 2))).isEqualTo(V9_HEARTBEAT_BODY);
    }

    @Test
    void reconnectMatchesV10() {
        assertThat(encode(new ControlPacket.Request(3, 1, 5000, ControlBodies.encode(new ReconnectRequest("sess-1", Map.of())))))
                .isEqualTo(V10_RECONNECT);
    }

    @Test
    void closePushesMatchV13V14V15V18() {
        assertThat(encode(new ControlPacket.Push(0, ControlBodies.encode(new Close(CloseCode.AUTH_ERROR, "auth failed")))))
                .isEqualTo(V13_CLOSE_AUTH_ERROR);
        assertThat(encode(new ControlPacket.Push(0, ControlBodies.encode(new Close(CloseCode.HEARTBEAT_TIMEOUT, "")))))
                .isEqualTo(V14_CLOSE_HEARTBEAT_TIMEOUT);
        assertThat(encode(new ControlPacket.Push(0, ControlBodies.encode(new Close(CloseCode.CONNECT_DUPLICATE, "duplicate")))))
                .isEqualTo(V15_CLOSE_DUPLICATE);
        assertThat(encode(new ControlPacket.Push(0, ControlBodies.encode(new Close(CloseCode.UNPACK_ERROR, "")))))
                .isEqualTo(V18_CLOSE_UNPACK_ERROR);
    }

    @Test
    void topicBodiesRoundTrip() throws Exception {
        var sub = new SubscribeResponse(List.of("a"), List.of(new SubscribeResponse.Failure("", "empty topic")), List.of("a", "b"));
        assertThat(ControlBodies.decodeSubscribeResponse(ControlBodies.encode(sub))).isEqualTo(sub);
        assertThat(ControlBodies.decodeSubscribe(ControlBodies.encode(new Subscribe(List.of("x", "y")))).topics()).containsExactly("x", "y");
        var n = ControlBodies.decodeNotification(ControlBodies.encode(new Notification("t", 1, 2, new byte[] {9, 8})));
        assertThat(n.topic()).isEqualTo("t");
        assertThat(n.data()).containsExactly(9, 8);
        assertThat(n.dispatchType()).isEqualTo(2);
    }

    @Test
    void unknownFieldsAreSkipped() throws Exception {
        // AuthRequest{token="abc"} followed by field 9 (varint 1) and field 10 (bytes "zz")
        byte[] body = hex("0A 03 61 62 63 48 01 52 02 7A 7A");
        assertThat(ControlBodies.decodeAuthRequest(body).token()).isEqualTo("abc");
    }

    private static final int NOTIFY = CommandCode.NOTIFY.wire();

    private static byte[] encodeWith(ControlPacketEncoder encoder, ControlPacket p) {
        ByteBuf out = encoder.encode(ByteBufAllocator.DEFAULT, p);
        try {
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    private static ControlPacket decode(byte[] wire) {
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        ControlPacket p = (ControlPacket) new PacketReader(PacketReader.DEFAULT_MAX_BODY_BYTES).tryRead(in);
        assertThat(in.isReadable()).as("one whole packet").isFalse();
        return p;
    }

    @Test
    void bodiesFromTheThresholdOnGoOutGzippedWhenThatIsSmaller() {
        ControlPacketEncoder gzip = ControlPacketEncoder.gzipFrom(1024);
        byte[] text = "quote:700.HK,".repeat(100).getBytes(StandardCharsets.US_ASCII);
        byte[] wire = encodeWith(gzip, new ControlPacket.Push(NOTIFY, text));
        assertThat(wire[0]).as("push header with the gzip bit").isEqualTo((byte) 0x23);
        int bodyLength = ((wire[2] & 0xFF) << 16) | ((wire[3] & 0xFF) << 8) | (wire[4] & 0xFF);
        assertThat(bodyLength).isEqualTo(wire.length - 5).isLessThan(text.length / 4);
        assertThat(decode(wire).body()).isEqualTo(text);

        byte[] response = encodeWith(gzip, new ControlPacket.Response(4, 9, 0, text));
        assertThat(response[0]).isEqualTo((byte) 0x22);
        assertThat(decode(response)).isInstanceOfSatisfying(ControlPacket.Response.class, r -> {
            assertThat(r.requestId()).isEqualTo(9);
            assertThat(r.body()).isEqualTo(text);
        });
    }

    @Test
    void smallOrIncompressibleBodiesGoOutAsTheyAre() {
        ControlPacketEncoder gzip = ControlPacketEncoder.gzipFrom(1024);
        byte[] small = new byte[1023];
        assertThat(encodeWith(gzip, new ControlPacket.Push(NOTIFY, small)))
                .isEqualTo(encodeWith(ControlPacketEncoder.PLAIN, new ControlPacket.Push(NOTIFY, small)));
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        byte[] wire = encodeWith(gzip, new ControlPacket.Push(NOTIFY, noise));
        assertThat(wire[0]).as("no gzip bit: gzip would have grown it").isEqualTo((byte) 0x03);
        assertThat(decode(wire).body()).isEqualTo(noise);
        assertThat(ControlPacketEncoder.gzipFrom(0)).isSameAs(ControlPacketEncoder.PLAIN);
    }

    /** Found by ControlBodiesFuzzTest: metadata decoded into an unordered map re-encoded in another order. */
    @Test
    void authMetadataKeepsItsWireOrderThroughDecodeAndEncode() throws Exception {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 40; i > 0; i--) {
            metadata.put("key-" + i, "value-" + i);
        }
        byte[] wire = ControlBodies.encode(new AuthRequest("otp", metadata));
        AuthRequest decoded = ControlBodies.decodeAuthRequest(wire);
        assertThat(decoded.metadata().keySet()).containsExactlyElementsOf(metadata.keySet());
        assertThat(ControlBodies.encode(decoded)).isEqualTo(wire);
    }
}
