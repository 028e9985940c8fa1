package io.gatehouse.bench.control;

import io.gatehouse.bench.support.ClusterServices;
import io.gatehouse.bench.support.PlainEcho;
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
 * {@code cluster-auth}: {@code auth} on a cluster of {@code --nodes} node processes on one
 * PostgreSQL store: every token is issued by the first node and the auths are spread over all
 * of them in turn, so most spend a token another node issued and write a session every node can
 * resume; the tokens are of accounts of {@value ClusterIdleBench#PER_ACCOUNT} each, taken in turn,
 * since a cluster counts an account's places under a lock on its row. Side by side with the
 * same client against a plain Netty echo server.
 */
@Command(name = "cluster-auth", description = "control connect + auth + close per second over cluster nodes, beside a plain echo server")
public final class ClusterAuthBench implements Callable<Integer> {

    @Mixin
    ClusterServices services;

    @Option(names = "--nodes", description = "cluster nodes (default ${DEFAULT-VALUE})")
    int nodes = 2;

    @Mixin
    AuthLoad load = new AuthLoad();

    @Option(names = "--json", description = "results file (default ${DEFAULT-VALUE})")
    Path json = Path.of("target", "bench-cluster-auth.json");

    private static final String GATEHOUSE = "auths across nodes";
    private static final String BASELINE = AuthRounds.BASELINE;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("gatehouse-bench");
        String prefix = "auth" + ProcessHandle.current().pid();
        EventLoopGroup baselineGroup = Transports.group("bench-baseline", 0);
        Results results = new Results("control auth over " + nodes + " cluster nodes (" + load.workers + " at once)");
        List<ServerProcess> cluster = new ArrayList<>();
        try (PlainEcho echo = new PlainEcho(baselineGroup)) {
            for (int n = 0; n < nodes; n++) {
                cluster.add(ServerProcess.start(work.resolve("node-" + n), services.nodeConfig("node-" + n, prefix, ""),
                        List.of("-Xms1g", "-Xmx1g"), line -> { }));
            }
            List<InetSocketAddress> targets = cluster.stream().map(ServerProcess::control).toList();
            // players have accounts of their own: one account would line every auth up on its row's lock
            AuthRounds.run(results, GATEHOUSE, load, echo,
                    round -> ClusterIdleBench.tokens(cluster.get(0), "bench-" + round, load.auths).toArray(String[]::new),
                    // a cluster's node runs no login journal: an auth's rows are in the store before its answer
                    i -> targets.get(i % targets.size()), () -> { });
        } finally {
            for (ServerProcess node : cluster) {
                node.close();
            }
            baselineGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        Map<String, String> ratios = Map.of(GATEHOUSE, BASELINE);
        results.print(ratios);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("nodes", nodes);
        load.describe(settings);
        results.writeJson(json, settings, ratios);
        return 0;
    }
}
