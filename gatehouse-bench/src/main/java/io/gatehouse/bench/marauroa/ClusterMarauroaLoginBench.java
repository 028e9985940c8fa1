package io.gatehouse.bench.marauroa;

import io.gatehouse.bench.support.ClusterServices;
import io.gatehouse.bench.support.Results;
import io.gatehouse.bench.support.ServerProcess;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cluster-marauroa-login}: {@code marauroa-login} on a cluster of {@code --nodes} node
 * processes on one PostgreSQL store, the bench's cheap Argon2id: the accounts are created
 * through the first node, and the logins are spread over all of them in turn, so an account
 * logs in on one node and next on another.
 */
@Command(name = "cluster-marauroa-login", description = "marauroa secure logins per second over cluster nodes")
public final class ClusterMarauroaLoginBench implements Callable<Integer> {

    @Mixin
    ClusterServices services;

    @Option(names = "--nodes", description = "cluster nodes (default ${DEFAULT-VALUE})")
    int nodes = 2;

    @Mixin
    LoginLoad load = new LoginLoad();

    @Option(names = "--json", description = "results file (default ${DEFAULT-VALUE})")
    Path json = Path.of("target", "bench-cluster-marauroa-login.json");

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("gatehouse-bench");
        String prefix = "mlogin" + ProcessHandle.current().pid();
        Results results = new Results("marauroa login over " + nodes + " cluster nodes (" + load.workers + " at once, " + load.accounts
                + " accounts, cheap Argon2id)");
        List<ServerProcess> cluster = new ArrayList<>();
        try {
            for (int n = 0; n < nodes; n++) {
                cluster.add(ServerProcess.start(work.resolve("node-" + n), services.nodeConfig("node-" + n, prefix, LoginRounds.MARAUROA),
                        List.of("-Xms1g", "-Xmx1g"), line -> { }));
            }
            List<InetSocketAddress> targets = cluster.stream().map(ServerProcess::marauroa).toList();
            LoginRounds.createAccounts(targets.get(0), load.accounts);
            LoginRounds.run(results, targets, load);
        } finally {
            for (ServerProcess node : cluster) {
                node.close();
            }
        }
        results.print(Map.of());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("nodes", nodes);
        load.describe(settings);
        results.writeJson(json, settings, Map.of());
        return 0;
    }
}
