package io.gatehouse.cluster.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.cluster.NatsConnections;
import io.gatehouse.core.relay.PipeEnd;
import io.gatehouse.core.relay.PipeRole;
import io.gatehouse.core.testing.NatsServer;
import io.gatehouse.core.time.SystemScheduler;
import io.nats.client.Connection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' relays on one nats-server: node a opens the game (its authority), the host's pipe
 * attaches on a and the player's on b, and the bytes cross between them.
 */
class NatsRelayAcrossNodesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static NatsServer server;
    private final SystemScheduler scheduler = new SystemScheduler();
    private Connection natsA;
    private NatsRelay a;
    private NatsRelay b;

    @BeforeAll
    static void startServer() throws Exception {
        server = NatsServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void nodes() throws Exception {
        natsA = NatsConnections.connect(List.of(server.url()), "a");
        a = new NatsRelay(natsA, "gh-nodes", scheduler, Duration.ofMinutes(5), Duration.ofMillis(100), Duration.ofMillis(1000));
        b = new NatsRelay(NatsConnections.connect(List.of(server.url()), "b"), "gh-nodes", scheduler, Duration.ofMinutes(5),
                Duration.ofMillis(100), Duration.ofMillis(1000));
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
        scheduler.close();
    }

    /** A pipe end that keeps what it is sent; while {@code slow}, it says it is not writable. */
    private static final class End implements PipeEnd {
        final Queue<String> events = new ConcurrentLinkedQueue<>();
        final ByteArrayOutputStream got = new ByteArrayOutputStream();
        volatile PipeEnd peer;
        volatile boolean slow;
        volatile int resumes;

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
        public void send(ByteBuf bytes) {
            try {
                byte[] b = new byte[bytes.readableBytes()];
                bytes.readBytes(b);
                synchronized (got) {
                    got.write(b, 0, b.length);
                }
            } finally {
                bytes.release();
            }
        }

        @Override
        public boolean writable() {
            return !slow;
        }

        @Override
        public void resumeReading() {
            resumes++;
        }

        int size() {
            synchronized (got) {
                return got.size();
            }
        }

        byte[] bytes() {
            synchronized (got) {
                return got.toByteArray();
            }
        }
    }

    private End[] paired() {
        a.open("g", "host", List.of("p1"));
        End host = new End();
        End player = new End();
        a.attach("host", PipeRole.SERVER, host);
        b.attach("p1", PipeRole.CLIENT, player);
        await().atMost(WAIT).until(() -> host.peer != null && player.peer != null);
        return new End[] {host, player};
    }

    /** Writes {@code data} to {@code from}'s peer in 16 KiB pieces, each only once the peer is writable (as the front reads). */
    private static Thread writer(End from, byte[] data) {
        Thread t = new Thread(() -> {
            int at = 0;
            while (at < data.length) {
                PipeEnd p = from.peer;
                if (p == null) {
                    return;
                }
                if (!p.writable()) {
                    Thread.onSpinWait();
                    continue;
                }
                int n = Math.min(16 * 1024, data.length - at);
                p.send(Unpooled.wrappedBuffer(data, at, n));
                at += n;
            }
        });
        t.start();
        return t;
    }

    @Test
    void eightMebibytesCrossEachWayByteForByte() throws Exception {
        End[] ends = paired();
        byte[] up = new byte[8 * 1024 * 1024];
        byte[] down = new byte[8 * 1024 * 1024];
        new Random(1).nextBytes(up);
        new Random(2).nextBytes(down);
        Thread w1 = writer(ends[1], up);
        Thread w2 = writer(ends[0], down);
        await().atMost(WAIT).until(() -> ends[0].size() == up.length && ends[1].size() == down.length);
        w1.join();
        w2.join();
        assertThat(ends[0].bytes()).isEqualTo(up);
        assertThat(ends[1].bytes()).isEqualTo(down);
    }

    @Test
    void aSlowReceiverHoldsTheSenderToTheWindow() throws Exception {
        End[] ends = paired();
        End host = ends[0];
        End player = ends[1];
        host.slow = true;
        byte[] data = new byte[4 * NatsRelay.WINDOW_BYTES];
        new Random(3).nextBytes(data);
        Thread w = writer(player, data);
        await().atMost(WAIT).until(() -> host.size() == NatsRelay.WINDOW_BYTES);
        assertThat(player.peer.writable()).as("the sender is told to stop reading").isFalse();
        assertThat(host.size()).as("nothing past the window while the receiver does not drain").isEqualTo(NatsRelay.WINDOW_BYTES);
        host.slow = false;
        host.peer.resumeReading();
        await().atMost(WAIT).until(() -> host.size() == data.length);
        w.join();
        assertThat(host.bytes()).isEqualTo(data);
        assertThat(player.resumes).as("the sender was told to read again").isPositive();
    }

    @Test
    void aDetachOnEitherSideUnpairsTheOther() {
        End[] ends = paired();
        b.detach(ends[1]);
        await().atMost(WAIT).until(() -> ends[0].events.contains("unpaired"));
        End again = new End();
        b.attach("p1", PipeRole.CLIENT, again);
        await().atMost(WAIT).until(() -> ends[0].peer != null && again.peer != null);
        a.detach(ends[0]);
        await().atMost(WAIT).until(() -> again.events.contains("unpaired"));
        assertThat(b.pipeCount()).isEqualTo(1);
    }

    @Test
    void theAuthorityStoppingRefusesItsGamesPipesOnOtherNodes() {
        End[] ends = paired();
        End waiting = new End();
        a.open("g2", "host2", List.of("p2"));
        b.attach("p2", PipeRole.CLIENT, waiting);
        await().atMost(WAIT).until(() -> b.pipeCount() == 2);
        a.close();
        await().atMost(WAIT).until(() -> ends[1].events.contains("refused") && waiting.events.contains("refused"));
        assertThat(ends[1].events).containsExactly("paired", "unpaired", "refused");
        assertThat(b.pipeCount()).isZero();
    }

    @Test
    void anAuthorityNotHeardFromIsGone() throws Exception {
        End[] ends = paired();
        natsA.close();
        await().atMost(WAIT).until(() -> ends[1].events.contains("refused"));
        assertThat(b.pipeCount()).isZero();
    }

    @Test
    void aPipeThatFindsNoResponderAsksAgainUntilItsGameIsThere() throws Exception {
        End host = new End();
        End player = new End();
        b.attach("p1", PipeRole.CLIENT, player);
        // no node holds p1 yet: b's first asks find no responder
        Thread.sleep(200);
        assertThat(player.events).isEmpty();
        a.open("g", "host", List.of("p1"));
        a.attach("host", PipeRole.SERVER, host);
        await().atMost(WAIT).until(() -> host.peer != null && player.peer != null);
        assertThat(player.events).containsExactly("paired");
    }

    @Test
    void aPlayersPipeNoNodeAdmitsIsRefused() {
        a.open("g", "host", List.of("p1"));
        End stranger = new End();
        End wrongRole = new End();
        b.attach("nobody", PipeRole.CLIENT, stranger);
        b.attach("p1", PipeRole.SERVER, wrongRole);
        await().atMost(WAIT).until(() -> stranger.events.contains("refused") && wrongRole.events.contains("refused"));
        assertThat(a.pipeCount() + b.pipeCount()).isZero();
    }

    @Test
    void twoPipesOnANodeThatIsNotTheAuthorityPairWithEachOther() {
        a.open("g", "host", List.of("p1"));
        End host = new End();
        End player = new End();
        b.attach("host", PipeRole.SERVER, host);
        b.attach("p1", PipeRole.CLIENT, player);
        await().atMost(WAIT).until(() -> host.peer != null && player.peer != null);
        assertThat(host.peer).as("bytes stay on the node").isSameAs(player);
        assertThat(player.peer).isSameAs(host);
    }
}
