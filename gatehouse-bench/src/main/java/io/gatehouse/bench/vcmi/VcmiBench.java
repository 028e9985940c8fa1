package io.gatehouse.bench.vcmi;

import io.gatehouse.bench.support.CountingClient;
import io.gatehouse.bench.support.PlainForwarder;
import io.gatehouse.bench.support.Results;
import io.gatehouse.client.vcmi.VcmiLobbyClient;
import io.gatehouse.client.vcmi.VcmiPipeClient;
import io.gatehouse.core.limits.AddressSet;
import io.gatehouse.core.limits.ConnectionLimit;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.session.DuplicatePolicy;
import io.gatehouse.core.session.LocalSessionRegistry;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.store.DatabaseSettings;
import io.gatehouse.core.time.SystemScheduler;
import io.gatehouse.core.transport.HostPort;
import io.gatehouse.core.transport.Transports;
import io.gatehouse.vcmi.VcmiConfig;
import io.gatehouse.vcmi.VcmiFront;
import io.gatehouse.vcmi.handler.VcmiStats;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The vcmi benchmark: relay throughput through Gatehouse's game pipes and through a plain
 * Netty forwarder, alternating in the same run on the same event loops, and lobby commands
 * per second. Not a test: it prints figures and writes them as JSON.
 */
@Command(name = "vcmi", description = "vcmi relay MB/s side by side with a plain Netty forwarder, and lobby commands/s")
public final class VcmiBench implements Callable<Integer> {

    @Option(names = "--megabytes", description = "bytes relayed per round, in MiB (default ${DEFAULT-VALUE})")
    int megabytes = 256;

    @Option(names = "--rounds", description = "rounds of each measurement (default ${DEFAULT-VALUE})")
    int rounds = 5;

    @Option(names = "--lobby-clients", description = "greeted lobby users sending commands at once (default ${DEFAULT-VALUE})")
    int lobbyClients = 16;

    @Option(names = "--commands", description = "commands each lobby user sends per round (default ${DEFAULT-VALUE})")
    int commands = 2000;

    @Option(names = "--splice", description = "how paired pipes' bytes travel through Gatehouse: auto (splice(2) on native epoll), "
            + "off (copied through the JVM), or both (two fronts, measured side by side each round) (default ${DEFAULT-VALUE})")
    String splice = "auto";

    @Option(names = "--server-threads", description = "event loop threads of the servers (default ${DEFAULT-VALUE})")
    int serverThreads = 1;

    @Option(names = "--json", description = "where to write the results (default ${DEFAULT-VALUE})")
    Path json = Path.of("target", "bench-vcmi.json");

    @Override
    public Integer call() throws Exception {
        EventLoopGroup serverGroup = Transports.group("bench-server", serverThreads);
        EventLoopGroup clientGroup = Transports.group("bench-client", 1);
        SystemScheduler scheduler = new SystemScheduler();
        List<VcmiConfig.Splice> modes = switch (splice) {
            case "auto" -> List.of(VcmiConfig.Splice.AUTO);
            case "off" -> List.of(VcmiConfig.Splice.OFF);
            case "both" -> List.of(VcmiConfig.Splice.AUTO, VcmiConfig.Splice.OFF);
            default -> throw new IllegalArgumentException("--splice " + splice + " (expected auto, off or both)");
        };
        // the lobby users of the bench are core sessions, as in the server; their registry's store is an in-memory H2
        Database db = Database.open(new DatabaseSettings("jdbc:h2:mem:bench-vcmi;DB_CLOSE_DELAY=-1", null, null, 2));
        Map<VcmiConfig.Splice, VcmiFront> fronts = new LinkedHashMap<>();
        Map<VcmiConfig.Splice, VcmiStats> stats = new LinkedHashMap<>();
        for (VcmiConfig.Splice mode : modes) {
            stats.put(mode, new VcmiStats(new SimpleMeterRegistry()));
            fronts.put(mode, new VcmiFront(config(mode), scheduler, serverGroup, FrontMetrics.discarding("vcmi"), stats.get(mode),
                    new LocalSessionRegistry(db, scheduler, Duration.ofHours(1), DuplicatePolicy.CLOSE_OLDER)).bind());
        }
        VcmiFront front = fronts.values().iterator().next();
        PlainForwarder baseline = new PlainForwarder(serverGroup);
        Results results = new Results("vcmi (" + megabytes + " MiB/round, " + serverThreads + " server thread(s), epoll="
                + Transports.nativeEpoll() + ")");
        long bytes = (long) megabytes * 1024 * 1024;
        try {
            for (int round = 0; round < rounds; round++) {
                for (VcmiConfig.Splice mode : modes) {
                    VcmiFront f = fronts.get(mode);
                    String[] ids = startGame(f.address(), round);
                    results.add(relayName(mode), "MB/s", relayVcmi(clientGroup, f.address(), ids, bytes));
                }
                results.add("baseline forwarder", "MB/s", relayPlain(clientGroup, baseline.address(), bytes));
                results.add("gatehouse lobby", "commands/s", lobby(front.address(), round));
                System.out.printf("round %d/%d: relay %.0f MB/s (%s), baseline %.0f MB/s%n", round + 1, rounds,
                        results.last(relayName(modes.get(0))), relayName(modes.get(0)), results.last("baseline forwarder"));
            }
        } finally {
            fronts.values().forEach(f -> f.stop(Duration.ofSeconds(2)));
            db.close();
            baseline.close();
            serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            scheduler.close();
        }
        stats.forEach((mode, s) -> System.out.printf("%s: %d of %d pipe pairs went through splice(2)%n",
                relayName(mode), s.splices(), rounds));
        Map<String, String> ratios = new LinkedHashMap<>();
        ratios.put(relayName(modes.get(0)), "baseline forwarder");
        if (modes.size() == 2) {
            ratios.put(relayName(VcmiConfig.Splice.AUTO), relayName(VcmiConfig.Splice.OFF));
        }
        results.print(ratios);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("megabytes", megabytes);
        settings.put("rounds", rounds);
        settings.put("lobby_clients", lobbyClients);
        settings.put("commands", commands);
        settings.put("server_threads", serverThreads);
        settings.put("splice", splice);
        results.writeJson(json, settings, ratios);
        return 0;
    }

