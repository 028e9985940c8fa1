package io.gatehouse.bench.soak;

import io.gatehouse.bench.support.ServerProcess;
import io.gatehouse.core.transport.Transports;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code soak}: a Gatehouse server process with all four fronts under churn and abuse at once
 * for a while, measured at the start and the end with the load stopped (heap after a full GC,
 * RSS, descriptors, threads) and every {@code --sample} seconds under load; exits non-zero
 * when a measure keeps growing ({@link GrowthRule}), the server stopped answering /health,
 * connections were left open, the log grew faster than the connections made, or players
 * could not play. See RELIABILITY.md, "Soak".
 */
@Command(name = "soak", description = "churn and abuse on every front for N minutes; fails when heap, RSS, descriptors or threads keep growing")
public final class SoakBench implements Callable<Integer> {

    private static final long MIB = 1024 * 1024;
    /** What the server may log per connection the load opens, beyond a fixed 1 MiB. */
    static final long LOG_BYTES_PER_CONNECTION = 512;
    static final long LOG_BYTES_FIXED = MIB;
    /** Churn cycles that must succeed, per front. */
    static final double SERVED_FRACTION = 0.9;

    @Option(names = "--minutes", description = "measured minutes of load (default ${DEFAULT-VALUE})")
    double minutes = 10;

    @Option(names = "--warmup", description = "seconds of load before the start is measured (default ${DEFAULT-VALUE})")
    int warmupSeconds = 30;

    @Option(names = "--sample", description = "seconds between samples under load (default ${DEFAULT-VALUE})")
    int sampleSeconds = 30;

    @Option(names = "--settle", description = "seconds at most to wait for connections to close after the load (default ${DEFAULT-VALUE})")
    int settleSeconds = 60;

    @Option(names = "--rate", description = "churn cycles per second per front (default ${DEFAULT-VALUE})")
    double rate = 2;

    @Option(names = "--workers", description = "churn cycles at once per front (default ${DEFAULT-VALUE})")
    int workers = 2;

    @Option(names = "--idle", description = "silent sockets held per listener (default ${DEFAULT-VALUE})")
    int idle = 8;

    @Option(names = "--hold", description = "seconds an idle or slowloris socket is held at most before it is replaced (default ${DEFAULT-VALUE})")
    int holdSeconds = 120;

    @Option(names = "--bad-rate", description = "bad inputs per second per listener (default ${DEFAULT-VALUE})")
    double badRate = 1;

    @Option(names = "--bad-hold", description = "seconds a bad input's connection waits for the server to close it (default ${DEFAULT-VALUE})")
    int badHoldSeconds = 45;

    @Option(names = "--slowloris", description = "HTTP slowloris connections (default ${DEFAULT-VALUE})")
    int slowloris = 16;

    @Option(names = "--slowloris-drip", description = "seconds between a slowloris connection's bytes (default ${DEFAULT-VALUE})")
    int slowlorisDripSeconds = 5;

    @Option(names = "--slow-readers", description = "slow readers of each kind (default ${DEFAULT-VALUE})")
    int slowReaders = 2;

    @Option(names = "--per-address", description = "abusive connections to one listener from one 127.0.0.x source address at most (default ${DEFAULT-VALUE})")
    int perAddress = 4;

    @Option(names = "--server-heap", description = "the server's -Xms and -Xmx, its heap pre-touched (default ${DEFAULT-VALUE})")
    String serverHeap = "256m";

    @Option(names = "--seed", description = "seed of the random bad inputs (default ${DEFAULT-VALUE})")
    long seed = 20261201;

    @Option(names = "--json", description = "results file (default ${DEFAULT-VALUE})")
    Path json = Path.of("gatehouse-bench", "target", "soak", "soak.json");

