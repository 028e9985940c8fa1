package io.gatehouse.astron.md;

import static io.gatehouse.astron.md.MdLink.control;
import static io.gatehouse.astron.md.MdLink.datagram;
import static io.gatehouse.astron.md.MdLink.longs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.transport.HostPort;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Gatehouse Message Director joined to an upstream (docs/protocol/astron.md, section 3.4),
 * the upstream being a socket of the test's, as in astrond's own test_messagedirector.py: what
 * goes up is checked byte for byte against what astrond's suite expects.
 */
class MdUpstreamTest {

    /** A channel no one subscribes to: a datagram to it goes up and nowhere else, marking where a link's earlier traffic ends. */
    private static final long MARK = 999_999_999L;
    private final AtomicLong marks = new AtomicLong(1);

    private ServerSocket upstreamServer;
    private MessageDirector md;
    private MdUpstream upstream;
    private MdListener listener;
    private MdLink l1;
    private final CountDownLatch lost = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        upstreamServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        md = new MessageDirector(new LocalBus());
        upstream = MdUpstream.connect(md, new HostPort("127.0.0.1", upstreamServer.getLocalPort()), 1 << 20, lost::countDown);
        l1 = MdLink.accept(upstreamServer);
        listener = new MdListener(md, new HostPort("127.0.0.1", 0), TestLinks.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        listener.close();
        md.close();
        l1.close();
        upstreamServer.close();
    }

    private MdLink link() throws Exception {
        return new MdLink(listener.address());
    }

    private static byte[] add(long c) {
        return control(ControlMessage.ADD_CHANNEL, longs(c));
    }

    private static byte[] remove(long c) {
        return control(ControlMessage.REMOVE_CHANNEL, longs(c));
    }

    private static byte[] addRange(long lo, long hi) {
        return control(ControlMessage.ADD_RANGE, longs(lo, hi));
    }

    private static byte[] removeRange(long lo, long hi) {
        return control(ControlMessage.REMOVE_RANGE, longs(lo, hi));
    }

    private static byte[] clearPostRemoves(long sender) {
        return control(ControlMessage.CLEAR_POST_REMOVES, longs(sender));
    }

    private static byte[] addPostRemove(long sender, byte[] d) {
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + d.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(sender).putShort((short) d.length).put(d);
        return control(ControlMessage.ADD_POST_REMOVE, b.array());
    }

