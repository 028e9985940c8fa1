package io.gatehouse.core.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Bus} keeps, run by {@code LocalBusTest} and by any other implementation
 * (extend it, return a fresh bus from {@link #newBus()}). Delivery may be asynchronous: every
 * check waits for what it expects, and a check that something did not arrive first waits for a
 * later message to the same subscriber from the same thread (a bus keeps one publisher's order
 * to one subscriber). Numeric channels follow docs/protocol/astron.md, section 3.1.
 */
public abstract class BusContract {

    /** Far from every channel and range these checks use; a member hears it to prove it heard the rest. */
    private static final long FENCE = -2L;
    private static final Duration WAIT = Duration.ofSeconds(10);

    protected Bus bus;

    /** A bus with no subscriptions, for one test. */
    protected abstract Bus newBus();

    /** Gives back what {@link #newBus()} took (a connection, say); nothing by default. */
    protected void release(Bus bus) {
    }

    @BeforeEach
    void createBus() {
        bus = newBus();
    }

    @AfterEach
    void releaseBus() {
        release(bus);
    }

    private static BusMessage text(String topic, String s) {
        return new BusMessage(topic, BusMessage.ContentType.JSON, s.getBytes(StandardCharsets.UTF_8));
    }

    /** Records the topic messages it takes, as text. */
    private static final class Inbox implements Bus.Subscriber {
        final Queue<String> got = new ConcurrentLinkedQueue<>();

        @Override
        public void onMessage(BusMessage m) {
            got.add(m.channel() + ":" + new String(m.payload(), StandardCharsets.UTF_8));
        }
    }

    /** Records the first eight bytes (little-endian) of each datagram it takes, and releases it. */
    private static final class Recorder implements Bus.ChannelSubscriber {
        final Queue<Long> got = new ConcurrentLinkedQueue<>();

        @Override
        public void onDatagram(ByteBuf d) {
            try {
                got.add(d.getLongLE(d.readerIndex()));
            } finally {
                d.release();
            }
        }
    }

    private static ByteBuf datagram(long value) {
        return Unpooled.buffer(8).writeLongLE(value);
    }

    private void send(long value, long... channels) {
        ByteBuf d = datagram(value);
        try {
            bus.publish(channels, d);
        } finally {
            d.release();
        }
    }

    /** What {@code member} heard of one datagram to each probe channel (its value is the channel), in order. */
    private List<Long> heard(Bus.ChannelMember member, Recorder r, long... probes) {
        member.subscribe(FENCE);
        for (long c : probes) {
            send(c, c);
        }
        send(FENCE, FENCE);
        await().atMost(WAIT).until(() -> r.got.contains(FENCE));
        member.unsubscribe(FENCE);
        List<Long> out = new ArrayList<>();
        for (Long v; (v = r.got.poll()) != null; ) {
            if (v != FENCE) {
                out.add(v);
            }
        }
        return out;
    }

    // ---- string topics

    @Test
    void aTopicMessageReachesEachSubscriberOfThatTopicOnce() {
        Inbox a = new Inbox();
        Inbox b = new Inbox();
        Inbox other = new Inbox();
        bus.subscribe("news", a);
        bus.subscribe("news", b);
        bus.subscribe("weather", other);
        bus.publish(text("news", "hi"));
        bus.publish(text("weather", "rain"));
        await().atMost(WAIT).until(() -> a.got.size() == 1 && b.got.size() == 1 && other.got.size() == 1);
        assertThat(a.got).containsExactly("news:hi");
        assertThat(b.got).containsExactly("news:hi");
        assertThat(other.got).containsExactly("weather:rain");
    }

    @Test
    void theMessageArrivesWithItsContentTypeAndBytes() {
        Queue<BusMessage> got = new ConcurrentLinkedQueue<>();
        bus.subscribe("bin", got::add);
        byte[] payload = {0, 1, (byte) 0xff, 42};
        bus.publish(new BusMessage("bin", BusMessage.ContentType.PROTOBUF, payload));
        await().atMost(WAIT).until(() -> !got.isEmpty());
        BusMessage m = got.peek();
        assertThat(m.channel()).isEqualTo("bin");
        assertThat(m.contentType()).isEqualTo(BusMessage.ContentType.PROTOBUF);
        assertThat(m.payload()).containsExactly(payload);
    }

    @Test
    void aClosedSubscriptionHearsNothingMore() {
        Inbox gone = new Inbox();
        Inbox stays = new Inbox();
        Bus.Subscription s = bus.subscribe("t", gone);
        bus.subscribe("t", stays);
        bus.publish(text("t", "1"));
        await().atMost(WAIT).until(() -> gone.got.size() == 1 && stays.got.size() == 1);
        s.close();
        bus.publish(text("t", "2"));
        bus.publish(text("t", "3"));
        await().atMost(WAIT).until(() -> stays.got.size() == 3);
        assertThat(gone.got).containsExactly("t:1");
        assertThat(stays.got).containsExactly("t:1", "t:2", "t:3");
        assertThat(bus.localSubscribers("t")).isEqualTo(1);
    }

    @Test
    void oneSubscriberSubscribedTwiceHoldsTwoSubscriptions() {
        Inbox a = new Inbox();
        Bus.Subscription first = bus.subscribe("t", a);
        bus.subscribe("t", a);
        assertThat(bus.localSubscribers("t")).isEqualTo(2);
        first.close();
        bus.publish(text("t", "x"));
        await().atMost(WAIT).until(() -> a.got.size() == 1);
        assertThat(bus.localSubscribers("t")).isEqualTo(1);
    }

    @Test
    void aTopicWithoutSubscribersTakesThePublishAndDropsIt() {
        bus.publish(text("nobody", "x"));
        assertThat(bus.localSubscribers("nobody")).isZero();
    }

    // ---- numeric channels

    @Test
    void aDatagramToSeveralChannelsReachesEachMemberOnce() {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        Bus.ChannelMember ma = bus.join(a);
        Bus.ChannelMember mb = bus.join(b);
        ma.subscribe(100);
        ma.subscribeRange(90, 110);
        mb.subscribe(105);
        mb.subscribe(200);
        send(7, 100, 105, 200, 300);
        send(8, 300);
        ma.subscribe(FENCE);
        mb.subscribe(FENCE);
        send(FENCE, FENCE);
        await().atMost(WAIT).until(() -> a.got.contains(FENCE) && b.got.contains(FENCE));
        assertThat(a.got).containsExactly(7L, FENCE);
        assertThat(b.got).containsExactly(7L, FENCE);
    }

    @Test
    void aMemberNeverHearsItsOwnDatagram() {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        Bus.ChannelMember ma = bus.join(a);
        Bus.ChannelMember mb = bus.join(b);
        ma.subscribe(5);
        mb.subscribe(5);
        ByteBuf d = datagram(5);
        ma.publish(new long[] {5}, d);
        d.release();
        assertThat(heard(mb, b)).containsExactly(5L);
        assertThat(heard(ma, a)).isEmpty();
    }

    @Test
    void eachRecipientGetsItsOwnBufferAndThePublisherKeepsOwnership() {
        Queue<ByteBuf> got = new ConcurrentLinkedQueue<>();
        bus.join(got::add).subscribe(9);
        bus.join(got::add).subscribe(9);
        ByteBuf d = datagram(99);
        bus.publish(new long[] {9}, d);
        await().atMost(WAIT).until(() -> got.size() == 2);
        for (ByteBuf b : got) {
            assertThat(b.getLongLE(b.readerIndex())).isEqualTo(99L);
            b.readLongLE();
            b.release();
        }
        assertThat(d.refCnt()).as("the publisher's buffer is still its own").isEqualTo(1);
        assertThat(d.readableBytes()).as("recipients read their own duplicates").isEqualTo(8);
        d.release();
    }

    @Test
    void rangesIncludeBothBoundsAndAreUnsigned() {
        Recorder r = new Recorder();
        Bus.ChannelMember m = bus.join(r);
        m.subscribeRange(1000, 1999);
        m.subscribeRange(1L << 63, -3L);
        assertThat(heard(m, r, 999, 1000, 1999, 2000, 5, (1L << 63) - 1, 1L << 63, -3L, -1L))
                .containsExactly(1000L, 1999L, 1L << 63, -3L);
        assertThat(bus.localSubscribers(1500)).isEqualTo(1);
        assertThat(bus.localSubscribers(2000)).isZero();
    }

    @Test
    void aRangeWithItsLowBoundAboveItsHighIsEmpty() {
        Recorder r = new Recorder();
        Bus.ChannelMember m = bus.join(r);
        m.subscribeRange(20, 10);
        assertThat(heard(m, r, 10, 15, 20)).isEmpty();
        m.subscribeRange(10, 20);
        m.unsubscribeRange(20, 10);
        assertThat(heard(m, r, 10, 15, 20)).containsExactly(10L, 15L, 20L);
    }

    @Test
    void removingTheMiddleOfARangeLeavesBothEnds() {
        Recorder r = new Recorder();
        Bus.ChannelMember m = bus.join(r);
        m.subscribeRange(1000, 1999);
        m.unsubscribeRange(1300, 1700);
        assertThat(heard(m, r, 999, 1000, 1299, 1300, 1500, 1700, 1701, 1999, 2000))
                .containsExactly(1000L, 1299L, 1701L, 1999L);
    }

    @Test
    void overlappingRangesAreOneSetThatOneRemovalTakesAway() {
        Recorder r = new Recorder();
        Bus.ChannelMember m = bus.join(r);
        m.subscribeRange(100, 200);
        m.subscribeRange(150, 250);
        m.subscribeRange(150, 250);
        m.unsubscribeRange(100, 200);
        assertThat(heard(m, r, 100, 200, 201, 250, 251)).containsExactly(201L, 250L);
        m.unsubscribeRange(0, 1000);
        assertThat(heard(m, r, 201, 250)).isEmpty();
    }

    @Test
    void aChannelInsideTheMembersRangeIsNotKeptOnItsOwn() {
        Recorder r = new Recorder();
        Bus.ChannelMember m = bus.join(r);
        m.subscribeRange(10, 20);
        m.subscribe(15);
        m.unsubscribeRange(10, 20);
        assertThat(heard(m, r, 15)).isEmpty();
    }

    @Test
    void removingAChannelLeavesTheRangeThatCoversIt() {
        Recorder r = new Recorder();
        Bus.ChannelMember m = bus.join(r);
        m.subscribeRange(10, 20);
        m.unsubscribe(15);
        assertThat(heard(m, r, 15)).containsExactly(15L);
    }

    @Test
    void aChannelAddedTwiceGoesWithOneRemoval() {
        Recorder r = new Recorder();
        Bus.ChannelMember m = bus.join(r);
        m.subscribe(7);
        m.subscribe(7);
        m.unsubscribe(7);
        assertThat(heard(m, r, 7)).isEmpty();
    }

    @Test
    void removingARangeDropsSingleChannelsInsideItWhileSomeMemberHoldsARange() {
        Recorder r = new Recorder();
        Bus.ChannelMember m = bus.join(r);
        Bus.ChannelMember elsewhere = bus.join(new Recorder());
        elsewhere.subscribeRange(5000, 5001);
        m.subscribe(40);
        m.subscribe(60);
        m.unsubscribeRange(30, 50);
        assertThat(heard(m, r, 40, 60)).containsExactly(60L);
    }

    @Test
    void removingARangeChangesNothingWhileNoMemberHoldsARange() {
        Recorder r = new Recorder();
        Bus.ChannelMember m = bus.join(r);
        m.subscribe(40);
        m.unsubscribeRange(30, 50);
        assertThat(heard(m, r, 40)).containsExactly(40L);
    }

    @Test
    void aClosedMemberHearsNothingAndHoldsNoChannel() {
        Recorder r = new Recorder();
        Recorder stays = new Recorder();
        Bus.ChannelMember m = bus.join(r);
        Bus.ChannelMember other = bus.join(stays);
        m.subscribe(3);
        m.subscribeRange(10, 20);
        other.subscribe(3);
        m.close();
        assertThat(heard(other, stays, 3, 15)).containsExactly(3L);
        assertThat(r.got).isEmpty();
        assertThat(bus.localSubscribers(3)).isEqualTo(1);
        assertThat(bus.localSubscribers(15)).isZero();
    }

    @Test
    void aMemberMayChangeItsSubscriptionsWhileItTakesADatagram() {
        Queue<Long> got = new ConcurrentLinkedQueue<>();
        Bus.ChannelMember[] self = new Bus.ChannelMember[1];
        self[0] = bus.join(d -> {
            try {
                long v = d.getLongLE(d.readerIndex());
                got.add(v);
                if (v == 1) {
                    self[0].unsubscribe(1);
                    self[0].subscribe(2);
                }
            } finally {
                d.release();
            }
        });
        self[0].subscribe(1);
        send(1, 1);
        await().atMost(WAIT).until(() -> bus.localSubscribers(2) == 1);
        send(1, 1);
        send(2, 2);
        await().atMost(WAIT).until(() -> got.contains(2L));
        assertThat(got).containsExactly(1L, 2L);
    }

    @Test
    void aMemberTakesItsDatagramsOnItsExecutorAndItsChangesHoldForTheDatagramsBehind() throws Exception {
        ExecutorService own = Executors.newSingleThreadExecutor(r -> new Thread(r, "member-executor"));
        try {
            Queue<Long> got = new ConcurrentLinkedQueue<>();
            Queue<String> threads = new ConcurrentLinkedQueue<>();
            Bus.ChannelMember[] self = new Bus.ChannelMember[1];
            self[0] = bus.join(d -> {
                try {
                    threads.add(Thread.currentThread().getName());
                    long v = d.getLongLE(d.readerIndex());
                    got.add(v);
                    if (v == 1) {
                        // as a State Server's new object subscribes when it takes its create
                        self[0].subscribe(2);
                    }
                } finally {
                    d.release();
                }
            }, own);
            own.submit(() -> self[0].subscribe(1)).get();
            send(1, 1);
            send(2, 2);
            await().atMost(WAIT).until(() -> got.contains(2L));
            assertThat(got).containsExactly(1L, 2L);
            assertThat(threads).as("on the member's executor, or on the publisher's thread for a bus that delivers there")
                    .allMatch(t -> t.equals("member-executor") || t.equals(Thread.currentThread().getName()));
        } finally {
            own.shutdownNow();
        }
    }
}
