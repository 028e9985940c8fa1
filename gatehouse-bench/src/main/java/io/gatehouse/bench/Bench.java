package io.gatehouse.bench;

import io.gatehouse.bench.astron.AstronClusterBench;
import io.gatehouse.bench.astron.AstronFanoutBench;
import io.gatehouse.bench.astron.MdRouteBench;
import io.gatehouse.bench.control.ClusterAuthBench;
import io.gatehouse.bench.control.ClusterFailoverBench;
import io.gatehouse.bench.control.ClusterIdleBench;
import io.gatehouse.bench.control.ClusterPushBench;
import io.gatehouse.bench.control.IdleAgent;
import io.gatehouse.bench.control.ControlAuthBench;
import io.gatehouse.bench.control.ControlEchoBench;
import io.gatehouse.bench.control.ControlIdleBench;
import io.gatehouse.bench.control.ControlPushBench;
import io.gatehouse.bench.marauroa.ClusterMarauroaLoginBench;
import io.gatehouse.bench.marauroa.MarauroaLoginBench;
import io.gatehouse.bench.marauroa.MarauroaZoneBench;
import io.gatehouse.bench.soak.SoakBench;
import io.gatehouse.bench.vcmi.VcmiBench;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./gatehouse bench SCENARIO [options]}: benchmarks run on demand, never in the test suite. */
@Command(name = "gatehouse bench", mixinStandardHelpOptions = true, subcommands = {VcmiBench.class, ControlEchoBench.class, ControlAuthBench.class, ClusterAuthBench.class, ControlPushBench.class, ClusterPushBench.class, ControlIdleBench.class, ClusterIdleBench.class, ClusterFailoverBench.class, IdleAgent.class, AstronFanoutBench.class, AstronClusterBench.class, MdRouteBench.class, MarauroaLoginBench.class, ClusterMarauroaLoginBench.class, MarauroaZoneBench.class, SoakBench.class, Bench.Jmh.class},
        description = {"Benchmarks of Gatehouse, each side by side with a plain Netty baseline where one applies;",
                "soak: churn and abuse on every front, failing when the server keeps growing (RELIABILITY.md)."})
public final class Bench {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    /** {@code ./gatehouse bench jmh [JMH options]}: the codec microbenchmarks through JMH's own runner. */
    @Command(name = "jmh", description = "codec microbenchmarks (JMH); options after -- go to JMH, e.g. -- -f 1 ControlCodec")
    static final class Jmh implements Callable<Integer> {

        @picocli.CommandLine.Parameters(description = "options for JMH's runner")
        List<String> jmhArgs = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            org.openjdk.jmh.Main.main(jmhArgs.toArray(String[]::new));
            return 0;
        }
    }
}