    private static VcmiConfig config(VcmiConfig.Splice mode) {
        VcmiConfig d = VcmiConfig.defaults();
        return new VcmiConfig(true, new HostPort("127.0.0.1", 0), 100_000, Duration.ZERO, d.sessionGrace(),
                d.messageTargets(), d.maxPacketBytes(), d.maxPendingBytes(), d.maxOutboundBytes(),
                new VcmiConfig.Admission(new ConnectionLimit(100_000, AddressSet.NONE), d.admission().handshakeTimeout(), d.admission().maxHandshakeBytes(),
                        d.admission().maxHandshakePackets(), d.admission().idleTimeout()), mode);
    }

    /** "gatehouse relay" for the default path, with the path named when it is not splice's. */
    private static String relayName(VcmiConfig.Splice mode) {
        return mode == VcmiConfig.Splice.AUTO ? "gatehouse relay" : "gatehouse relay (copy)";
    }

    /** Two users meet, ready up and start; returns {host uuid, guest's client uuid}. */
    private static String[] startGame(InetSocketAddress server, int round) throws InterruptedException {
        try (VcmiLobbyClient host = VcmiLobbyClient.connect(server); VcmiLobbyClient guest = VcmiLobbyClient.connect(server)) {
            host.greet("host" + round, "bench");
            host.takeThrough("currently playing ");
            guest.greet("guest" + round, "bench");
            guest.takeThrough("currently playing ");
            host.send("<NEW>room" + round + "<PSWD><COUNT>2");
            host.takeThrough("You are in the room chat.");
            guest.send("<JOIN>room" + round + "<PSWD><READY>room" + round);
            host.send("<READY>room" + round);
            host.takeThrough(":>>HOST:");
            String hostUuid = new String(host.take(36), StandardCharsets.US_ASCII);
            guest.takeThrough(":>>START:");
            String guestUuid = new String(guest.take(36), StandardCharsets.US_ASCII);
            return new String[] {hostUuid, guestUuid};
        }
    }

    private static double relayVcmi(EventLoopGroup group, InetSocketAddress server, String[] ids, long bytes) throws Exception {
        byte[] serverHello = VcmiPipeClient.handshakeBytes("server", ids[0]);
        byte[] clientHello = VcmiPipeClient.handshakeBytes("client", ids[1]);
        try (CountingClient gameServer = new CountingClient(group, server); CountingClient gameClient = new CountingClient(group, server)) {
            gameServer.send(serverHello);
            gameClient.send(clientHello);
            gameServer.whenReceived(clientHello.length).get(10, TimeUnit.SECONDS);
            var done = gameClient.whenReceived(serverHello.length + bytes);
            long start = System.nanoTime();
            gameServer.blast(bytes);
            done.get(120, TimeUnit.SECONDS);
            return mbPerSecond(bytes, System.nanoTime() - start);
        }
    }

    private static double relayPlain(EventLoopGroup group, InetSocketAddress server, long bytes) throws Exception {
        try (CountingClient a = new CountingClient(group, server); CountingClient b = new CountingClient(group, server)) {
            a.send(new byte[] {1});
            b.whenReceived(1).get(10, TimeUnit.SECONDS);
            var done = b.whenReceived(1 + bytes);
            long start = System.nanoTime();
            a.blast(bytes);
            done.get(120, TimeUnit.SECONDS);
            return mbPerSecond(bytes, System.nanoTime() - start);
        }
    }

    /** Greeted users each send {@code commands} HERE commands at once; returns commands answered per second. */
    private double lobby(InetSocketAddress server, int round) throws InterruptedException {
        List<VcmiLobbyClient> users = new ArrayList<>();
        try {
            for (int i = 0; i < lobbyClients; i++) {
                VcmiLobbyClient u = VcmiLobbyClient.connect(server);
                u.greet("u" + round + "x" + i, "bench");
                u.takeThrough("currently playing ");
                users.add(u);
            }
            for (VcmiLobbyClient u : users) {
                u.timeout(Duration.ofSeconds(120));
                while (u.available() > 0) {
                    u.take(u.available());
                }
            }
            StringBuilder list = new StringBuilder(":>>USERS:" + lobbyClients);
            for (int i = 0; i < lobbyClients; i++) {
                list.append(":u").append(round).append('x').append(i);
            }
            int replyLength = list.length();
            long start = System.nanoTime();
            for (VcmiLobbyClient u : users) {
                for (int i = 0; i < commands; i++) {
                    u.send("<HERE>");
                }
            }
            for (VcmiLobbyClient u : users) {
                u.take(replyLength * commands);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return lobbyClients * (double) commands / seconds;
        } finally {
            users.forEach(VcmiLobbyClient::close);
        }
    }

    private static double mbPerSecond(long bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }
}
