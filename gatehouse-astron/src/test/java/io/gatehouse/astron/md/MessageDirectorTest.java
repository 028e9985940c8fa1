package io.gatehouse.astron.md;

import static io.gatehouse.astron.md.MdLink.control;
import static io.gatehouse.astron.md.MdLink.datagram;
import static io.gatehouse.astron.md.MdLink.longs;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.transport.HostPort;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Message Director over real sockets, with two external participants. */
class MessageDirectorTest {

    private static final long PROBE = 77_777;
    private final AtomicLong probeIds = new AtomicLong(1);

    private MessageDirector md;
    private MdListener listener;
    private final BlockingQueue<byte[]> probed = new LinkedBlockingQueue<>();

    /** An in-process participant: tells the test when a link's earlier messages have all been handled. */
    private final MdParticipant probe = new MdParticipant() {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public void deliver(ByteBuf datagram) {
            probed.add(ByteBufUtil.getBytes(datagram));
            datagram.release();
        }
    };

    @BeforeEach
    void start() throws InterruptedException {
        md = new MessageDirector(new LocalBus());
        md.subscribe(probe, PROBE);
        listener = new MdListener(md, new HostPort("127.0.0.1", 0), TestLinks.defaults());
    }

    @AfterEach
    void stop() {
        listener.close();
        md.close();
    }

    /** Returns once everything {@code link} sent before has been handled by the director. */
    private void sync(MdLink link) throws Exception {
        long id = probeIds.getAndIncrement();
        link.send(datagram(new long[] {PROBE}, id, 1, new byte[0]));
        while (true) {
            byte[] d = probed.poll(10, TimeUnit.SECONDS);
            assertThat(d).as("probe answered").isNotNull();
            if (ByteBuffer.wrap(d, 9, 8).order(ByteOrder.LITTLE_ENDIAN).getLong() == id) {
                return;
            }
        }
    }

    @Test
    void routesByChannelAndRangeByteForByte() throws Exception {
        try (MdLink ai = new MdLink(listener.address()); MdLink ud = new MdLink(listener.address())) {
            ai.send(control(ControlMessage.ADD_CHANNEL, longs(4000)));
            ai.send(control(ControlMessage.ADD_RANGE, longs(100_000, 199_999)));
            sync(ai);

            byte[] one = datagram(new long[] {4000}, 1234, 2000, "hello".getBytes(StandardCharsets.UTF_8));
            ud.send(one);
            assertThat(ai.receive()).isEqualTo(one);

            byte[] ranged = datagram(new long[] {150_000}, 1234, 2001, new byte[] {1, 2, 3});
            ud.send(ranged);
            assertThat(ai.receive()).isEqualTo(ranged);

            byte[] both = datagram(new long[] {4000, 150_001, 9}, 1234, 2002, new byte[0]);
            byte[] nobody = datagram(new long[] {5}, 1234, 2003, new byte[0]);
            byte[] after = datagram(new long[] {4000}, 1234, 2004, new byte[0]);
            ud.send(both);
            ud.send(nobody);
            ud.send(after);
            assertThat(ai.receive()).as("once, though two channels match").isEqualTo(both);
            assertThat(ai.receive()).as("the unaddressed one never came").isEqualTo(after);
        }
    }

    @Test
    void theSpecsControlVectorsSubscribe() throws Exception {
        try (MdLink ai = new MdLink(listener.address()); MdLink ud = new MdLink(listener.address())) {
            ai.sendRaw(java.util.HexFormat.of().parseHex("1300010100000000000000" + "2823a00f000000000000"));
            ai.sendRaw(java.util.HexFormat.of().parseHex("1b00010100000000000000" + "2a23a086010000000000" + "3f0d030000000000"));
            sync(ai);
            byte[] a = datagram(new long[] {4000}, 1, 1, new byte[0]);
            byte[] b = datagram(new long[] {199_999}, 1, 1, new byte[0]);
            ud.send(a);
            ud.send(b);
            assertThat(ai.receive()).isEqualTo(a);
            assertThat(ai.receive()).isEqualTo(b);
        }
    }

    @Test
    void aSenderDoesNotHearItself() throws Exception {
        try (MdLink a = new MdLink(listener.address()); MdLink b = new MdLink(listener.address())) {
            a.send(control(ControlMessage.ADD_CHANNEL, longs(10)));
            b.send(control(ControlMessage.ADD_CHANNEL, longs(10)));
            sync(a);
            sync(b);
            byte[] d = datagram(new long[] {10}, 1, 3, new byte[] {9});
            a.send(d);
            assertThat(b.receive()).isEqualTo(d);
            byte[] fromB = datagram(new long[] {10}, 2, 3, new byte[] {8});
            b.send(fromB);
            assertThat(a.receive()).as("a got b's, not its own").isEqualTo(fromB);
        }
    }

