package io.gatehouse.bench.control;

import java.util.Map;
import picocli.CommandLine.Option;

/** The load options shared by {@code auth} and {@code cluster-auth} (a picocli mixin). */
final class AuthLoad {

    @Option(names = "--auths", description = "auths per round (default ${DEFAULT-VALUE})")
    int auths = 5000;

    @Option(names = "--workers", description = "clients authenticating at once (default ${DEFAULT-VALUE})")
    int workers = 32;

    @Option(names = "--rounds", description = "rounds (default ${DEFAULT-VALUE})")
    int rounds = 3;

    @Option(names = "--warmup", description = "rounds run first and not counted, for the JIT (default ${DEFAULT-VALUE})")
    int warmup = 8;

    /** Writes these options into a results file's settings. */
    void describe(Map<String, Object> settings) {
        settings.put("auths", auths);
        settings.put("workers", workers);
        settings.put("rounds", rounds);
        settings.put("warmup", warmup);
    }
}
