package io.gatehouse.bench.control;

import io.gatehouse.bench.support.ClusterServices;
import io.gatehouse.bench.support.Results;
import io.gatehouse.bench.support.ServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cluster-idle}: many authenticated control sessions with a heartbeat every 10 s, held by
 * a cluster of node processes on this machine, each node loaded by a load process of its own
 * ({@code idle-agent}) from a source address of its own (127.0.0.10, .11, ...): one process may
 * hold at most 20,000 open files here, so 100,000 sessions take six nodes and six agents.
 * Reports the sessions dropped, and heap (after a full GC) and RSS per session per node.
 * Sessions are spread over accounts of {@value #PER_ACCOUNT} each. Needs a running nats-server
 * and PostgreSQL (BENCHMARKS.md).
 */
@Command(name = "cluster-idle", description = "idle control sessions held by a cluster of nodes, one load process per node")
public final class ClusterIdleBench implements Callable<Integer> {

    static final int PER_ACCOUNT = 100;

    @Mixin
    ClusterServices services;

    @Option(names = "--nodes", description = "cluster nodes, each with a load process (default ${DEFAULT-VALUE})")
    int nodes = 6;

    @Option(names = "--sessions", description = "sessions in all (default ${DEFAULT-VALUE})")
    int sessions = 100_000;

    @Option(names = "--hold", description = "seconds to hold them once all are up (default ${DEFAULT-VALUE})")
    int hold = 300;

    @Option(names = "--node-heap", description = "each node's heap (default ${DEFAULT-VALUE})")
    String nodeHeap = "1g";

    @Option(names = "--json", description = "results file (default ${DEFAULT-VALUE})")
    Path json = Path.of("target", "bench-cluster-idle.json");

    /** One load process and what it last said. */
    record Agent(Process process, BufferedReader out, OutputStream in) {
    }

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("gatehouse-bench");
        String prefix = "idle" + ProcessHandle.current().pid();
        Results results = new Results("control idle on " + nodes + " nodes (" + sessions + " sessions, " + hold
                + " s, heartbeat every 10 s)");
        List<ServerProcess> cluster = new ArrayList<>();
        List<Agent> agents = new ArrayList<>();
        try {
            for (int i = 0; i < nodes; i++) {
                cluster.add(ServerProcess.start(work.resolve("node-" + i),
                        services.nodeConfig("node-" + i, prefix, "  heartbeat_timeout: 30s\n"),
                        List.of("-Xms" + nodeHeap, "-Xmx" + nodeHeap), line -> { }));
            }
            long[] heapBefore = new long[nodes];
            long[] rssBefore = new long[nodes];
            int[] share = new int[nodes];
            for (int i = 0; i < nodes; i++) {
                share[i] = sessions / nodes + (i < sessions % nodes ? 1 : 0);
                Path file = work.resolve("tokens-" + i);
                Files.write(file, tokens(cluster.get(i), "idle-" + i, share[i]));
                heapBefore[i] = cluster.get(i).heapAfterGcBytes();
                rssBefore[i] = cluster.get(i).rssBytes();
                agents.add(agent(cluster.get(i), file, "127.0.0." + (10 + i)));
                System.out.printf("node-%d: %d tokens, load process started%n", i, share[i]);
            }
            long up = 0;
            for (Agent a : agents) {
                up += Long.parseLong(awaitLine(a, "ready ").substring(6).trim());
            }
            System.out.printf("%d sessions up; holding %d s%n", up, hold);
            for (int s = 0; s < hold; s += 10) {
                Thread.sleep(Math.min(10, hold - s) * 1000L);
                long dropped = 0;
                for (Agent a : agents) {
                    dropped += field(awaitLine(a, "open "), "dropped");
                }
                System.out.printf("%d s: %d dropped%n", s + 10, dropped);
            }
            for (int i = 0; i < nodes; i++) {
                ServerProcess node = cluster.get(i);
                double heap = (node.heapAfterGcBytes() - heapBefore[i]) / (double) share[i];
                double rss = (node.rssBytes() - rssBefore[i]) / (double) share[i];
                results.add("node-" + i + " heap per session after GC", "bytes", heap);
                results.add("node-" + i + " RSS per session", "bytes", rss);
                // the heap's pages are touched before the baseline (tokens, JIT), so the RSS growth alone understates
                results.add("node-" + i + " RSS", "MiB", node.rssBytes() / 1048576.0);
            }
            long dropped = 0;
            for (Agent a : agents) {
                a.in().close();
                dropped += field(awaitLine(a, "done "), "dropped");
            }
            results.add("sessions held", "count", up);
            results.add("dropped sessions", "count", dropped);
        } finally {
            for (Agent a : agents) {
                a.process().destroy();
                a.process().waitFor(20, TimeUnit.SECONDS);
            }
            for (ServerProcess p : cluster) {
                p.close();
            }
        }
        results.print(Map.of());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("nodes", nodes);
        settings.put("sessions", sessions);
        settings.put("hold_seconds", hold);
        settings.put("sessions_per_account", PER_ACCOUNT);
        settings.put("node_heap", nodeHeap);
        results.writeJson(json, settings, Map.of());
        return 0;
    }

    /**
     * {@code n} tokens issued by the node, for accounts {@code USER-0}, {@code USER-1}, ... of
     * {@value #PER_ACCOUNT} each, interleaved (one of each account in turn): logins and resumes of
     * one account wait for each other on its row in the store, so that sessions taken in order do
     * not queue behind one account.
     */
    static List<String> tokens(ServerProcess node, String user, int n) throws Exception {
        List<String[]> perAccount = new ArrayList<>();
        for (int k = 0, issued = 0; issued < n; k++) {
            String[] t = node.tokens(user + "-" + k, Math.min(PER_ACCOUNT, n - issued), 16);
            perAccount.add(t);
            issued += t.length;
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; out.size() < n; i++) {
            for (String[] t : perAccount) {
                if (i < t.length) {
                    out.add(t[i]);
                }
            }
        }
        return out;
    }

    /** Starts a load process on the node; {@code more} are further options of {@code idle-agent}. */
    static Agent agent(ServerProcess node, Path tokens, String source, String... more) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseG1GC", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "io.gatehouse.bench.Bench", "idle-agent", "--target", "127.0.0.1:" + node.control().getPort(),
                "--tokens", tokens.toString(), "--source", source));
        cmd.addAll(List.of(more));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        return new Agent(p, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)), p.getOutputStream());
    }

    /** Reads the agent's lines until one starts with {@code prefix} (progress lines pass through); fails when it ends first. */
    static String awaitLine(Agent a, String prefix) throws IOException {
        for (String line; (line = a.out().readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line;
            }
            if (!line.endsWith("sessions up")) {
                System.out.println("agent: " + line);
            }
        }
        throw new IllegalStateException("a load process ended before it said '" + prefix.trim() + "'");
    }

    /** The number after {@code name} in a line like {@code open 100 dropped 0 beats 20}. */
    private static long field(String line, String name) {
        String[] parts = line.trim().split(" ");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equals(name)) {
                return Long.parseLong(parts[i + 1]);
            }
        }
        throw new IllegalStateException("no " + name + " in '" + line + "'");
    }
}
