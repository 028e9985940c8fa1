package io.gatehouse.vcmi.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gatehouse.core.testing.FuzzFeed;
import io.gatehouse.vcmi.codec.VcmiFrameDecoder;
import io.gatehouse.vcmi.message.LobbyPacket;
import io.gatehouse.vcmi.message.PipeHandshake;
import io.gatehouse.vcmi.message.VcmiDecodeFailure;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The vcmi framer and pipe handshake (docs/protocol/vcmi.md sections 1, 2 and 4) on arbitrary
 * bytes in arbitrary fragments: lobby packets, or a pipe handshake followed only by raw
 * buffers, or one failure, last; a pipe handshake no longer than its byte limit (section 4);
 * every buffer released; and, unless it failed, what it yields
 * re-framed is exactly the bytes it consumed, so nothing is lost, invented or reordered.
 */
class VcmiStreamFuzzTest {

    private static final int MAX_PACKET = 4096;
    private static final int MAX_HANDSHAKE_BYTES = 1024;
    private static final int MAX_HANDSHAKE_PACKETS = 8;

    @FuzzTest(maxDuration = "5s")
    void stream(FuzzedDataProvider data) {
        EmbeddedChannel ch = new EmbeddedChannel(new VcmiFrameDecoder(MAX_PACKET, MAX_HANDSHAKE_BYTES, MAX_HANDSHAKE_PACKETS));
        FuzzFeed feed = new FuzzFeed();
        feed.writeFragments(ch, data, 64);

        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        boolean piped = false;
        boolean failed = false;
        for (Object m; (m = ch.readInbound()) != null; ) {
            assertThat(failed).as("nothing after a failure").isFalse();
            if (m instanceof ByteBuf raw) {
                assertThat(piped).as("raw bytes only after a pipe handshake").isTrue();
                byte[] b = new byte[raw.readableBytes()];
                raw.readBytes(b);
                raw.release();
                seen.writeBytes(b);
            } else if (m instanceof PipeHandshake h) {
                assertThat(piped).as("one pipe handshake").isFalse();
                assertThat(seen.size()).as("a pipe handshake starts the stream").isZero();
                piped = true;
                assertThat(h.handshakeBytes().length).as("a handshake within its limits, and the raw byte")
                        .isLessThanOrEqualTo(MAX_HANDSHAKE_BYTES + 1);
                seen.writeBytes(h.handshakeBytes());
            } else if (m instanceof LobbyPacket p) {
                assertThat(piped).isFalse();
                assertThat(p.bytes().length).isLessThanOrEqualTo(MAX_PACKET);
                seen.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(p.bytes().length).array());
                seen.writeBytes(p.bytes());
            } else {
                assertThat(((VcmiDecodeFailure) m).detail()).isNotBlank();
                failed = true;
            }
        }
        ch.finishAndReleaseAll();
        feed.assertAllReleased();

        byte[] fed = feed.fedBytes();
        if (!failed) {
            byte[] out = seen.toByteArray();
            assertThat(out.length).isLessThanOrEqualTo(fed.length);
            assertThat(Arrays.copyOf(fed, out.length)).as("what came out is what went in").isEqualTo(out);
            if (piped) {
                assertThat(out.length).as("a pipe passes every byte on").isEqualTo(fed.length);
            }
        }
    }
}
