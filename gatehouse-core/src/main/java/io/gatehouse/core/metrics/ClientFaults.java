package io.gatehouse.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * What clients do wrong (a message out of its state, bytes that do not parse, a wrong nonce),
 * counted and logged so that no client decides how much the server logs. Every fault counts in
 * {@code gatehouse_client_faults_total{front, kind}}. Of one connection's faults only the first
 * is logged at INFO, the rest at DEBUG. Across the whole front at most {@code maxLinesPerSecond}
 * INFO lines are written a second; those held back are counted and named in the next line
 * written.
 */
public final class ClientFaults {

    /** INFO lines a front writes a second at most, by default. */
    public static final int DEFAULT_MAX_LINES_PER_SECOND = 20;

    private final MeterRegistry registry;
    private final String front;
    private final Logger log;
    private final LineBudget lines;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    ClientFaults(MeterRegistry registry, String front, Logger log, LongSupplier nowMillis, int maxLinesPerSecond) {
        this.registry = registry;
        this.front = front;
        this.log = log;
        this.lines = new LineBudget(nowMillis, maxLinesPerSecond);
    }

    /** The faults of one connection; {@code who} names it in every line (its address). */
    public Tracker connection(String who) {
        return new Tracker(who);
    }

    /** How many faults of that kind were counted. */
    public double count(String kind) {
        Counter c = counters.get(kind);
        return c == null ? 0 : c.count();
    }

    private Counter counter(String kind) {
        return counters.computeIfAbsent(kind, k -> Counter.builder("gatehouse.client.faults").tag("front", front).tag("kind", k)
                .description("client faults: messages refused or ignored").register(registry));
    }

    /** One connection's faults; used from that connection's thread. */
    public final class Tracker {

        private final String who;
        private boolean logged;

        private Tracker(String who) {
            this.who = who;
        }

        /** Counts a fault of {@code kind} and logs {@code what} (plain text, no placeholders). */
        public void report(String kind, String what) {
            counter(kind).increment();
            if (logged) {
                log.debug("{}: {}", who, what);
                return;
            }
            logged = true;
            long held = lines.take();
            if (held == LineBudget.OVER) {
                log.debug("{}: {}", who, what);
            } else if (held == 0) {
                log.info("{}: {} (further faults of this connection at debug level)", who, what);
            } else {
                log.info("{}: {} (further faults of this connection at debug level; {} other client fault lines held back)",
                        who, what, held);
            }
        }
    }
}
