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
import picocli.CommandLine.Option;

/**
 * {@code astron}: N game clients with an interest in one zone; a game server on the Message
 * Director sends field updates to an object there, which the State Server broadcasts and the
 * Client Agent forwards to every client ({@link AstronFanoutRound}). Deliveries per second
 * (updates × clients), beside a plain Netty fan-out carrying frames of the same size.
 */
@Command(name = "astron", description = "astron field updates fanned out to N clients in one zone, beside a plain Netty fan-out")
public final class AstronFanoutBench implements Callable<Integer> {

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
        AstronFanoutRound fanoutRound = new AstronFanoutRound(clients, updates, payload);
        int frameSize = fanoutRound.frameSize();
        Results results = new Results("astron fan-out (" + clients + " clients, " + updates + " updates of " + payload + " B)");
        try (ServerProcess server = ServerProcess.start(work, astron, "2g");
             GameServerLink gs = new GameServerLink(server.astronMessageDirector());
             PlainFanout fanout = new PlainFanout(baselineGroup, frameSize)) {
            AstronFanoutRound.createWorld(gs);
            for (int round = -warmup; round < rounds; round++) {
                results.addDeliveries(round, rounds, fanoutRound.deliveriesPerSecond(group, server.astronClientAgent(), gs, hash),
                        fanout.deliveriesPerSecond(group, clients, updates, frameSize));
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            baselineGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("clients", clients);
        settings.put("updates", updates);
        settings.put("payload", payload);
        results.finishDeliveries(json, settings);
        return 0;
    }
}
