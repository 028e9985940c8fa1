package io.gatehouse.astron.md;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.testing.ManualScheduler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A Message Director link on arbitrary bytes (docs/protocol/astron.md, sections 1 and 3): the
 * listener's length framing and the link's datagram and control reader, in the fragments the
 * input's first byte chooses (1 to 256 bytes), with an in-process participant subscribed to
 * every channel. Everything runs on the director's routing thread, as a real link does. What
 * must hold: the participant receives, byte for byte and in order, every datagram whose
 * recipients are whole and that is not a control message, up to a control message or a lone recipient cut short
 * (which ends the link; nothing after it is acted on), then the link's post-removes still
 * filed when it goes (routed like any datagram); no input ends as a server error; every buffer
 * fed is released.
 */
class MdDatagramFuzzTest {

    private static final MessageDirector MD = new MessageDirector(new LocalBus());
    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
    private static final MdLinks LINKS = new MdLinks(MdLinkConfig.defaults(), new ManualScheduler(), new FrontMetrics(METERS, "astron_md"));
    /** What the participant received; touched on the routing thread only. */
    private static final List<byte[]> ROUTED = new ArrayList<>();

    static {
        MD.subscribeRange(new MdParticipant() {
            @Override
            public String name() {
                return "everything";
            }

            @Override
            public void deliver(ByteBuf datagram) {
                ROUTED.add(ByteBufUtil.getBytes(datagram));
                datagram.release();
            }
        }, 0, -1L);
    }

    @FuzzTest(maxDuration = "5s")
    void datagrams(byte[] input) throws Exception {
        if (input.length == 0) {
            return;
        }
        int fragment = 1 + (input[0] & 0xFF);
        byte[] stream = Arrays.copyOfRange(input, 1, input.length);
        List<ByteBuf> fed = new ArrayList<>();
        EmbeddedChannel link = onMd(() -> {
            ROUTED.clear();
            EmbeddedChannel ch = new EmbeddedChannel(
                    new LengthFieldBasedFrameDecoder(ByteOrder.LITTLE_ENDIAN, MdListener.MAX_DATAGRAM + 2, 0, 2, 0, 2, true),
                    new MdNetworkParticipant(MD, LINKS));
            for (int at = 0; at < stream.length && ch.isOpen(); at += fragment) {
                ByteBuf b = Unpooled.wrappedBuffer(Arrays.copyOfRange(stream, at, Math.min(stream.length, at + fragment)));
                fed.add(b);
                ch.writeInbound(b);
            }
            return ch;
        });
        // the datagrams it routed are queued behind the task above; the link goes after them
        onMd(() -> link.finishAndReleaseAll());
        List<byte[]> routed = onMd(() -> new ArrayList<>(ROUTED));

        assertThat(routed).as("what the link routed, then its post-removes").containsExactlyElementsOf(expected(stream));
        assertThat(METERS.get("gatehouse.closes").tag("reason", "server_error").counter().count()).as("no server error").isZero();
        for (int i = 0; i < fed.size(); i++) {
            assertThat(fed.get(i).refCnt()).as("fragment %d of %d released", i, fed.size()).isZero();
        }
    }

    /** What section 3 says the participant gets for {@code stream}, worked out independently of the director. */
    private static List<byte[]> expected(byte[] stream) {
        List<byte[]> out = new ArrayList<>();
        Map<Long, List<byte[]>> postRemoves = new LinkedHashMap<>();
        ByteBuffer in = ByteBuffer.wrap(stream).order(ByteOrder.LITTLE_ENDIAN);
        while (in.remaining() >= 2) {
            int length = in.getShort(in.position()) & 0xFFFF;
            if (in.remaining() < 2 + length) {
                break;
            }
            in.position(in.position() + 2);
            byte[] d = new byte[length];
            in.get(d);
            long[] to = recipients(d);
            if (to == null) {
                if (d.length >= 1 && d[0] == 1) {
                    break; // one recipient cut short: the link ends, as in astrond
                }
                continue;
            }
            if (to.length == 1 && to[0] == ControlMessage.CONTROL_CHANNEL) {
                if (!control(ByteBuffer.wrap(d, 9, d.length - 9).slice().order(ByteOrder.LITTLE_ENDIAN), postRemoves)) {
                    break;
                }
            } else if (to.length > 0) {
                out.add(d);
            }
        }
        for (List<byte[]> filed : postRemoves.values()) {
            for (byte[] d : filed) {
                long[] to = recipients(d);
                if (to != null && to.length > 0) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    /** Applies one control message to the post-removes; false when it is cut short. */
    private static boolean control(ByteBuffer c, Map<Long, List<byte[]>> postRemoves) {
        if (c.remaining() < 2) {
            return false;
        }
        ControlMessage m = ControlMessage.of(c.getShort() & 0xFFFF);
        if (m == null) {
            return true;
        }
        int need = switch (m) {
            case ADD_CHANNEL, REMOVE_CHANNEL, CLEAR_POST_REMOVES -> 8;
            case ADD_RANGE, REMOVE_RANGE -> 16;
            case ADD_POST_REMOVE -> c.remaining() < 10 ? 10 : 10 + (c.getShort(c.position() + 8) & 0xFFFF);
            case SET_CON_NAME, SET_CON_URL, LOG_MESSAGE -> c.remaining() < 2 ? 2 : 2 + (c.getShort(c.position()) & 0xFFFF);
        };
        if (c.remaining() < need) {
            return false;
        }
        if (m == ControlMessage.ADD_POST_REMOVE) {
            long sender = c.getLong();
            byte[] d = new byte[c.getShort() & 0xFFFF];
            c.get(d);
            postRemoves.computeIfAbsent(sender, k -> new ArrayList<>()).add(d);
        } else if (m == ControlMessage.CLEAR_POST_REMOVES) {
            postRemoves.remove(c.getLong());
        }
        return true;
    }

    private static long[] recipients(byte[] d) {
        if (d.length < 1 || d.length < 1 + 8 * (d[0] & 0xFF)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        long[] to = new long[d[0] & 0xFF];
        for (int i = 0; i < to.length; i++) {
            to[i] = b.getLong(1 + 8 * i);
        }
        return to;
    }

    private static <T> T onMd(Callable<T> task) throws Exception {
        return RoutingThread.call(MD, task);
    }
}
