package io.gatehouse.bench.marauroa;

import io.gatehouse.bench.support.Results;
import io.gatehouse.bench.support.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code marauroa-login}: connect, the whole secure login (key, promise, nonce, encrypted
 * password, ACK with server info and character list), close — as many per second as the
 * server takes, with the latency of each login.
 */
@Command(name = "marauroa-login", description = "marauroa secure logins per second")
public final class MarauroaLoginBench implements Callable<Integer> {

    @Mixin
    LoginLoad load = new LoginLoad();

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
        Results results = new Results("marauroa login (" + load.workers + " at once, " + load.accounts + " accounts, "
                + passwordHash + " Argon2id)");
        try (ServerProcess server = ServerProcess.start(work, LoginRounds.MARAUROA, "2g", passwordHash.equals("cheap"))) {
            LoginRounds.createAccounts(server.marauroa(), load.accounts);
            LoginRounds.run(results, List.of(server.marauroa()), load);
        }
        results.print(Map.of());
        Map<String, Object> settings = new LinkedHashMap<>();
        load.describe(settings);
        settings.put("password_hash", passwordHash);
        results.writeJson(json, settings, Map.of());
        return 0;
    }
}
