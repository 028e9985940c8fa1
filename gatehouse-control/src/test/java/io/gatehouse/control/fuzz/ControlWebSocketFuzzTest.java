package io.gatehouse.control.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gatehouse.control.codec.ControlPacketEncoder;
import io.gatehouse.control.codec.WebSocketCodec;
import io.gatehouse.control.codec.WebSocketPacketDecoder;
import io.gatehouse.control.message.ControlMessage;
import io.gatehouse.control.message.ControlPacket;
import io.gatehouse.control.message.DecodeFailure;
import io.gatehouse.control.message.Handshake;
import io.gatehouse.core.testing.FuzzFeed;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ReferenceCounted;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The control WebSocket codec ({@link WebSocketCodec}: Netty's HTTP upgrade, WebSocket
 * decoder and aggregator, then our frame-to-packet adapter) after a valid upgrade, on
 * arbitrary bytes or on frames built from fuzzer data (any FIN, RSV, opcode, mask and
 * payload), in fuzzer-chosen fragments. What must hold:
 * <ul>
 *   <li>the connection handler sees only a handshake (first), packets within the body limit, and
 *       then at most failures the front answers as specified: a {@link DecodeFailure}, or from
 *       Netty a {@link CorruptedWebSocketFrameException} or {@link TooLongFrameException}
 *       (UnpackError, close status 1002), or once the channel closed in the middle of a
 *       message, a {@link PrematureChannelClosureException} (no answer); never a buffer, a frame
 *       or another exception (which would be ServerError, 1011, and a WARN line);</li>
 *   <li>the codec itself writes only Pongs and the echo of a client's close frame, and closes
 *       the channel only after that echo or after a failure it handed on (the front's answer to
 *       the failure is written before Netty's protocol handler closes);</li>
 *   <li>every buffer fed is released.</li>
 * </ul>
 */
class ControlWebSocketFuzzTest {

    private static final int MAX_BODY = 4096;
    private static final byte[] UPGRADE = ("GET /v2?version=1&codec=1&platform=9 HTTP/1.1\r\n"
            + "Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final int OPCODE_CLOSE = 0x8;
    private static final int OPCODE_PONG = 0xA;

    /** What reached the place of the connection handler. */
    private static final class Recorder extends ChannelInboundHandlerAdapter {
        final List<Object> seen = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            seen.add(msg instanceof ReferenceCounted ? "a " + msg.getClass().getSimpleName() + " passed the codec" : msg);
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof PrematureChannelClosureException && !ctx.channel().isActive()) {
                return; // the channel closed in the middle of a message: the front answers nothing
            }
            seen.add(cause);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void frames(FuzzedDataProvider data) {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel();
        WebSocketCodec.install(ch.pipeline(), MAX_BODY, 10_000, ControlPacketEncoder.PLAIN, new WebSocketPacketDecoder(MAX_BODY));
        ch.pipeline().addLast(recorder);
        ch.writeInbound(Unpooled.wrappedBuffer(UPGRADE));
        ByteBuf answer = ch.readOutbound();
        assertThat(answer.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 101 ");
        answer.release();

        FuzzFeed feed = new FuzzFeed();
        if (data.consumeBoolean()) {
            feed.writeFragments(ch, data, 64);
        } else {
            writeFramesFrom(data, ch, feed);
        }
        List<Integer> written = new ArrayList<>();
        for (Object out; (out = ch.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) out;
            written.add(b.getUnsignedByte(b.readerIndex()) & 0x0F);
            assertThat(b.getUnsignedByte(b.readerIndex()) & 0x80).as("a whole frame, FIN set").isNotZero();
            b.release();
        }
        boolean closed = !ch.isOpen();
        ch.finishAndReleaseAll();
        feed.assertAllReleased();

        assertThat(written).as("the codec writes Pongs and a close echo only").allMatch(op -> op == OPCODE_PONG || op == OPCODE_CLOSE);
        assertThat(written.indexOf(OPCODE_CLOSE)).as("at most one close echo, last")
                .isIn(-1, written.size() - 1);
        if (closed) {
            assertThat(written.contains(OPCODE_CLOSE) || recorder.seen.stream().anyMatch(Throwable.class::isInstance))
                    .as("the codec closes after echoing a client's close, or after handing the handler a failure"
                            + " (Netty's protocol handler closes once the handler has written its answer)").isTrue();
        }
        checkSeen(recorder.seen);
    }

    private static void checkSeen(List<Object> seen) {
        assertThat(seen).isNotEmpty();
        assertThat(seen.get(0)).as("the handshake from the upgrade URL, first").isInstanceOf(Handshake.class);
        boolean failed = false;
        for (Object o : seen.subList(1, seen.size())) {
            if (o instanceof Throwable t) {
                assertThat(t).as("only failures the front answers UnpackError")
                        .isInstanceOfAny(CorruptedWebSocketFrameException.class, TooLongFrameException.class);
                failed = true;
            } else if (o instanceof DecodeFailure f) {
                assertThat(f.detail()).isNotBlank();
                failed = true;
            } else {
                assertThat(o).as("a packet, or a refusal").isInstanceOf(ControlPacket.class);
                if (!failed) {
                    assertThat(((ControlPacket) o).body().length).isLessThanOrEqualTo(MAX_BODY);
                    ControlBodiesProperties.check(((ControlPacket) o).body());
                }
            }
            assertThat(o).isNotInstanceOf(Handshake.class).isInstanceOfAny(ControlMessage.class, Throwable.class);
        }
    }

    /** Client frames from fuzzer data (header fields as the fuzzer says, masked or not), written in fragments of 1 to 200 bytes. */
    private static void writeFramesFrom(FuzzedDataProvider data, EmbeddedChannel ch, FuzzFeed feed) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        while (data.remainingBytes() > 0 && stream.size() < 64 * 1024) {
            int fin = data.consumeBoolean() ? 0x80 : 0;
            int rsv = data.consumeInt(0, 9) == 0 ? data.consumeInt(1, 7) << 4 : 0;
            int first = fin | rsv | pickOpcode(data);
            boolean masked = data.consumeInt(0, 15) != 0;
            byte[] payload = data.consumeBytes(data.consumeInt(0, MAX_BODY + 64));
            stream.write(first);
            int len = payload.length;
            if (len < 126) {
                stream.write((masked ? 0x80 : 0) | len);
            } else {
                stream.write((masked ? 0x80 : 0) | 126);
                stream.write(len >>> 8);
                stream.write(len);
            }
            if (masked) {
                byte[] key = {(byte) 0x37, (byte) 0xfa, (byte) 0x21, (byte) 0x3d};
                stream.writeBytes(key);
                for (int i = 0; i < len; i++) {
                    payload[i] ^= key[i & 3];
                }
            }
            stream.writeBytes(payload);
        }
        byte[] bytes = stream.toByteArray();
        for (int at = 0, n; at < bytes.length && ch.isOpen(); at += n) {
            n = Math.min(bytes.length - at, 1 + (at * 31 + bytes.length) % 200);
            feed.write(ch, bytes, at, n);
        }
    }

    /** Mostly the opcodes of RFC 6455 (continuation, text, binary, close, ping, pong), sometimes a reserved one. */
    private static int pickOpcode(FuzzedDataProvider data) {
        int[] known = {0x0, 0x1, 0x2, 0x2, 0x2, 0x8, 0x9, 0xA};
        return data.consumeInt(0, 15) == 0 ? data.consumeInt(0, 15) : known[data.consumeInt(0, known.length - 1)];
    }
}
