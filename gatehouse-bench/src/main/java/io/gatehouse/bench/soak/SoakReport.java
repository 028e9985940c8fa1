package io.gatehouse.bench.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The soak's findings: the samples as they come, then the verdicts and checks, printed and written as JSON. */
final class SoakReport {

    private static final double MIB = 1024 * 1024;

    /** One pass/fail item of the run. */
    record Check(String name, boolean passed, String detail) {
    }

    private final SoakSettings settings;
    private final GrowthRule.Limits limits;
    private final double minutes;
    private final int warmupSeconds;
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private final Map<String, Object> findings = new LinkedHashMap<>();
    private List<GrowthRule.Verdict> verdicts = List.of();
    private List<Tally> tallies = List.of();
    private List<Map<String, Long>> nativeMemory = List.of();
    private boolean headerPrinted;

    SoakReport(SoakSettings settings, GrowthRule.Limits limits, double minutes, int warmupSeconds) {
        this.settings = settings;
        this.limits = limits;
        this.minutes = minutes;
        this.warmupSeconds = warmupSeconds;
    }

    /** Prints and keeps one sample with the connections open per front and the log written since the start. */
    void row(String when, Sample s, Map<String, Long> connections, long logBytes) {
        if (!headerPrinted) {
            System.out.printf("%n%6s %14s %11s %6s %18s %10s  %s%n", "", "heap after GC", "RSS", "fds", "threads (idle pool)", "log",
                    "connections");
            headerPrinted = true;
        }
        System.out.printf("%6s %10.1f MiB %7.1f MiB %6d %11d (%4d) %6.0f KiB  %s%n", when, s.heapAfterGcBytes() / MIB, s.rssBytes() / MIB,
                s.descriptors(), s.threads(), s.idlePoolThreads(), logBytes / 1024.0, connections);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("when", when);
        r.put("seconds", s.seconds());
        r.put("heap_after_gc_bytes", s.heapAfterGcBytes());
        r.put("rss_bytes", s.rssBytes());
        r.put("descriptors", s.descriptors());
        r.put("threads", s.threads());
        r.put("idle_pool_threads", s.idlePoolThreads());
        r.put("log_bytes_since_start", logBytes);
        r.put("connections", connections);
        rows.add(r);
    }

    void finish(Sample start, List<Sample> loaded, Sample end, Map<String, Long> quiet, Map<String, Long> left, SoakLoad load,
                Map<String, Double> metricDeltas, HealthWatch health, long healthFailures, ServerLog.Mark logStart,
                ServerLog.Mark logEnd, Map<String, Long> complaints, long astronLogins, Map<String, String> threadChanges,
                List<Map<String, Long>> nativeMemory) {
        boolean alive = !health.died() && end != null;
        checks.add(new Check("server up", alive, alive ? "the process ran to the end" : "the server process exited during the run"));
        checks.add(new Check("/health answered", healthFailures == 0, health.checks() + " checks every 5 s, " + healthFailures
                + " failed" + (health.firstFailure() == null ? "" : " (first: " + health.firstFailure() + ")")
                + String.format(", slowest %.1f ms", health.slowestMillis())));
        if (alive) {
            verdicts = GrowthRule.judge(start, loaded, end, limits);
            for (GrowthRule.Verdict v : verdicts) {
                checks.add(new Check(v.measure() + " not growing", !v.growing(), v.why()));
            }
            boolean closed = left.entrySet().stream().allMatch(e -> e.getValue() <= quiet.getOrDefault(e.getKey(), 0L));
            checks.add(new Check("connections closed", closed, "after the load: " + left + ", when quiet before: " + quiet));
        }
        long connections = load.connectionsOpened();
        long logBytes = logEnd.bytes() - logStart.bytes();
        long logBudget = SoakBench.LOG_BYTES_FIXED + SoakBench.LOG_BYTES_PER_CONNECTION * connections;
        checks.add(new Check("log bounded", logBytes <= logBudget, String.format(
                "%,d bytes in %,d lines for %,d connections (%.0f B each; budget 1 MiB + %d B each = %,d)", logBytes,
                logEnd.lines() - logStart.lines(), connections, connections == 0 ? 0.0 : (double) logBytes / connections,
                SoakBench.LOG_BYTES_PER_CONNECTION, logBudget)));
        for (Tally t : load.tallies()) {
            if (t.name().endsWith(" churn")) {
                long all = t.okCount() + t.failedCount();
                boolean served = t.okCount() > 0 && t.okCount() >= SoakBench.SERVED_FRACTION * all;
                checks.add(new Check(t.name() + " served", served, t.okCount() + " of " + all + " cycles succeeded"
                        + (t.failures().isEmpty() ? "" : "; failures: " + t.failures())));
            }
        }

        tallies = load.tallies();
        findings.put("activities", load.tallies().stream().map(t -> Map.of("name", t.name(), "ok", t.okCount(), "failed", t.failedCount(),
                "connections", t.connectionCount(), "failures", t.failures())).toList());
        findings.put("held_sockets", load.heldOutcomes());
        findings.put("bad_bytes", load.badOutcomes());
        findings.put("slow_readers", load.slowOutcomes());
        findings.put("metric_deltas", metricDeltas);
        findings.put("log", Map.of("bytes", logBytes, "lines", logEnd.lines() - logStart.lines(), "stack_trace_lines",
                logEnd.stackTraceLines() - logStart.stackTraceLines(), "events_at_end", logEnd.events(), "top_warn_error", complaints));
        findings.put("astron_logins_answered", astronLogins);
        findings.put("thread_changes", threadChanges);
        findings.put("native_memory_committed", Map.of("start", nativeMemory.get(0), "last_under_load", nativeMemory.get(1),
                "end", nativeMemory.get(2)));
        this.nativeMemory = nativeMemory;
        findings.put("connections_opened", connections);
    }

    boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }

    void print() {
        System.out.println();
        System.out.println("activities (the measured run)              ok   failed  connections");
        for (Tally t : tallies) {
            System.out.printf("  %-38s %7d %7d %10d%s%n", t.name(), t.okCount(), t.failedCount(), t.connectionCount(),
                    t.failures().isEmpty() ? "" : "  " + t.failures());
        }
        System.out.println();
        System.out.println("held abusive sockets          listener                  opened  cut by server (median s)  closed at hold  open at end");
        for (Object o : (List<?>) findings.get("held_sockets")) {
            HeldSockets.Outcome h = (HeldSockets.Outcome) o;
            System.out.printf("  %-27s %-25s %6d %8d (%6s) %14d %12d%s%n", h.kind(), h.listener(), h.opened(), h.cutByServer(),
                    seconds(h.medianSecondsToCut()), h.closedAtHold(), h.openAtEnd(),
                    h.failedToConnect() + h.noSourceAddress() == 0 ? "" : "  (" + h.failedToConnect() + " failed to connect, "
                            + h.noSourceAddress() + " without a source address)");
        }
        System.out.println();
        System.out.printf("bad bytes (closed by the server within %d s)%n", settings.badHoldMillis() / 1000);
        for (Object o : (List<?>) findings.get("bad_bytes")) {
            BadBytes.Outcome b = (BadBytes.Outcome) o;
            System.out.printf("  %-25s %-52s sent %5d  closed %5d (median %6s s)  left open %5d%n", b.listener(), b.kind(), b.sent(),
                    b.closedByServer(), seconds(b.medianSecondsToClose()), b.leftOpen());
        }
        System.out.println();
        System.out.println("slow readers (held for the whole run; a close is seen only when the reader's buffer had room)");
        for (Object o : (List<?>) findings.get("slow_readers")) {
            SlowReaders.Outcome s = (SlowReaders.Outcome) o;
            System.out.printf("  %-40s opened %4d  seen closed %4d  failed to open %4d%n", s.kind(), s.opened(), s.seenClosed(),
                    s.failedToOpen());
        }
        System.out.println();
        System.out.println("server counters, change over the measured run:");
        ((Map<?, ?>) findings.get("metric_deltas")).forEach((k, v) -> System.out.printf("  %-90s %+10.0f%n", k, (Double) v));
        Map<?, ?> log = (Map<?, ?>) findings.get("log");
        System.out.printf("%nserver log over the measured run: %,d bytes, %,d lines, %,d stack-trace lines; events since the process started: %s%n",
                log.get("bytes"), log.get("lines"), log.get("stack_trace_lines"), log.get("events_at_end"));
        ((Map<?, ?>) log.get("top_warn_error")).forEach((k, v) -> System.out.printf("  %6d  %s%n", (Long) v, k));
        System.out.println();
        System.out.println("threads by name whose count changed, start -> end: " + findings.get("thread_changes"));
        System.out.println();
        System.out.println("native memory committed (JVM categories changing by 1 MiB or more)   start   last under load      end");
        for (String category : nativeMemory.get(0).keySet()) {
            long[] v = nativeMemory.stream().mapToLong(m -> m.getOrDefault(category, 0L)).toArray();
            long min = Math.min(v[0], Math.min(v[1], v[2]));
            long max = Math.max(v[0], Math.max(v[1], v[2]));
            if (max - min >= MIB) {
                System.out.printf("  %-64s %7.1f %17.1f %8.1f MiB%n", category, v[0] / MIB, v[1] / MIB, v[2] / MIB);
            }
        }
        System.out.println();
        for (Check c : checks) {
            System.out.printf("%-4s %-32s %s%n", c.passed() ? "ok" : "FAIL", c.name(), c.detail());
        }
        System.out.printf("%nsoak %s%n", passed() ? "PASSED" : "FAILED");
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "-" : String.format("%.2f", s);
    }

    void writeJson(Path file) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", "soak");
        out.put("date", Instant.now().toString());
        out.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "java", System.getProperty("java.version"),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.version")));
        out.put("minutes", minutes);
        out.put("warmup_seconds", warmupSeconds);
        out.put("settings", settings);
        out.put("rule", limits.describe());
        out.put("samples", rows);
        out.put("verdicts", verdicts);
        out.put("checks", checks);
        out.putAll(findings);
        out.put("passed", passed());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), out);
        System.out.println("written " + file);
    }
}