    @Override
    public Integer call() throws Exception {
        SoakSettings settings = new SoakSettings(rate, workers, idle, holdSeconds * 1000L, badRate, badHoldSeconds * 1000L, slowloris,
                slowlorisDripSeconds * 1000L, slowReaders, perAddress);
        GrowthRule.Limits limits = GrowthRule.Limits.defaults();
        Path out = json.toAbsolutePath().getParent();
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("gatehouse-soak");
        Path dc = Files.writeString(work.resolve("soak.dc"), SoakWorld.DC_TEXT);
        int marauroaAccounts = workers * 4;
        EventLoopGroup raw = Transports.group("soak-raw", 2);
        EventLoopGroup clients = Transports.group("soak-client", 2);
        SoakReport report = new SoakReport(settings, limits, minutes, warmupSeconds);
        System.out.printf("soak: %s min of churn and abuse on every front, after %d s of warm-up; the rule:%n  %s%n", minutes, warmupSeconds,
                limits.describe());
        try (ServerLog log = new ServerLog(out.resolve("server.log"), 16 * MIB);
             ServerProcess server = ServerProcess.start(work, config(dc), List.of("-Xms" + serverHeap, "-Xmx" + serverHeap,
                     "-XX:+AlwaysPreTouch", "-XX:NativeMemoryTracking=summary"), log);
             SoakGameServer gameServer = new SoakGameServer(server.astronMessageDirector());
             HealthWatch health = new HealthWatch(server.http().getPort(), server::isAlive, 5000)) {
            ProcessProbe probe = new ProcessProbe(server.pid());
            setUp(server, gameServer, marauroaAccounts);
            Map<String, Long> baseline = Metrics.connections(Metrics.parse(server.get("/metrics")));
            System.out.printf("server pid %d up; connections when quiet: %s%n", server.pid(), baseline);

            System.out.printf("warm-up: %d s%n", warmupSeconds);
            SoakLoad warm = new SoakLoad(settings, server, gameServer, raw, clients, marauroaAccounts, seed);
            warm.start();
            Thread.sleep(warmupSeconds * 1000L);
            warm.stop();
            settle(server, baseline);
            Sample start = probe.sample(0);
            Map<String, Integer> threadsAtStart = probe.threads().byName();
            Map<String, Long> nativeAtStart = probe.nativeMemory();
            Map<String, Long> nativeUnderLoad = nativeAtStart;
            Map<String, Double> startMetrics = Metrics.parse(server.get("/metrics"));
            ServerLog.Mark logStart = log.mark();
            long healthFailuresBefore = health.failures();
            report.row("start", start, baseline, 0);

            SoakLoad load = new SoakLoad(settings, server, gameServer, raw, clients, marauroaAccounts, seed + 1);
            long t0 = System.nanoTime();
            load.start();
            List<Sample> loaded = new ArrayList<>();
            long runNanos = (long) (minutes * 60e9);
            for (int k = 1; (long) k * sampleSeconds * 1_000_000_000L <= runNanos && !health.died(); k++) {
                sleepUntil(t0 + k * sampleSeconds * 1_000_000_000L);
                try {
                    Sample s = probe.sample((System.nanoTime() - t0) / 1e9);
                    loaded.add(s);
                    nativeUnderLoad = probe.nativeMemory();
                    report.row(clock(s.seconds()), s, Metrics.connections(Metrics.parse(server.get("/metrics"))),
                            log.mark().bytes() - logStart.bytes());
                } catch (IOException e) {
                    if (server.isAlive()) {
                        throw e;
                    }
                    System.out.println("the server process exited: " + e.getMessage());
                }
            }
            if (!health.died()) {
                sleepUntil(t0 + runNanos);
            }
            System.out.println("stopping the load, then waiting for its connections to close");
            load.stop();
            Map<String, Long> left = health.died() ? Map.of() : settle(server, baseline);
            Sample end = health.died() ? null : probe.sample((System.nanoTime() - t0) / 1e9);
            Map<String, Integer> threadsAtEnd = health.died() ? Map.of() : probe.threads().byName();
            Map<String, Long> nativeAtEnd = health.died() ? Map.of() : probe.nativeMemory();
            Map<String, Double> endMetrics = health.died() ? Map.of() : Metrics.parse(server.get("/metrics"));
            ServerLog.Mark logEnd = log.mark();
            if (end != null) {
                report.row("end", end, left, logEnd.bytes() - logStart.bytes());
            }
            report.finish(start, loaded, end, baseline, left, load, Metrics.reportedDeltas(startMetrics, endMetrics), health,
                    health.failures() - healthFailuresBefore, logStart, logEnd, log.topComplaints(8), gameServer.logins(),
                    changed(threadsAtStart, threadsAtEnd), List.of(nativeAtStart, nativeUnderLoad, nativeAtEnd));
            report.print();
            report.writeJson(json);
            return report.passed() ? 0 : 1;
        } finally {
            raw.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            clients.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            deleteQuietly(work);
        }
    }

    private String config(Path dc) {
        return "data_dir: data\n"
                + "http: {bind: \"127.0.0.1:0\", admin_key: " + ServerProcess.ADMIN_KEY + "}\n"
                + "accounts: {argon2_memory_kib: 64, argon2_iterations: 1}\n"
                + "control: {bind: \"127.0.0.1:0\", websocket: \"127.0.0.1:0/v2\"}\n"
                + "marauroa: {bind: \"127.0.0.1:0\"}\n"
                + "vcmi: {bind: \"127.0.0.1:0\"}\n"
                + SoakWorld.config(dc.toString());
    }

    /** The accounts, the marauroa players and the astron world the load expects. */
    private void setUp(ServerProcess server, SoakGameServer gameServer, int marauroaAccounts) throws Exception {
        Tokens.account(server, ControlChurn.ACCOUNT);
        Tokens.account(server, SoakLoad.SLOW_ACCOUNT);
        gameServer.createWorld();
        for (int i = 0; i < marauroaAccounts; i++) {
            MarauroaChurn.makePlayer(server.marauroa(), MarauroaChurn.user("churn", i));
        }
        for (int i = 0; i < slowReaders; i++) {
            MarauroaChurn.makePlayer(server.marauroa(), MarauroaChurn.user("slow", i));
        }
    }

    /**
     * Waits until every front has no more connections than when quiet (at most
     * {@code --settle} s), then 2 s more for the closes' own work; the counts it saw last.
     */
    private Map<String, Long> settle(ServerProcess server, Map<String, Long> baseline) throws Exception {
        long deadline = System.nanoTime() + settleSeconds * 1_000_000_000L;
        Map<String, Long> now = Metrics.connections(Metrics.parse(server.get("/metrics")));
        while (System.nanoTime() < deadline && now.entrySet().stream().anyMatch(e -> e.getValue() > baseline.getOrDefault(e.getKey(), 0L))) {
            Thread.sleep(1000);
            now = Metrics.connections(Metrics.parse(server.get("/metrics")));
        }
        Thread.sleep(2000);
        return Metrics.connections(Metrics.parse(server.get("/metrics")));
    }

    /** The thread names whose count differs, with "start -> end". */
    private static Map<String, String> changed(Map<String, Integer> start, Map<String, Integer> end) {
        Map<String, String> out = new java.util.TreeMap<>();
        java.util.Set<String> names = new java.util.TreeSet<>(start.keySet());
        names.addAll(end.keySet());
        for (String n : names) {
            int a = start.getOrDefault(n, 0);
            int b = end.getOrDefault(n, 0);
            if (a != b) {
                out.put(n, a + " -> " + b);
            }
        }
        return out;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format("%d:%02d", s / 60, s % 60);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
