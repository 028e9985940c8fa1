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

    @Option(names = "--logins", description = "logins per round (default ${DEFAULT-VALUE})")
    int logins = 2000;

    @Option(names = "--accounts", description = "accounts the logins cycle through (default ${DEFAULT-VALUE})")
    int accounts = 100;

    @Option(names = "--workers", description = "clients logging in at once (default ${DEFAULT-VALUE})")
    int workers = 32;

    @Option(names = "--rounds", description = "rounds (default ${DEFAULT-VALUE})")
    int rounds = 3;

    @Option(names = "--json", description = "results file (default ${DEFAULT-VALUE})")
    Path json = Path.of("target", "bench-cluster-marauroa-login.json");

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("gatehouse-bench");
        String prefix = "mlogin" + ProcessHandle.current().pid();
        Results results = new Results("marauroa login over " + nodes + " cluster nodes (" + workers + " at once, " + accounts
                + " accounts, cheap Argon2id)");
        List<ServerProcess> cluster = new ArrayList<>();
        try {
            for (int n = 0; n < nodes; n++) {
                cluster.add(ServerProcess.start(work.resolve("node-" + n), services.nodeConfig("node-" + n, prefix, LoginRounds.MARAUROA),
                        List.of("-Xms1g", "-Xmx1g"), line -> { }));
            }
            List<InetSocketAddress> targets = cluster.stream().map(ServerProcess::marauroa).toList();
            LoginRounds.createAccounts(targets.get(0), accounts);
            LoginRounds.run(results, targets, logins, accounts, workers, rounds);
        } finally {
            for (ServerProcess node : cluster) {
                node.close();
            }
        }
        results.print(Map.of());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("nodes", nodes);
        settings.put("logins", logins);
        settings.put("accounts", accounts);
        settings.put("workers", workers);
        results.writeJson(json, settings, Map.of());
        return 0;
    }
}