    @Test
    void removingChannelsAndRangesStopsDelivery() throws Exception {
        try (MdLink ai = new MdLink(listener.address()); MdLink ud = new MdLink(listener.address())) {
            ai.send(control(ControlMessage.ADD_CHANNEL, longs(50)));
            ai.send(control(ControlMessage.ADD_RANGE, longs(60, 70)));
            ai.send(control(ControlMessage.ADD_CHANNEL, longs(80)));
            ai.send(control(ControlMessage.REMOVE_CHANNEL, longs(50)));
            ai.send(control(ControlMessage.REMOVE_RANGE, longs(60, 70)));
            sync(ai);
            ud.send(datagram(new long[] {50}, 1, 1, new byte[0]));
            ud.send(datagram(new long[] {65}, 1, 1, new byte[0]));
            byte[] still = datagram(new long[] {80}, 1, 1, new byte[0]);
            ud.send(still);
            assertThat(ai.receive()).isEqualTo(still);
        }
    }

    @Test
    void removingPartOfARangeKeepsBothEnds() throws Exception {
        try (MdLink ai = new MdLink(listener.address()); MdLink ud = new MdLink(listener.address())) {
            ai.send(control(ControlMessage.ADD_RANGE, longs(1000, 1999)));
            ai.send(control(ControlMessage.REMOVE_RANGE, longs(1300, 1700)));
            ai.send(control(ControlMessage.ADD_CHANNEL, longs(80)));
            sync(ai);
            for (long c : new long[] {999, 1000, 1299, 1300, 1500, 1700, 1701, 1999, 2000}) {
                ud.send(datagram(new long[] {c}, 1, 1, new byte[0]));
            }
            byte[] marker = datagram(new long[] {80}, 1, 1, new byte[0]);
            ud.send(marker);
            for (long c : new long[] {1000, 1299, 1701, 1999}) {
                assertThat(ai.receive()).isEqualTo(datagram(new long[] {c}, 1, 1, new byte[0]));
            }
            assertThat(ai.receive()).as("nothing from the removed middle").isEqualTo(marker);
        }
    }

    @Test
    void postRemovesAreRoutedWhenTheLinkGoesAndCanBeCleared() throws Exception {
        try (MdLink watcher = new MdLink(listener.address())) {
            watcher.send(control(ControlMessage.ADD_CHANNEL, longs(500)));
            sync(watcher);
            byte[] goodbye = datagram(new long[] {500}, 42, 2004, "bye".getBytes(StandardCharsets.UTF_8));
            byte[] cleared = datagram(new long[] {500}, 43, 2004, "never".getBytes(StandardCharsets.UTF_8));
            MdLink ai = new MdLink(listener.address());
            ai.send(control(ControlMessage.ADD_POST_REMOVE, concat(longs(42), blob(goodbye))));
            ai.send(control(ControlMessage.ADD_POST_REMOVE, concat(longs(43), blob(cleared))));
            ai.send(control(ControlMessage.CLEAR_POST_REMOVES, longs(43)));
            ai.send(control(ControlMessage.SET_CON_NAME, string("AI #1")));
            sync(ai);
            ai.close();
            assertThat(watcher.receive()).isEqualTo(goodbye);
            byte[] marker = datagram(new long[] {500}, 1, 1, new byte[0]);
            try (MdLink other = new MdLink(listener.address())) {
                other.send(marker);
                assertThat(watcher.receive()).as("the cleared one never came").isEqualTo(marker);
            }
        }
    }

    @Test
    void truncatedControlMessageEndsTheLinkButNotTheDirector() throws Exception {
        try (MdLink bad = new MdLink(listener.address()); MdLink good = new MdLink(listener.address())) {
            bad.send(control(ControlMessage.ADD_RANGE, longs(5)));
            assertThat(bad.closedByServer()).isTrue();
            good.send(control(ControlMessage.ADD_CHANNEL, longs(7)));
            sync(good);
            try (MdLink sender = new MdLink(listener.address())) {
                byte[] d = datagram(new long[] {7}, 1, 1, new byte[0]);
                sender.send(new byte[] {3, 0, 1, 2, 3});
                sender.send(d);
                assertThat(good.receive()).as("a truncated datagram is dropped, the next one routed").isEqualTo(d);
            }
        }
    }

    private static byte[] blob(byte[] b) {
        return concat(new byte[] {(byte) b.length, (byte) (b.length >> 8)}, b);
    }

    private static byte[] string(String s) {
        return blob(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

}
