package io.gatehouse.server.http;

import io.gatehouse.core.time.Cancellable;
import io.gatehouse.core.time.Scheduler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The last {@link #KEPT} of the server's own meters, in memory, for the console's charts: every
 * {@link #EVERY} (on the core's clock) it samples the open connections of each front
 * ({@code gatehouse_connections}), the packets each front read and wrote since the sample
 * before ({@code gatehouse_packets_in/out_total}, per second) and the connections closed since
 * then by reason ({@code gatehouse_closes_total}, all fronts together). A bounded ring: the
 * oldest sample goes when a new one would pass {@link #CAPACITY}.
 */
final class MeterHistory implements AutoCloseable {

    static final Duration EVERY = Duration.ofSeconds(5);
    static final Duration KEPT = Duration.ofMinutes(15);
    static final int CAPACITY = (int) (KEPT.toMillis() / EVERY.toMillis());

    /**
     * One sample: when, connections open per front, packets per second in and out per front,
     * closes by reason (reasons with none left out).
     */
    record Sample(long atMillis, Map<String, Double> connections, Map<String, Double> packetsIn,
                  Map<String, Double> packetsOut, Map<String, Double> closes) {
    }

    private final MeterRegistry meters;
    private final Scheduler scheduler;
    private final ArrayDeque<Sample> ring = new ArrayDeque<>(CAPACITY);
    private final Map<String, Double> lastTotals = new HashMap<>();
    private long lastAt;
    private volatile Cancellable next = Cancellable.NONE;
    private volatile boolean closed;

    MeterHistory(MeterRegistry meters, Scheduler scheduler) {
        this.meters = meters;
        this.scheduler = scheduler;
    }

    /** Takes a first sample (the base of the first rates) and samples every {@link #EVERY} from then on. */
    MeterHistory start() {
        sample();
        schedule();
        return this;
    }

    private void schedule() {
        if (!closed) {
            next = scheduler.schedule(EVERY, () -> {
                sample();
                schedule();
            });
        }
    }

    /** Samples the meters now. */
    synchronized void sample() {
        long now = scheduler.nowMillis();
        double seconds = lastAt == 0 || now <= lastAt ? 0 : (now - lastAt) / 1000.0;
        Map<String, Double> connections = new TreeMap<>();
        for (Gauge g : meters.find("gatehouse.connections").gauges()) {
            connections.merge(g.getId().getTag("front"), g.value(), Double::sum);
        }
        Map<String, Double> in = rates("gatehouse.packets.in", "front", seconds, false);
        Map<String, Double> out = rates("gatehouse.packets.out", "front", seconds, false);
        Map<String, Double> closes = rates("gatehouse.closes", "reason", 0, true);
        lastAt = now;
        if (ring.size() == CAPACITY) {
            ring.removeFirst();
        }
        ring.addLast(new Sample(now, connections, in, out, closes));
    }

    /**
     * Each tag value's growth since the sample before, summed over the counters of that name:
     * per second over {@code seconds} (none on the first sample), or as a count with
     * {@code counts}, leaving out those that did not grow.
     */
    private Map<String, Double> rates(String name, String tag, double seconds, boolean counts) {
        Map<String, Double> totals = new TreeMap<>();
        for (Counter c : meters.find(name).counters()) {
            totals.merge(c.getId().getTag(tag), c.count(), Double::sum);
        }
        Map<String, Double> grown = new TreeMap<>();
        totals.forEach((key, total) -> {
            Double before = lastTotals.put(name + "|" + key, total);
            double delta = before == null ? 0 : total - before;
            if (counts) {
                if (before != null && delta > 0) {
                    grown.put(key, delta);
                }
            } else {
                grown.put(key, seconds == 0 ? 0 : delta / seconds);
            }
        });
        return grown;
    }

    /** The samples kept, oldest first. */
    synchronized List<Sample> samples() {
        return List.copyOf(ring);
    }

    /** The newest sample, or null before the first. */
    synchronized Sample latest() {
        return ring.peekLast();
    }

    @Override
    public void close() {
        closed = true;
        next.cancel();
    }
}
