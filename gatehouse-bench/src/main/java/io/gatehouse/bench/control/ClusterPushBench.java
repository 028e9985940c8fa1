package io.gatehouse.bench.control;

import io.gatehouse.bench.support.ClusterServices;
import io.gatehouse.bench.support.Results;
import io.gatehouse.bench.support.ServerProcess;
import io.gatehouse.core.transport.Transports;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
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
 * {@code cluster-push}: the push fan-out across a cluster. A publisher on node 1 and
 * subscribers spread over {@code --nodes} node processes (one NATS, one PostgreSQL), beside the
 * same fan-out on one node process on the same store, round by round: the ratio says what
 * crossing nodes costs. Needs a running nats-server and PostgreSQL (BENCHMARKS.md says how to
 * start both with the test suite's scripts).
 */
@Command(name = "cluster-push", description = "push fan-out with subscribers over several cluster nodes, beside one node")
public final class ClusterPushBench implements Callable<Integer> {

    @Mixin
    ClusterServices services;

    @Option(names = "--nodes", description = "cluster nodes (default ${DEFAULT-VALUE})")
    int nodes = 3;

    @Mixin
    PushOptions push;

    @Option(names = "--json", description = "results file (default ${DEFAULT-VALUE})")
    Path json = Path.of("target", "bench-cluster-push.json");

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("gatehouse-bench");
        EventLoopGroup clients = Transports.group("bench-client", 1);
        Results results = new Results("control push across " + nodes + " nodes (" + push.subscribers + " subscribers, " + push.messages
                + " messages of " + push.payload + " B) beside one node");
        byte[] data = new byte[push.payload];
        String prefix = "bench" + ProcessHandle.current().pid();
        List<ServerProcess> cluster = new ArrayList<>();
        try (ServerProcess alone = ServerProcess.start(work.resolve("alone"), services.nodeConfig(null, prefix, ""), List.of("-Xms1g", "-Xmx1g"),
                line -> { })) {
            for (int i = 1; i <= nodes; i++) {
                cluster.add(ServerProcess.start(work.resolve("node-" + i), services.nodeConfig("node-" + i, prefix, ""),
                        List.of("-Xms1g", "-Xmx1g"), line -> { }));
            }
            List<InetSocketAddress> spread = cluster.stream().map(ServerProcess::control).toList();
            for (int round = -push.warmup; round < push.rounds; round++) {
                double across = PushRound.deliveriesPerSecond(clients, spread, spread.get(0),
                        cluster.get(0).tokens("bench", push.subscribers + 1, 16), push.subscribers, push.messages, data, push.window);
                double one = PushRound.deliveriesPerSecond(clients, List.of(alone.control()), alone.control(),
                        alone.tokens("bench", push.subscribers + 1, 16), push.subscribers, push.messages, data, push.window);
                results.addDeliveries(round, push.rounds, across, one);
            }
        } finally {
            for (ServerProcess p : cluster) {
                p.close();
            }
            clients.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("nodes", nodes);
        settings.put("subscribers", push.subscribers);
        settings.put("messages", push.messages);
        settings.put("payload", push.payload);
        settings.put("window", push.window);
        settings.put("baseline", "the same fan-out on one node (no cluster section) on the same store");
        results.finishDeliveries(json, settings);
        return 0;
    }
}
