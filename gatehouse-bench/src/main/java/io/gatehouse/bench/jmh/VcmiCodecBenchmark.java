package io.gatehouse.bench.jmh;

import io.gatehouse.vcmi.codec.LobbyCommands;
import io.gatehouse.vcmi.codec.LobbyHandshake;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The vcmi front's lobby text: the greeting packet's handshake and command splitting. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VcmiCodecBenchmark {

    private final byte[] greeting = ("\u0005\u0000<GREETINGS>alice<VER>1.5.0").getBytes(StandardCharsets.UTF_8);
    private final String commands = "<JOIN>castle<PSWD>secret";

    @Benchmark
    public LobbyHandshake.Result readHandshake() {
        return LobbyHandshake.read(greeting);
    }

    @Benchmark
    public int splitCommands() {
        int n = 0;
        int from = 0;
        LobbyCommands.Command c;
        while ((c = LobbyCommands.next(commands, from)) != null) {
            n += c.value().length();
            from = c.end();
        }
        return n;
    }
}
