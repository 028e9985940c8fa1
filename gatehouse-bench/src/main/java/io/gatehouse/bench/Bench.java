package io.gatehouse.bench;

import io.gatehouse.bench.vcmi.VcmiBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./gatehouse bench SCENARIO [options]}: benchmarks run on demand, never in the test suite. */
@Command(name = "gatehouse bench", mixinStandardHelpOptions = true, subcommands = {VcmiBench.class, io.gatehouse.bench.control.ControlEchoBench.class, io.gatehouse.bench.control.ControlAuthBench.class, io.gatehouse.bench.control.ControlPushBench.class, io.gatehouse.bench.control.ControlIdleBench.class, io.gatehouse.bench.astron.AstronFanoutBench.class, io.gatehouse.bench.marauroa.MarauroaLoginBench.class, io.gatehouse.bench.marauroa.MarauroaZoneBench.class, Bench.Jmh.class},
        description = "Benchmarks of Gatehouse, each side by side with a plain Netty baseline where one applies.")
public final class Bench {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    /** {@code ./gatehouse bench jmh [JMH options]}: the codec microbenchmarks through JMH's own runner. */
    @Command(name = "jmh", description = "codec microbenchmarks (JMH); options after -- go to JMH, e.g. -- -f 1 ControlCodec")
    static final class Jmh implements java.util.concurrent.Callable<Integer> {

        @picocli.CommandLine.Parameters(description = "options for JMH's runner")
        java.util.List<String> jmhArgs = new java.util.ArrayList<>();

        @Override
        public Integer call() throws Exception {
            org.openjdk.jmh.Main.main(jmhArgs.toArray(String[]::new));
            return 0;
        }
    }
}
