package io.gatehouse.core.metrics;

import io.gatehouse.core.account.LoginResult;
import io.gatehouse.core.session.CloseReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * The meters of one front: open connections, packets in and out, closes by reason and auth
 * results (its sessions are counted by the core's registry, {@code gatehouse_sessions}). Counters are looked up once, so recording is a plain
 * increment on the hot path.
 */
public final class FrontMetrics {

    private final MeterRegistry registry;
    private final String front;
    private final AtomicLong connections = new AtomicLong();
    private final Counter packetsIn;
    private final Counter packetsOut;
    private final Map<CloseReason, Counter> closes = new EnumMap<>(CloseReason.class);
    private final Map<LoginResult, Counter> auths = new EnumMap<>(LoginResult.class);

    public FrontMetrics(MeterRegistry registry, String front) {
        this.registry = registry;
        this.front = front;
        Gauge.builder("gatehouse.connections", connections, AtomicLong::get).tag("front", front)
                .description("open client connections").register(registry);
        packetsIn = Counter.builder("gatehouse.packets.in").tag("front", front).register(registry);
        packetsOut = Counter.builder("gatehouse.packets.out").tag("front", front).register(registry);
        for (CloseReason r : CloseReason.values()) {
            closes.put(r, Counter.builder("gatehouse.closes").tag("front", front).tag("reason", r.tag()).register(registry));
        }
        for (LoginResult r : LoginResult.values()) {
            auths.put(r, Counter.builder("gatehouse.auth").tag("front", front).tag("result", r.tag()).register(registry));
        }
    }

    /** The front's client faults, counted with these meters and logged to {@code log}, on the given clock. */
    public ClientFaults clientFaults(Logger log, LongSupplier nowMillis) {
        return new ClientFaults(registry, front, log, nowMillis, ClientFaults.DEFAULT_MAX_LINES_PER_SECOND);
    }

    /** The front's refusals (per-address limits), counted with these meters and logged to {@code log}, on the given clock. */
    public Refusals refusals(Logger log, LongSupplier nowMillis) {
        return new Refusals(registry, front, log, nowMillis);
    }

    /** Meters that go nowhere, for tests and tools that do not read them. */
    public static FrontMetrics discarding(String front) {
        return new FrontMetrics(new SimpleMeterRegistry(), front);
    }

    public void connectionOpened() {
        connections.incrementAndGet();
    }

    public void connectionClosed(CloseReason reason) {
        connections.decrementAndGet();
        closes.get(reason).increment();
    }

    /** A gauge of the front's own (tagged with the front), whose value the caller keeps in the returned holder. */
    public AtomicLong gauge(String name, String description) {
        AtomicLong value = new AtomicLong();
        Gauge.builder(name, value, AtomicLong::get).tag("front", front).description(description).register(registry);
        return value;
    }

    public void packetIn() {
        packetsIn.increment();
    }

    public void packetOut() {
        packetsOut.increment();
    }

    public void auth(LoginResult result) {
        auths.get(result).increment();
    }
}
