package io.gatehouse.bench.astron;

import io.gatehouse.astron.dc.DcParser;
import io.gatehouse.bench.support.PlainFanout;
import io.gatehouse.bench.support.Results;
import io.gatehouse.bench.support.ServerProcess;
import io.gatehouse.core.transport.Transports;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code astron}: N game clients with an interest in one zone; a game server on the Message
 * Director sends field updates to an object there, which the State Server broadcasts and the
 * Client Agent forwards to every client. Deliveries per second (updates × clients), beside
 * a plain Netty fan-out carrying frames of the same size.
 */
@Command(name = "astron", description = "astron field updates fanned out to N clients in one zone, beside a plain Netty fan-out")
public final class AstronFanoutBench implements Callable<Integer> {

    private static final long GS = 777;
    private static final long ZONE_PARENT = 5000;
    private static final long BOARD = 6000;
    private static final String DC = """
            dclass Zone {
            };
            dclass Board {
                setData(blob) broadcast ram;
            };
            """;

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
        Path dc = Files.writeString(work.resolve("game.dc"), DC);
        long hash = Integer.toUnsignedLong(DcParser.read(List.of(dc)).hash());
        String astron = "astron:\n  enabled: true\n  bind: \"127.0.0.1:0\"\n  md_bind: \"127.0.0.1:0\"\n  version: bench\n"
                + "  max_outbound_bytes: 67108864\n  dc_files: [\"" + dc + "\"]\n";
        EventLoopGroup group = Transports.group("bench-client", 1);
        EventLoopGroup baselineGroup = Transports.group("bench-baseline", 0);
        int frameSize = 2 + 2 + 4 + 2 + 2 + payload;
        Results results = new Results("astron fan-out (" + clients + " clients, " + updates + " updates of " + payload + " B)");
        try (ServerProcess server = ServerProcess.start(work, astron, "2g");
             GameServerLink gs = new GameServerLink(server.astronMessageDirector());
             PlainFanout fanout = new PlainFanout(baselineGroup, frameSize)) {
            createWorld(gs);
            for (int round = -warmup; round < rounds; round++) {
                results.addDeliveries(round, rounds, gatehouse(server, gs, group, hash),
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

    /** Zone 5000 and Board 6000 in its zone 1; returns once the zone knows the board. */
    private static void createWorld(GameServerLink gs) throws Exception {
        gs.subscribe(GS);
        gs.send(402_000, GS, 2000, GameServerLink.args(16).putInt((int) ZONE_PARENT).putInt(0).putInt(0).putShort((short) 0));
        gs.send(402_000, GS, 2000, GameServerLink.args(16).putInt((int) BOARD).putInt((int) ZONE_PARENT).putInt(1).putShort((short) 1));
        for (int i = 0; i < 4; i++) {
            gs.send(ZONE_PARENT, GS, 2044, GameServerLink.args(4).putInt(i));
            gs.flush();
            while (gs.receiveType() != 2045) {
                // wait for this round trip's answer
            }
        }
    }

    private double gatehouse(ServerProcess server, GameServerLink gs, EventLoopGroup group, long hash) throws Exception {
        AtomicLong delivered = new AtomicLong();
        long target = (long) clients * updates;
        CompletableFuture<Void> all = new CompletableFuture<>();
        List<AstronCounter> counters = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                AstronCounter c = new AstronCounter(delivered, target, all);
                c.open(group, server.astronClientAgent(), hash, "bench");
                counters.add(c);
            }
            CompletableFuture.allOf(counters.stream().map(c -> c.hello).toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            // every client (channel 10) gets interest 1 in the board's zone; each answers its caller when done
            gs.send(10, GS, 1200, GameServerLink.args(10).putShort((short) 1).putInt((int) ZONE_PARENT).putInt(1));
            gs.flush();
            for (int done = 0; done < clients; ) {
                if (gs.receiveType() == 1204) {
                    done++;
                }
            }
            CompletableFuture.allOf(counters.stream().map(c -> c.interest).toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            long start = System.nanoTime();
            for (int i = 0; i < updates; i++) {
                gs.send(BOARD, GS, 2020, GameServerLink.args(10 + payload).putInt((int) BOARD).putShort((short) 0)
                        .putShort((short) payload).put(new byte[payload]));
            }
            gs.flush();
            all.get(300, TimeUnit.SECONDS);
            return target / ((System.nanoTime() - start) / 1e9);
        } finally {
            counters.forEach(AstronCounter::close);
        }
    }
}
