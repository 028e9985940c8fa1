package io.gatehouse.bench.astron;

import io.gatehouse.astron.dc.DcParser;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One world and one measured round of the astron fan-out, shared by {@code astron} and
 * {@code astron-cluster}: a Board object in zone 1 of Zone 5000, N clients with an interest in
 * that zone, and a game server sending field updates to the board, which the State Server
 * broadcasts and the Client Agent forwards to every client.
 */
final class AstronFanoutRound {

    static final long GS = 777;
    private static final long ZONE_PARENT = 5000;
    private static final long BOARD = 6000;
    private static final String DC = """
            dclass Zone {
            };
            dclass Board {
                setData(blob) broadcast ram;
            };
            """;

    private final int clients;
    private final int updates;
    private final int payload;

    AstronFanoutRound(int clients, int updates, int payload) {
        this.clients = clients;
        this.updates = updates;
        this.payload = payload;
    }

    /** Writes the DC file into {@code work}. */
    static Path writeDc(Path work) throws IOException {
        return Files.writeString(work.resolve("game.dc"), DC);
    }

    /** The DC hash clients say hello with. */
    static long hash(Path dc) throws IOException {
        return Integer.toUnsignedLong(DcParser.read(List.of(dc)).hash());
    }

    /** The bytes of one update as a client receives it: length tag, type, object, field, blob. */
    int frameSize() {
        return 2 + 2 + 4 + 2 + 2 + payload;
    }

    /** Zone 5000 and Board 6000 in its zone 1 on the State Server; returns once the zone knows the board. */
    static void createWorld(GameServerLink gs) throws IOException {
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

    /**
     * Connects the clients to {@code clientAgent}, gives them their interest through
     * {@code gs}, sends the updates and returns deliveries per second (updates × clients).
     */
    double deliveriesPerSecond(EventLoopGroup group, InetSocketAddress clientAgent, GameServerLink gs, long hash) throws Exception {
        AtomicLong delivered = new AtomicLong();
        long target = (long) clients * updates;
        CompletableFuture<Void> all = new CompletableFuture<>();
        List<AstronCounter> counters = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                AstronCounter c = new AstronCounter(delivered, target, all);
                c.open(group, clientAgent, hash, "bench");
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
