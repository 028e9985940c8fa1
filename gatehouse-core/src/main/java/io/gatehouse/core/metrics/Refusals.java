package io.gatehouse.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

/**
 * What one front (or the HTTP API) refused before doing any work for it: a connection over
 * its address's cap, a login attempt over its address's rate. Every refusal counts in
 * {@code gatehouse_refused_total{front, reason}}; at most {@link #DEFAULT_MAX_LINES_PER_SECOND}
 * of them a second are logged at INFO, the rest at DEBUG, and the next INFO line says how many
 * were held back, so that a flood of refusals cannot flood the log.
 */
public final class Refusals {

    /** INFO lines about refusals a front writes a second at most. */
    public static final int DEFAULT_MAX_LINES_PER_SECOND = 5;

    private final MeterRegistry registry;
    private final String front;
    private final Logger log;
    private final LineBudget lines;
    private final Map<Refusal, Counter> counters = new ConcurrentHashMap<>();

    /** Refusals of {@code front}, counted in {@code registry}, logged to {@code log} on the given clock. */
    public Refusals(MeterRegistry registry, String front, Logger log, LongSupplier nowMillis) {
        this.registry = registry;
        this.front = front;
        this.log = log;
        this.lines = new LineBudget(nowMillis, DEFAULT_MAX_LINES_PER_SECOND);
    }

    /** The counter of a reason, registered on first use (a front shows only the limits it has used). */
    private Counter counter(Refusal reason) {
        return counters.computeIfAbsent(reason, r -> Counter.builder("gatehouse.refused").tag("front", front).tag("reason", r.tag())
                .description("connections and attempts refused by a per-address limit").register(registry));
    }

    /** Refusals counted nowhere and not logged, for tests and tools that do not read them. */
    public static Refusals discarding(String front) {
        return new Refusals(new SimpleMeterRegistry(), front, NOPLogger.NOP_LOGGER, System::currentTimeMillis);
    }

    /** Counts a refusal of something from {@code address} and logs {@code why} (plain text) at a bounded rate. */
    public void refused(Refusal reason, String address, String why) {
        counter(reason).increment();
        long held = lines.take();
        if (held == LineBudget.OVER) {
            log.debug("{} {}: refused: {}", front, address, why);
        } else if (held == 0) {
            log.info("{} {}: refused: {}", front, address, why);
        } else {
            log.info("{} {}: refused: {} ({} other refusal lines held back)", front, address, why, held);
        }
    }

    /** How many refusals of that reason were counted. */
    public double count(Refusal reason) {
        Counter c = counters.get(reason);
        return c == null ? 0 : c.count();
    }
}
