package io.gatehouse.bench.soak;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one activity of the load did: cycles that succeeded and failed, the connections it
 * opened, and the first few distinct failures (so that a report can say what went wrong
 * without keeping every one).
 */
final class Tally {

    private static final int KEPT_FAILURES = 5;

    private final String name;
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final Map<String, Long> failures = new LinkedHashMap<>();

    Tally(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void ok() {
        ok.incrementAndGet();
    }

    void failed(Throwable e) {
        failed.incrementAndGet();
        String what = e.getClass().getSimpleName() + ": " + e.getMessage();
        String key = what.length() > 160 ? what.substring(0, 160) : what;
        synchronized (failures) {
            if (failures.containsKey(key) || failures.size() < KEPT_FAILURES) {
                failures.merge(key, 1L, Long::sum);
            }
        }
    }

    void connected() {
        connections.incrementAndGet();
    }

    long okCount() {
        return ok.get();
    }

    long failedCount() {
        return failed.get();
    }

    long connectionCount() {
        return connections.get();
    }

    Map<String, Long> failures() {
        synchronized (failures) {
            return Map.copyOf(failures);
        }
    }
}
