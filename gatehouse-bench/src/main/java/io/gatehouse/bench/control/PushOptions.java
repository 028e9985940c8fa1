package io.gatehouse.bench.control;

import picocli.CommandLine.Option;

/** The options of a push fan-out benchmark: its subscribers, messages and rounds. */
final class PushOptions {

    @Option(names = "--subscribers", description = "subscribers (default ${DEFAULT-VALUE})")
    int subscribers = 500;

    @Option(names = "--messages", description = "messages published per round (default ${DEFAULT-VALUE})")
    int messages = 2000;

    @Option(names = "--payload", description = "payload bytes per message (default ${DEFAULT-VALUE})")
    int payload = 64;

    @Option(names = "--window", description = "publish requests in flight at most (default ${DEFAULT-VALUE})")
    int window = 64;

    @Option(names = "--rounds", description = "rounds (default ${DEFAULT-VALUE})")
    int rounds = 3;

    @Option(names = "--warmup", description = "rounds run first and not counted, for the JIT (default ${DEFAULT-VALUE})")
    int warmup = 1;
}
