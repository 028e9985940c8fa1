package io.gatehouse.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

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

    private final Logger log;
    private final LineBudget lines;
    private final Map<Refusal, Counter> counters = new EnumMap<>(Refusal.class);

    /** Refusals of {@code front}, counted in {@code registry}, logged to {@code log} on the given clock. */
    public Refusals(MeterRegistry registry, String front, Logger log, LongSupplier nowMillis) {
        this.log = log;
        this.lines = new LineBudget(nowMillis, DEFAULT_MAX_LINES_PER_SECOND);
        for (Refusal r : Refusal.values()) {
            counters.put(r, Counter.builder("gatehouse.refused").tag("front", front).tag("reason", r.tag())
                    .description("connections and attempts refused by a per-address limit").register(registry));
        }
    }

    /** Counts a refusal of something from {@code address} and logs {@code why} (plain text) at a bounded rate. */
    public void refused(Refusal reason, String address, String why) {
        counters.get(reason).increment();
        long held = lines.take();
        if (held == LineBudget.OVER) {
            log.debug("{}: refused: {}", address, why);
        } else if (held == 0) {
            log.info("{}: refused: {}", address, why);
        } else {
            log.info("{}: refused: {} ({} other refusal lines held back)", address, why, held);
        }
    }

    /** How many refusals of that reason were counted. */
    public double count(Refusal reason) {
        return counters.get(reason).count();
    }
}