    /** An Astron string: uint16 length, then the bytes. */
    private static byte[] string(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + b.length).order(ByteOrder.LITTLE_ENDIAN).putShort((short) b.length).put(b).array();
    }

    private static byte[] test(long[] to, long sender, int type, int payload) {
        return datagram(to, sender, type, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(payload).array());
    }

    /**
     * What the upstream receives next, up to the mark {@code via} sends now, in order: nothing
     * else came up between (astrond's expect and expectNone, without waiting on a clock).
     */
    private void expectUp(MdLink via, byte[]... expected) throws Exception {
        byte[] mark = datagram(new long[] {MARK}, marks.getAndIncrement(), 1, new byte[0]);
        via.send(mark);
        List<byte[]> got = new ArrayList<>();
        for (byte[] d = l1.receive(); !Arrays.equals(d, mark); d = l1.receive()) {
            got.add(d);
        }
        assertThat(got).containsExactly(expected);
    }

    /** As {@link #expectUp}, in any order (astrond's expectMany). */
    private void expectUpInAnyOrder(MdLink via, byte[]... expected) throws Exception {
        byte[] mark = datagram(new long[] {MARK}, marks.getAndIncrement(), 1, new byte[0]);
        via.send(mark);
        List<byte[]> got = new ArrayList<>();
        for (byte[] d = l1.receive(); !Arrays.equals(d, mark); d = l1.receive()) {
            got.add(d);
        }
        assertThat(got).containsExactlyInAnyOrder(expected);
    }

    /**
     * Nothing reaches {@code link} before a mark the upstream sends to its channel {@code own}
     * (which, coming from above, goes to that link only).
     */
    private void expectNoneOn(MdLink link, long own) throws Exception {
        byte[] mark = datagram(new long[] {own}, MARK, 2, new byte[0]);
        l1.send(mark);
        assertThat(link.receive()).isEqualTo(mark);
    }

    /**
     * What a link's going away sends up (it is seen when the director reads the close, not in
     * order with other links), then, up to a mark, nothing more.
     */
    private void expectUpOnClose(MdLink via, byte[]... expected) throws Exception {
        List<byte[]> got = new ArrayList<>();
        while (got.size() < expected.length) {
            got.add(l1.receive());
        }
        assertThat(got).containsExactlyInAnyOrder(expected);
        expectUp(via);
    }

    @Test
    void everyDatagramGoesUpAsItWasSent() throws Exception {
        try (MdLink c1 = link()) {
            byte[] dg = datagram(new long[] {1234}, 4321, 1337, string("HELLO"));
            c1.send(dg);
            expectUp(c1, dg);
        }
    }

    @Test
    void theFirstSubscriberAsksUpstreamAndTheLastOneLeavingTellsIt() throws Exception {
        long ch = 12_345_654_321L;
        try (MdLink c1 = link()) {
            MdLink c2 = link();
            c1.send(add(ch));
            expectUp(c1, add(ch));

            byte[] dg = test(new long[] {ch}, 0, 1234, 0xDEADBEEF);
            c2.send(dg);
            assertThat(c1.receive()).isEqualTo(dg);
            expectUp(c2, dg);

            // the second subscriber asks nothing of the upstream
            c2.send(add(ch));
            expectUp(c2);
            c1.send(dg);
            assertThat(c2.receive()).isEqualTo(dg);
            expectUp(c1, dg);

            // one of two leaving tells the upstream nothing
            c1.send(remove(ch));
            expectUp(c1);
            c2.send(dg);
            expectUp(c2, dg);

            // the last one going away, by closing, tells it
            c2.close();
            expectUpOnClose(c1, remove(ch));
        }
    }

    @Test
    void datagramsFromUpstreamReachEachLocalSubscriberOnceAndNeverGoBack() throws Exception {
        try (MdLink c1 = link(); MdLink c2 = link()) {
            for (long c : new long[] {1111, 2222}) {
                c1.send(add(c));
            }
            // two links' reads have no order between them: c2 subscribes once c1's are up
            expectUpInAnyOrder(c1, add(1111), add(2222));
            for (long c : new long[] {2222, 3333}) {
                c2.send(add(c));
            }
            expectUp(c2, add(3333));

            byte[] absurd = test(new long[] {1111, 2222, 3333, 1111, 1111, 2222, 3333, 3333, 2222}, 0, 1234, 0xDEADBEEF);
            for (byte[] dg : new byte[][] {test(new long[] {2222}, 0, 1234, 1), test(new long[] {1111, 3333}, 0, 1234, 2),
                    test(new long[] {1111, 2222}, 0, 1234, 3), absurd}) {
                l1.send(dg);
                assertThat(c1.receive()).isEqualTo(dg);
                assertThat(c2.receive()).isEqualTo(dg);
            }
            // none of what the upstream sent came back up: the mark is the next thing it sees
            expectUp(c1);
            expectNoneOn(c1, 1111);

            // from below: up once, to the other subscriber once, not back to the sender
            c1.send(absurd);
            expectUp(c1, absurd);
            assertThat(c2.receive()).isEqualTo(absurd);
            expectNoneOn(c1, 1111);
            expectNoneOn(c2, 3333);
        }
    }

    @Test
    void postRemovesArePreRoutedUpstreamAndClearedOnceRouted() throws Exception {
        byte[] pr = datagram(new long[] {555_444_333}, 0, 4321, string("Testing..."));
        MdLink c1 = link();
        c1.send(addPostRemove(171_717, pr));
        expectUp(c1, addPostRemove(171_717, pr));
        c1.close();
        try (MdLink c2 = link()) {
            expectUpOnClose(c2, pr, clearPostRemoves(171_717));

            c2.send(addPostRemove(181_818, pr));
            expectUp(c2, addPostRemove(181_818, pr));
            c2.send(clearPostRemoves(181_818));
            expectUp(c2, clearPostRemoves(181_818));
        }
        byte[] pr2 = datagram(new long[] {987_987_987}, 0, 6959, new byte[0]);
        byte[] pr3 = datagram(new long[] {986_666_687}, 0, 1252, new byte[0]);
        MdLink c3 = link();
        c3.send(addPostRemove(191_919, pr));
        c3.send(addPostRemove(191_919, pr2));
        c3.send(addPostRemove(202_020, pr3));
        expectUp(c3, addPostRemove(191_919, pr), addPostRemove(191_919, pr2), addPostRemove(202_020, pr3));
        c3.close();
        try (MdLink c4 = link()) {
            expectUpOnClose(c4, pr, pr2, pr3, clearPostRemoves(191_919), clearPostRemoves(202_020));
        }
    }

    @Test
    void rangesGoUpAsAstrondSendsThem() throws Exception {
        MdLink c1 = link();
        MdLink c2 = link();
        c1.send(addRange(1000, 1999));
        expectUp(c1, addRange(1000, 1999));
        byte[] in = test(new long[] {1500}, 123_456_789, 5858, 1500);
        c2.send(in);
        assertThat(c1.receive()).isEqualTo(in);
        expectUp(c2, in);

        // a slice goes up as it was asked
        c1.send(removeRange(1300, 1700));
        expectUp(c1, removeRange(1300, 1700));
        // an overlapping range goes up whole
        c1.send(addRange(1900, 2100));
        expectUp(c1, addRange(1900, 2100));
        // nothing of 1000-1999 is held by anyone else: it goes up whole
        c1.send(removeRange(1000, 1999));
        expectUp(c1, removeRange(1000, 1999));
        // what is left dies with the link
        c1.close();
        c1 = link();
        expectUpOnClose(c1, removeRange(2000, 2100));

        c1.send(addRange(3000, 5000));
        expectUp(c1, addRange(3000, 5000));
        // clipped to what any range holds
        c1.send(removeRange(2950, 3043));
        expectUp(c1, removeRange(3000, 3043));
        c1.send(removeRange(4763, 6000));
        expectUp(c1, removeRange(4763, 5000));
        c1.send(removeRange(3951, 4049));
        expectUp(c1, removeRange(3951, 4049));
        // inside the bounds, gaps are not cut out
        c1.send(removeRange(4030, 4070));
        expectUp(c1, removeRange(4030, 4070));
        c1.send(removeRange(3891, 4040));
        expectUp(c1, removeRange(3891, 4040));
        c1.send(removeRange(3700, 4200));
        expectUp(c1, removeRange(3700, 4200));

        // c1 holds 3044-3699 and 4201-4762; c2's range overlaps the first
        c2.send(addRange(3500, 4500));
        expectUp(c2, addRange(3500, 4500));
        // what c2 still holds does not go up
        c1.send(removeRange(3650, 3800));
        expectUp(c1);
        c1.send(removeRange(3475, 3525));
        expectUp(c1, removeRange(3475, 3499));
        c2.send(removeRange(3620, 4300));
        expectUp(c2, removeRange(3650, 4200));
        // c2 going takes the part c1 does not hold
        c2.close();
        c2 = link();
        expectUpOnClose(c2, removeRange(3500, 3525));

        // a range over all of c1's goes up whole; its removal only where c1 holds nothing
        c2.send(addRange(1000, 5000));
        expectUp(c2, addRange(1000, 5000));
        c2.send(removeRange(1000, 5000));
        expectUpInAnyOrder(c2, removeRange(1000, 3043), removeRange(3475, 3525), removeRange(3650, 4200), removeRange(4763, 5000));
        c1.close();
        c2.close();
    }

    @Test
    void aChannelSubscribedInsideAnotherLinksRangeStillGoesUp() throws Exception {
        try (MdLink c1 = link(); MdLink c2 = link()) {
            c1.send(addRange(100, 200));
            expectUp(c1, addRange(100, 200));
            // astrond counts single channels apart from ranges
            c2.send(add(150));
            expectUp(c2, add(150));
            // a link's own range already holds it: nothing
            c1.send(add(150));
            expectUp(c1);
            c2.send(remove(150));
            expectUp(c2, remove(150));
        }
    }

    @Test
    void losingTheUpstreamIsReportedOnce() throws Exception {
        l1.close();
        assertThat(lost.await(10, TimeUnit.SECONDS)).as("the loss reported").isTrue();
    }

    @Test
    void anUpstreamThatCannotBeReachedFailsTheConnect() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (MessageDirector other = new MessageDirector(new LocalBus())) {
            assertThatThrownBy(() -> MdUpstream.connect(other, new HostPort("127.0.0.1", closed), 1 << 20, () -> { }))
                    .isInstanceOf(MdUpstream.UpstreamException.class)
                    .hasMessageContaining("cannot connect to the upstream Message Director at 127.0.0.1:" + closed);
        }
    }

    @Test
    void anUpstreamThatDoesNotReadIsALossOnceItsBoundIsPassed() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        try (ServerSocket server = new ServerSocket()) {
            server.setReceiveBufferSize(4096);
            server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            try (MessageDirector other = new MessageDirector(new LocalBus())) {
                MdUpstream.connect(other, new HostPort("127.0.0.1", server.getLocalPort()), 64 * 1024, stuck::countDown);
                try (java.net.Socket neverRead = server.accept();
                     MdListener l = new MdListener(other, new HostPort("127.0.0.1", 0), TestLinks.defaults());
                     MdLink c = new MdLink(l.address())) {
                    c.send(add(4242));
                    byte[] big = datagram(new long[] {1234}, 1, 1, new byte[60_000]);
                    for (int i = 0; i < 10_000 && stuck.getCount() > 0; i++) {
                        c.send(big);
                    }
                    assertThat(stuck.await(10, TimeUnit.SECONDS)).as("the loss reported").isTrue();
                    // the link's going is handled after all it sent: then nothing of it waits to be routed
                    c.close();
                    await().until(() -> other.subscriberCount(4242) == 0);
                }
            }
        }
    }

    @Test
    void stoppingTheDirectorIsNoLoss() throws Exception {
        upstream.close();
        assertThat(l1.closedByServer()).isTrue();
        assertThat(lost.getCount()).isEqualTo(1);
    }
}
