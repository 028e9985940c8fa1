package io.gatehouse.bench.marauroa;

import java.util.Map;
import picocli.CommandLine.Option;

/** The load options shared by {@code marauroa-login} and {@code cluster-marauroa-login} (a picocli mixin). */
final class LoginLoad {

    @Option(names = "--logins", description = "logins per round (default ${DEFAULT-VALUE})")
    int logins = 2000;

    @Option(names = "--accounts", description = "accounts the logins cycle through (default ${DEFAULT-VALUE})")
    int accounts = 100;

    @Option(names = "--workers", description = "clients logging in at once (default ${DEFAULT-VALUE})")
    int workers = 32;

    @Option(names = "--rounds", description = "rounds (default ${DEFAULT-VALUE})")
    int rounds = 3;

    /** Writes these options into a results file's settings. */
    void describe(Map<String, Object> settings) {
        settings.put("logins", logins);
        settings.put("accounts", accounts);
        settings.put("workers", workers);
        settings.put("rounds", rounds);
    }
}
