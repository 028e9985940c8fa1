package io.gatehouse.bench.control;

import io.gatehouse.bench.support.ParallelRun;
import io.gatehouse.bench.support.Results;
import io.gatehouse.bench.support.ServerProcess;
import io.gatehouse.client.control.ControlClient;
import io.gatehouse.core.transport.Transports;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code auth}: connect, auth with a fresh token, close — as many per second as the server takes. */
@Command(name = "auth", description = "control connect + auth + close per second")
public final class ControlAuthBench implements Callable<Integer> {

    @Option(names = "--auths", description = "auths per round (default ${DEFAULT-VALUE})")
    int auths = 5000;

    @Option(names = "--workers", description = "clients authenticating at once (default ${DEFAULT-VALUE})")
    int workers = 32;

    @Option(names = "--rounds", description = "rounds (default ${DEFAULT-VALUE})")
    int rounds = 3;

    @Option(names = "--json", description = "results file (default ${DEFAULT-VALUE})")
    Path json = Path.of("bench-auth.json");

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("gatehouse-bench");
        EventLoopGroup clients = Transports.group("bench-client", 1);
        Results results = new Results("control auth (" + workers + " at once)");
        try (ServerProcess server = ServerProcess.start(work, "", "2g")) {
            for (int round = 0; round < rounds; round++) {
                String[] tokens = server.tokens("bench", auths, 16);
                ParallelRun.Outcome run = ParallelRun.run(workers, auths, i -> {
                    try (ControlClient c = ControlClient.tcp(server.control(), null, clients, true)) {
                        c.auth(tokens[i]);
                    }
                });
                results.add("auths", "1/s", run.perSecond(auths));
                results.add("failed", "count", run.failed());
                System.out.printf("round %d/%d: %.0f auths/s%n", round + 1, rounds, run.perSecond(auths));
            }
        } finally {
            clients.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        results.print(Map.of());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("auths", auths);
        settings.put("workers", workers);
        settings.put("rounds", rounds);
        results.writeJson(json, settings, Map.of());
        return 0;
    }
}
