package io.gatehouse.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.core.time.Scheduler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Relay} keeps, run by {@code LocalRelayTest} and by any other implementation
 * (extend it, build the relay in {@link #newRelay}). Answers may come on other threads and after
 * {@code attach} returns, so every check waits for what it expects; bytes are checked through
 * the peer each end was given, never by the peer's identity. Time is a {@link ManualScheduler}.
 */
public abstract class RelayContract {

    protected static final Duration GRACE = Duration.ofSeconds(300);
    private static final Duration WAIT = Duration.ofSeconds(10);

    protected final ManualScheduler clock = new ManualScheduler();
    protected Relay relay;

    /** A relay with no games whose grace periods run on {@code scheduler}. */
    protected abstract Relay newRelay(Scheduler scheduler, Duration grace);

    /** Gives back what {@link #newRelay} took; nothing by default. */
    protected void release(Relay relay) {
    }

    @BeforeEach
    void createRelay() {
        relay = newRelay(clock, GRACE);
    }

    @AfterEach
    void releaseRelay() {
        release(relay);
    }

    /** A pipe end that records what the relay tells it and the bytes written to it. */
    protected static final class End implements PipeEnd {
        final String name;
        final Queue<String> events = new ConcurrentLinkedQueue<>();
        final Queue<String> bytes = new ConcurrentLinkedQueue<>();
        volatile PipeEnd peer;

        End(String name) {
            this.name = name;
        }

        @Override
        public void paired(PipeEnd p) {
            peer = p;
            events.add("paired");
        }

        @Override
        public void refused() {
            events.add("refused");
        }

        @Override
        public void unpaired() {
            peer = null;
            events.add("unpaired");
        }

        @Override
        public void send(ByteBuf b) {
            try {
                bytes.add(b.toString(StandardCharsets.UTF_8));
            } finally {
                b.release();
            }
        }

        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public void resumeReading() {
            events.add("resume");
        }

        /** Writes text to whatever peer this end was given. */
        void write(String text) {
            peer.send(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        }
    }

    private static void awaitEvents(End e, String... events) {
        await().atMost(WAIT).until(() -> e.events.size() >= events.length);
        assertThat(e.events).as(e.name).containsExactly(events);
    }

    /** {@code a} and {@code b} are each other's peers: what one writes the other gets, both ways. */
    private static void connected(End a, End b, String tag) {
        a.write(a.name + ">" + tag);
        b.write(b.name + ">" + tag);
        await().atMost(WAIT).until(() -> b.bytes.contains(a.name + ">" + tag) && a.bytes.contains(b.name + ">" + tag));
    }

    @Test
    void theHostsPipeFirstPairsWithAPlayersPipe() {
        relay.open("g", "host", List.of("p1"));
        End s = new End("s");
        End c = new End("c");
        relay.attach("host", PipeRole.SERVER, s);
        relay.attach("p1", PipeRole.CLIENT, c);
        awaitEvents(s, "paired");
        awaitEvents(c, "paired");
        connected(s, c, "1");
    }

    @Test
    void thePlayersPipeFirstPairsWithTheHostsPipe() {
        relay.open("g", "host", List.of("p1"));
        End c = new End("c");
        End s = new End("s");
        relay.attach("p1", PipeRole.CLIENT, c);
        relay.attach("host", PipeRole.SERVER, s);
        awaitEvents(c, "paired");
        awaitEvents(s, "paired");
        connected(c, s, "1");
    }

    @Test
    void pipesJoinTheOldestLinkThatLacksTheirRole() {
        relay.open("g", "host", List.of("p1", "p2"));
        End s1 = new End("s1");
        End s2 = new End("s2");
        End c2 = new End("c2");
        End c1 = new End("c1");
        relay.attach("host", PipeRole.SERVER, s1);
        relay.attach("host", PipeRole.SERVER, s2);
        await().atMost(WAIT).until(() -> relay.pipeCount() == 2);
        assertThat(s1.events).isEmpty();
        relay.attach("p2", PipeRole.CLIENT, c2);
        awaitEvents(s1, "paired");
        relay.attach("p1", PipeRole.CLIENT, c1);
        awaitEvents(s2, "paired");
        connected(s1, c2, "a");
        connected(s2, c1, "b");
        assertThat(s1.bytes).as("nothing crossed between the links").doesNotContain("c1>b");
        assertThat(relay.pipeCount()).isEqualTo(4);
    }

    @Test
    void aPipeNoGameAdmitsIsRefused() {
        relay.open("g", "host", List.of("p1"));
        End wrongRole = new End("as server");
        End hostAsClient = new End("host as client");
        End stranger = new End("stranger");
        relay.attach("p1", PipeRole.SERVER, wrongRole);
        relay.attach("host", PipeRole.CLIENT, hostAsClient);
        relay.attach("other", PipeRole.CLIENT, stranger);
        awaitEvents(wrongRole, "refused");
        awaitEvents(hostAsClient, "refused");
        awaitEvents(stranger, "refused");
        assertThat(relay.pipeCount()).isZero();
    }

    @Test
    void aPeerThatLeavesLeavesTheOtherWaitingForANewOne() {
        relay.open("g", "host", List.of("p1"));
        End s = new End("s");
        End c = new End("c");
        relay.attach("host", PipeRole.SERVER, s);
        relay.attach("p1", PipeRole.CLIENT, c);
        awaitEvents(s, "paired");
        relay.detach(c);
        awaitEvents(s, "paired", "unpaired");
        End again = new End("again");
        relay.attach("p1", PipeRole.CLIENT, again);
        awaitEvents(s, "paired", "unpaired", "paired");
        awaitEvents(again, "paired");
        connected(s, again, "2");
        assertThat(c.bytes).isEmpty();
    }

    @Test
    void resumingReadingReachesThePeer() {
        relay.open("g", "host", List.of("p1"));
        End s = new End("s");
        End c = new End("c");
        relay.attach("host", PipeRole.SERVER, s);
        relay.attach("p1", PipeRole.CLIENT, c);
        awaitEvents(c, "paired");
        c.peer.resumeReading();
        awaitEvents(s, "paired", "resume");
    }

    @Test
    void aGameWithoutPipesIsKeptForTheGracePeriodFromItsLastDetach() {
        relay.open("g", "host", List.of("p1"));
        End s = new End("s");
        relay.attach("host", PipeRole.SERVER, s);
        await().atMost(WAIT).until(() -> relay.pipeCount() == 1);
        clock.advance(GRACE.plusSeconds(60));
        assertThat(relay.sessionCount()).as("a pipe holds it").isEqualTo(1);
        relay.detach(s);
        await().atMost(WAIT).until(() -> relay.pipeCount() == 0);
        clock.advance(GRACE.minusSeconds(1));
        End back = new End("back");
        relay.attach("host", PipeRole.SERVER, back);
        await().atMost(WAIT).until(() -> relay.pipeCount() == 1);
        assertThat(back.events).as("within the grace period").doesNotContain("refused");
        relay.detach(back);
        await().atMost(WAIT).until(() -> relay.pipeCount() == 0);
        clock.advance(GRACE);
        await().atMost(WAIT).until(() -> relay.sessionCount() == 0);
        End late = new End("late");
        relay.attach("host", PipeRole.SERVER, late);
        awaitEvents(late, "refused");
    }

    @Test
    void aGameNoPipeEverJoinsGoesAfterTheGracePeriod() {
        relay.open("g", "host", List.of("p1"));
        await().atMost(WAIT).until(() -> relay.sessionCount() == 1);
        clock.advance(GRACE.minusSeconds(1));
        assertThat(relay.sessionCount()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> relay.sessionCount() == 0);
        End c = new End("c");
        relay.attach("p1", PipeRole.CLIENT, c);
        awaitEvents(c, "refused");
    }

    @Test
    void detachingAPipeTheRelayNeverTookChangesNothing() {
        relay.open("g", "host", List.of("p1"));
        End s = new End("s");
        End c = new End("c");
        relay.attach("host", PipeRole.SERVER, s);
        relay.attach("p1", PipeRole.CLIENT, c);
        awaitEvents(s, "paired");
        End refused = new End("refused");
        relay.attach("nobody", PipeRole.CLIENT, refused);
        awaitEvents(refused, "refused");
        relay.detach(refused);
        relay.detach(new End("never attached"));
        connected(s, c, "still");
        assertThat(s.events).containsExactly("paired");
    }
}
