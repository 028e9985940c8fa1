package io.gatehouse.vcmi.front;

import static org.awaitility.Awaitility.await;

import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.relay.LocalRelay;
import io.gatehouse.core.relay.Relay;
import io.gatehouse.core.testing.RecordingSessions;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.core.transport.Transports;
import io.gatehouse.vcmi.VcmiConfig;
import io.gatehouse.vcmi.VcmiFront;
import io.gatehouse.vcmi.handler.VcmiStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/**
 * A vcmi front alone on a loopback port, on a manual clock, with its meters in reach: for
 * tests of what the front does with connections that have proven nothing.
 */
abstract class VcmiFrontFixture {

    final ManualScheduler clock = new ManualScheduler();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<RawClient> clients = new ArrayList<>();
    private EventLoopGroup group;
    VcmiFront front;

    /**
     * The defaults, with the health check off unless a test turns it on, so that only the limits
     * under test are on the clock; splice on where the transport has it (the tests that want
     * copying say so with {@link VcmiConfig#withSplice}).
     */
    static VcmiConfig config() {
        VcmiConfig d = VcmiConfig.defaults();
        return new VcmiConfig(true, d.bind(), d.capacity(), Duration.ZERO, d.sessionGrace(), d.messageTargets(),
                d.maxPacketBytes(), d.maxPendingBytes(), d.maxOutboundBytes(), d.admission(), VcmiConfig.Splice.AUTO);
    }

    final RecordingSessions sessions = new RecordingSessions();

    void start(VcmiConfig config) throws InterruptedException {
        start(config, Transports.group("vcmi-test", 2));
    }

    /** Starts the front on {@code loops}, which the fixture shuts down after the test. */
    void start(VcmiConfig config, EventLoopGroup loops) throws InterruptedException {
        start(config, loops, new LocalRelay(clock, config.sessionGrace()));
    }

    /** Starts the front on {@code loops}, its pipes paired through {@code relay}. */
    void start(VcmiConfig config, EventLoopGroup loops, Relay relay) throws InterruptedException {
        group = loops;
        front = new VcmiFront(config.onEphemeralPort(), clock, group, new FrontMetrics(registry, "vcmi"), new VcmiStats(registry),
                sessions, relay).bind();
    }

    @AfterEach
    void stopFront() {
        clients.forEach(RawClient::close);
        if (front != null) {
            front.stop(Duration.ofSeconds(2));
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    RawClient connect() {
        return connect("127.0.0.1");
    }

    RawClient connect(String from) {
        RawClient c = RawClient.connect(front.address(), from);
        clients.add(c);
        return c;
    }

    /** Waits until {@code n} connections have started a limit that falls due at {@code due}. */
    void awaitLimits(long due, int n) {
        await("the server has started " + n + " limits due at " + due).atMost(Duration.ofSeconds(10))
                .until(() -> Collections.frequency(clock.dueTimes(), due) >= n);
    }

    double closes(String reason) {
        Counter c = registry.find("gatehouse.closes").tag("front", "vcmi").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    double faults(String kind) {
        Counter c = registry.find("gatehouse.client.faults").tag("front", "vcmi").tag("kind", kind).counter();
        return c == null ? 0 : c.count();
    }

    /** Connections and attempts refused for {@code reason}, as {@code gatehouse_refused_total{front="vcmi"}} counts them. */
    double refused(String reason) {
        Counter c = registry.find("gatehouse.refused").tag("front", "vcmi").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    /** Waits until the front has counted {@code n} closes for {@code reason} (closes are counted on the event loop). */
    void awaitCloses(String reason, int n) {
        await(n + " closes for " + reason).atMost(Duration.ofSeconds(10)).until(() -> closes(reason) >= n);
    }
}
