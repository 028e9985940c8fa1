package io.gatehouse.bench.marauroa;

import io.gatehouse.bench.support.ParallelRun;
import io.gatehouse.bench.support.Results;
import io.gatehouse.bench.support.ServerProcess;
import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.marauroa.message.MarauroaMessage.CreateAccountAck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.HdrHistogram.ConcurrentHistogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code marauroa-login}: connect, the whole secure login (key, promise, nonce, encrypted
 * password, ACK with server info and character list), close — as many per second as the
 * server takes, with the latency of each login.
 */
@Command(name = "marauroa-login", description = "marauroa secure logins per second")
public final class MarauroaLoginBench implements Callable<Integer> {

    @Option(names = "--logins", description = "logins per round (default ${DEFAULT-VALUE})")
    int logins = 2000;

    @Option(names = "--accounts", description = "accounts the logins cycle through (default ${DEFAULT-VALUE})")
    int accounts = 100;

    @Option(names = "--workers", description = "clients logging in at once (default ${DEFAULT-VALUE})")
    int workers = 32;

    @Option(names = "--rounds", description = "rounds (default ${DEFAULT-VALUE})")
    int rounds = 3;

    @Option(names = "--password-hash", description = "Argon2id cost: cheap (64 KiB, 1 iteration) or default (the server's own,"
            + " 19 MiB, 2 iterations) (default ${DEFAULT-VALUE})")
    String passwordHash = "cheap";

    @Option(names = "--json", description = "results file (default ${DEFAULT-VALUE})")
    Path json = Path.of("target", "bench-marauroa-login.json");

    @Override
    public Integer call() throws Exception {
        if (!passwordHash.equals("cheap") && !passwordHash.equals("default")) {
            throw new ParameterException(new CommandLine(this),
                    "--password-hash: cheap or default, not " + passwordHash);
        }
        Path work = Files.createTempDirectory("gatehouse-bench");
        String marauroa = "marauroa:\n  enabled: true\n  bind: \"127.0.0.1:0\"\n  max_players: 100000\n"
                + "  failed_logins_per_address: 1000000\n";
        Results results = new Results("marauroa login (" + workers + " at once, " + accounts + " accounts, "
                + passwordHash + " Argon2id)");
        try (ServerProcess server = ServerProcess.start(work, marauroa, "2g", passwordHash.equals("cheap"))) {
            try (MarauroaClient c = new MarauroaClient(server.marauroa())) {
                for (int i = 0; i < accounts; i++) {
                    if (!(c.createAccount("bench" + i, "secret" + i, "b@example.org") instanceof CreateAccountAck)) {
                        throw new IllegalStateException("could not create account bench" + i);
                    }
                }
            }
            for (int round = 0; round < rounds; round++) {
                ConcurrentHistogram latency = new ConcurrentHistogram(3);
                ParallelRun.Outcome run = ParallelRun.run(workers, logins, i -> {
                    long t0 = System.nanoTime();
                    try (MarauroaClient c = new MarauroaClient(server.marauroa())) {
                        int a = i % accounts;
                        c.login("bench" + a, "secret" + a, "bench", "1");
                        latency.recordValue((System.nanoTime() - t0) / 1000);
                    }
                });
                results.add("logins", "1/s", run.perSecond(logins));
                results.add("login p50", "ms", latency.getValueAtPercentile(50) / 1000.0);
                results.add("login p99", "ms", latency.getValueAtPercentile(99) / 1000.0);
                results.add("failed", "count", run.failed());
                System.out.printf("round %d/%d: %.0f logins/s, p50 %.2f ms, p99 %.2f ms%n", round + 1, rounds,
                        run.perSecond(logins), latency.getValueAtPercentile(50) / 1000.0,
                        latency.getValueAtPercentile(99) / 1000.0);
            }
        }
        results.print(Map.of());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("logins", logins);
        settings.put("accounts", accounts);
        settings.put("workers", workers);
        settings.put("password_hash", passwordHash);
        results.writeJson(json, settings, Map.of());
        return 0;
    }
}
