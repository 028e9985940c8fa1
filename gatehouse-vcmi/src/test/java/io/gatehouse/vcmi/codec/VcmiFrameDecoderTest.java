package io.gatehouse.vcmi.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.vcmi.message.LobbyPacket;
import io.gatehouse.vcmi.message.PipeHandshake;
import io.gatehouse.vcmi.message.PipeOpening;
import io.gatehouse.vcmi.message.VcmiDecodeFailure;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class VcmiFrameDecoderTest {

    static final String UUID = "0b0e8a4c-9f1d-4a55-8a7e-2c1d3e4f5a6b";

    static byte[] packet(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b.length);
        out.write(b.length >> 8);
        out.write(b.length >> 16);
        out.write(b.length >> 24);
        out.writeBytes(b);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static List<Object> decode(byte[] bytes, int chunk) {
        return decode(bytes, chunk, VcmiFrameDecoder.DEFAULT_MAX_HANDSHAKE_BYTES, VcmiFrameDecoder.DEFAULT_MAX_HANDSHAKE_PACKETS);
    }

    private static List<Object> decode(byte[] bytes, int chunk, int maxHandshakeBytes, int maxHandshakePackets) {
        EmbeddedChannel ch = new EmbeddedChannel(new VcmiFrameDecoder(1024, maxHandshakeBytes, maxHandshakePackets));
        for (int i = 0; i < bytes.length; i += chunk) {
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, i, Math.min(chunk, bytes.length - i)));
        }
        List<Object> out = new ArrayList<>();
        Object m;
        while ((m = ch.readInbound()) != null) {
            if (m instanceof ByteBuf b) {
                out.add(ByteBufUtil.getBytes(b));
                b.release();
            } else {
                out.add(m);
            }
        }
        assertThat(ch.finish()).isFalse();
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 1000})
    void lobbyPacketsComeOneByOne(int chunk) {
        List<Object> out = decode(concat(packet("\u0005\u0000<GREETINGS>alice"), packet("<MSG>hi"), packet("")), chunk);
        assertThat(out).hasSize(3);
        assertThat(new String(((LobbyPacket) out.get(0)).bytes(), StandardCharsets.UTF_8)).isEqualTo("\u0005\u0000<GREETINGS>alice");
        assertThat(new String(((LobbyPacket) out.get(1)).bytes(), StandardCharsets.UTF_8)).isEqualTo("<MSG>hi");
        assertThat(out.get(2)).isInstanceOfSatisfying(VcmiDecodeFailure.class,
                f -> assertThat(f.detail()).isEqualTo("zero-length packet (the end of the connection)"));
    }

    @Test
    void aZeroLengthPacketEndsTheConnectionWhereverItComes() {
        assertThat(decode(concat(packet(""), packet("<MSG>hi")), 1)).singleElement().isInstanceOf(VcmiDecodeFailure.class);
        assertThat(decode(concat(packet("Aiya!\n"), packet(""), packet("(client)"), packet(UUID), new byte[] {1}), 1))
                .last().isInstanceOf(VcmiDecodeFailure.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 1000})
    void pipeHandshakeThenRawBytes(int chunk) {
        byte[] handshake = concat(packet("Aiya!\n"), packet("Client (client)"), packet(UUID), new byte[] {1});
        List<Object> out = decode(concat(handshake, "raw game bytes".getBytes(StandardCharsets.US_ASCII)), chunk);
        assertThat(out.get(0)).isInstanceOf(PipeOpening.class);
        PipeHandshake h = (PipeHandshake) out.get(1);
        assertThat(h.role()).isEqualTo("client");
        assertThat(h.uuid()).isEqualTo(UUID);
        assertThat(h.handshakeBytes()).isEqualTo(handshake);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        out.subList(2, out.size()).forEach(b -> raw.writeBytes((byte[]) b));
        assertThat(raw.toString(StandardCharsets.US_ASCII)).isEqualTo("raw game bytes");
    }

    @Test
    void uuidBeforeTheRoleDoesNotEndTheHandshake() {
        byte[] in = concat(packet("Aiya!\n"), packet(UUID), packet("(server)"), packet(UUID), new byte[] {0});
        PipeHandshake h = (PipeHandshake) decode(in, 1000).get(1);
        assertThat(h.role()).isEqualTo("server");
        assertThat(h.handshakeBytes()).hasSize(in.length);
    }

    @Test
    void oversizedPacketFailsWithoutReadingIt() {
        byte[] header = {(byte) 0xFF, (byte) 0xFF, 0, 0};
        List<Object> out = decode(concat(header, new byte[10]), 1000);
        assertThat(out).singleElement().isInstanceOfSatisfying(VcmiDecodeFailure.class, f -> {
            assertThat(f.cause()).isEqualTo(VcmiDecodeFailure.Cause.OVERSIZED);
            assertThat(f.detail()).isEqualTo("packet of 65535 bytes (max 1024)");
        });
    }

    /** Issue 18: {@code Aiya!} then packet after packet with no role and no uuid was kept for good. */
    @Test
    void aPipeHandshakeThatWouldPassItsByteLimitFailsFromTheLengthFieldWithoutTheBody() {
        EmbeddedChannel ch = new EmbeddedChannel(new VcmiFrameDecoder(1024 * 1024, 4096, 16));
        ch.writeInbound(Unpooled.wrappedBuffer(packet("Aiya!\n")));
        assertThat((Object) ch.readInbound()).isInstanceOf(PipeOpening.class);
        // The length field of a 1 MiB packet and a few bytes of its body: the decoder does not wait for the rest.
        ch.writeInbound(Unpooled.wrappedBuffer(concat(new byte[] {0, 0, 0x10, 0}, new byte[100])));
        assertThat((Object) ch.readInbound()).isInstanceOfSatisfying(VcmiDecodeFailure.class, f -> {
            assertThat(f.cause()).isEqualTo(VcmiDecodeFailure.Cause.HANDSHAKE_LIMIT);
            assertThat(f.detail()).isEqualTo("pipe handshake of 1048590 bytes with no role (max 4096)");
        });
        // What follows is dropped as it comes, not gathered.
        ByteBuf more = Unpooled.wrappedBuffer(new byte[64 * 1024]);
        ch.writeInbound(more.retain());
        assertThat(more.refCnt()).as("the decoder let go of what it discarded").isEqualTo(1);
        more.release();
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void aFirstPipePacketAboveTheHandshakeLimitFails() {
        List<Object> out = decode(packet("Aiya!" + "x".repeat(200)), 1000, 128, 16);
        assertThat(out).hasSize(2).last().isInstanceOfSatisfying(VcmiDecodeFailure.class,
                f -> assertThat(f.cause()).isEqualTo(VcmiDecodeFailure.Cause.HANDSHAKE_LIMIT));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1000})
    void aPipeHandshakeOfTooManyPacketsFails(int chunk) {
        byte[] in = concat(packet("Aiya!\n"), packet("VCMI (client)"), packet("no uuid"), packet("still none"), packet(UUID));
        List<Object> out = decode(in, chunk, 4096, 4);
        assertThat(out).hasSize(2).last().isInstanceOfSatisfying(VcmiDecodeFailure.class, f -> {
            assertThat(f.cause()).isEqualTo(VcmiDecodeFailure.Cause.HANDSHAKE_LIMIT);
            assertThat(f.detail()).isEqualTo("pipe handshake of 4 packets with no uuid (max 4)");
        });
    }

    @Test
    void aHandshakeWithinItsLimitsStillCompletes() {
        byte[] handshake = concat(packet("Aiya!\n"), packet("Client (client)"), packet(UUID), new byte[] {1});
        List<Object> out = decode(handshake, 1, handshake.length - 1, 3);
        assertThat(out).hasSize(2).last().isInstanceOf(PipeHandshake.class);
    }

    @Test
    void nonUtf8PipeHandshakeFails() {
        List<Object> out = decode(concat(packet("Aiya!\n"), new byte[] {2, 0, 0, 0, (byte) 0xC3, 0x28}), 1000);
        assertThat(out).hasSize(2).last().isInstanceOf(VcmiDecodeFailure.class);
    }
}
