package io.gatehouse.bench.control;

import io.gatehouse.bench.support.ClusterServices;
import io.gatehouse.bench.support.Results;
import io.gatehouse.bench.support.ServerProcess;
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
 * {@code cluster-failover}: the reconnect storm. {@code --nodes} node processes hold
 * {@code --sessions} idle control sessions between them (a load process per node); then the
 * first node is killed with {@code kill -9}, and every one of its clients resumes its session
 * with a reconnect on one of the others, taken in turn. Reports how long until the last of them had resumed
 * (from the kill), and how many could not. Needs a running nats-server and PostgreSQL.
 */
@Command(name = "cluster-failover", description = "kill -9 one node of a cluster; time until its clients resumed on another")
public final class ClusterFailoverBench implements Callable<Integer> {

    @Mixin
    ClusterServices services;

    @Option(names = "--nodes", description = "cluster nodes (default ${DEFAULT-VALUE})")
    int nodes = 3;

    @Option(names = "--sessions", description = "sessions in all, spread evenly over the nodes (default ${DEFAULT-VALUE})")
    int sessions = 30_000;

    @Option(names = "--json", description = "results file (default ${DEFAULT-VALUE})")
    Path json = Path.of("target", "bench-cluster-failover.json");

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("gatehouse-bench");
        String prefix = "failover" + ProcessHandle.current().pid();
        Results results = new Results("reconnect storm: kill -9 one of " + nodes + " nodes holding " + sessions + " sessions");
        List<ServerProcess> cluster = new ArrayList<>();
        List<ClusterIdleBench.Agent> agents = new ArrayList<>();
        try {
            for (int i = 0; i < nodes; i++) {
                cluster.add(ServerProcess.start(work.resolve("node-" + i),
                        services.nodeConfig("node-" + i, prefix, "  heartbeat_timeout: 30s\n"),
                        List.of("-Xms1g", "-Xmx1g"), line -> { }));
            }
            int share = sessions / nodes;
            for (int i = 0; i < nodes; i++) {
                Path file = work.resolve("tokens-" + i);
                Files.write(file, ClusterIdleBench.tokens(cluster.get(i), "storm-" + i, share));
                agents.add(i == 0
                        ? ClusterIdleBench.agent(cluster.get(i), file, "127.0.0." + (10 + i), "--failover", survivors(cluster))
                        : ClusterIdleBench.agent(cluster.get(i), file, "127.0.0." + (10 + i)));
            }
            for (ClusterIdleBench.Agent a : agents) {
                ClusterIdleBench.awaitLine(a, "ready ");
            }
            System.out.printf("%d sessions up on %d nodes; killing node-0 (%d sessions)%n", share * nodes, nodes, share);
            long killedAt = System.currentTimeMillis();
            cluster.get(0).kill();
            String storm = ClusterIdleBench.awaitLine(agents.get(0), "storm ");
            String[] p = storm.trim().split(" ");
            long resumed = Long.parseLong(p[2]);
            long failed = Long.parseLong(p[4]);
            long doneAt = Long.parseLong(p[6]);
            results.add("sessions on the killed node", "count", share);
            results.add("resumed on another node", "count", resumed);
            results.add("could not resume", "count", failed);
            results.add("kill to the last resume", "s", (doneAt - killedAt) / 1000.0);
            for (ClusterIdleBench.Agent a : agents) {
                a.in().close();
            }
        } finally {
            for (ClusterIdleBench.Agent a : agents) {
                a.process().destroy();
                a.process().waitFor(20, TimeUnit.SECONDS);
            }
            for (ServerProcess node : cluster) {
                node.close();
            }
        }
        results.print(Map.of());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("nodes", nodes);
        settings.put("sessions", sessions);
        results.writeJson(json, settings, Map.of());
        return 0;
    }

    /**
     * The nodes the killed node's clients resume on, taken in turn as a load balancer would
     * spread them: every other node. (All on one node would also pass that node's open-files
     * limit: its own share and the dead node's, 20,000 sockets with 10,000 sessions a node.)
     */
    private static String survivors(List<ServerProcess> cluster) {
        return String.join(",", cluster.subList(1, cluster.size()).stream().map(n -> "127.0.0.1:" + n.control().getPort()).toList());
    }
}
