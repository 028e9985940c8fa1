package io.gatehouse.bench;

import io.gatehouse.bench.vcmi.VcmiBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./gatehouse bench SCENARIO [options]}: benchmarks run on demand, never in the test suite. */
@Command(name = "gatehouse bench", mixinStandardHelpOptions = true, subcommands = {VcmiBench.class},
        description = "Benchmarks of Gatehouse, each side by side with a plain Netty baseline where one applies.")
public final class Bench {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }
}
