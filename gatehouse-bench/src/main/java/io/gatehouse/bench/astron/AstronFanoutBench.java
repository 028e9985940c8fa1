package io.gatehouse.bench.astron;

import io.gatehouse.bench.support.PlainFanout;
import io.gatehouse.bench.support.Results;
import io.gatehouse.bench.support.ServerProcess;
import io.gatehouse.core.transport.Transports;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code astron}: N game clients with an interest in one zone; a game server on the Message
 * Director sends field updates to an object there, which the State Server broadcasts and the
 * Client Agent forwards to every client ({@link AstronFanoutRound}). Deliveries per second
 * (updates × clients), beside a plain Netty fan-out carrying frames of the same size.
 */
@Command(name = "astron", description = "astron field updates fanned out to N clients in one zone, beside a plain Netty fan-out")
public final class AstronFanoutBench implements Callable<Integer> {

    @Mixin
    FanoutOptions options;

    @Option(names = "--json", description = "results file (default ${DEFAULT-VALUE})")
    Path json = Path.of("target", "bench-astron.json");

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("gatehouse-bench");
        Path dc = AstronFanoutRound.writeDc(work);
        long hash = AstronFanoutRound.hash(dc);
        String astron = "astron:\n  enabled: true\n  bind: \"127.0.0.1:0\"\n  md_bind: \"127.0.0.1:0\"\n  version: bench\n"
                + "  max_outbound_bytes: 67108864\n  dc_files: [\"" + dc + "\"]\n";
        EventLoopGroup group = Transports.group("bench-client", 1);
        EventLoopGroup baselineGroup = Transports.group("bench-baseline", 0);
        AstronFanoutRound fanoutRound = options.round();
        int frameSize = fanoutRound.frameSize();
        Results results = new Results("astron fan-out (" + options.clients + " clients, " + options.updates + " updates of " + options.payload + " B)");
        try (ServerProcess server = ServerProcess.start(work, astron, "2g");
             GameServerLink gs = new GameServerLink(server.astronMessageDirector());
             PlainFanout fanout = new PlainFanout(baselineGroup, frameSize)) {
            AstronFanoutRound.createWorld(gs);
            for (int round = -options.warmup; round < options.rounds; round++) {
                results.addDeliveries(round, options.rounds, fanoutRound.deliveriesPerSecond(group, server.astronClientAgent(), gs, hash),
                        fanout.deliveriesPerSecond(group, options.clients, options.updates, frameSize));
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            baselineGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("clients", options.clients);
        settings.put("updates", options.updates);
        settings.put("payload", options.payload);
        results.finishDeliveries(json, settings);
        return 0;
    }
}
