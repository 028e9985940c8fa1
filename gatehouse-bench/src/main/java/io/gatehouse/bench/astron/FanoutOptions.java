package io.gatehouse.bench.astron;

import picocli.CommandLine.Option;

/** The options of an astron fan-out benchmark: its clients, updates and rounds. */
final class FanoutOptions {

    @Option(names = "--clients", description = "clients in the zone (default ${DEFAULT-VALUE})")
    int clients = 500;

    @Option(names = "--updates", description = "field updates per round (default ${DEFAULT-VALUE})")
    int updates = 2000;

    @Option(names = "--payload", description = "bytes of the updated blob (default ${DEFAULT-VALUE})")
    int payload = 64;

    @Option(names = "--rounds", description = "rounds (default ${DEFAULT-VALUE})")
    int rounds = 3;

    @Option(names = "--warmup", description = "rounds run first and not counted, for the JIT (default ${DEFAULT-VALUE})")
    int warmup = 1;

    /** A round of these clients, updates and payload. */
    AstronFanoutRound round() {
        return new AstronFanoutRound(clients, updates, payload);
    }
}
