package io.gatehouse.bench.control;

import io.gatehouse.bench.support.Results;
import io.gatehouse.bench.support.ServerProcess;
import io.gatehouse.client.control.ControlClient;
import io.gatehouse.core.transport.Transports;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code idle}: N authenticated sessions, spread over loopback source addresses 127.0.0.x,
 * each sending a heartbeat every 10 s, held for a while; reports drops and the server's heap
 * (after a full GC) and RSS per session.
 */
@Command(name = "idle", description = "N idle control sessions with heartbeats; server memory per session")
public final class ControlIdleBench implements Callable<Integer> {

    @Option(names = "--sessions", description = "sessions (default ${DEFAULT-VALUE})")
    int sessions = 5000;

    @Option(names = "--hold", description = "seconds to hold them (default ${DEFAULT-VALUE})")
    int hold = 60;

    @Option(names = "--sources", description = "loopback source addresses 127.0.0.1 to 127.0.0.N (default ${DEFAULT-VALUE})")
    int sources = 4;

    @Option(names = "--json", description = "results file (default ${DEFAULT-VALUE})")
    Path json = Path.of("target", "bench-idle.json");

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("gatehouse-bench");
        EventLoopGroup clients = Transports.group("bench-client", 2);
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
        Results results = new Results("control idle (" + sessions + " sessions, " + hold + " s, heartbeat every 10 s)");
        try (ServerProcess server = ServerProcess.start(work, "  heartbeat_timeout: 30s\n", "2g")) {
            String[] tokens = server.tokens("bench", sessions, 16);
            long heapBefore = server.heapAfterGcBytes();
            long rssBefore = server.rssBytes();
            List<ControlClient> open = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                InetSocketAddress local = new InetSocketAddress("127.0.0." + (1 + i % sources), 0);
                ControlClient c = ControlClient.tcp(server.control(), local, clients, true);
                c.auth(tokens[i]);
                open.add(c);
                if ((i + 1) % 1000 == 0) {
                    System.out.printf("%d sessions up%n", i + 1);
                }
            }
            AtomicLong beatsSent = new AtomicLong();
            byte[] body = {8, 1};
            long tickMillis = 100;
            int perTick = (int) Math.ceil(sessions / (10_000.0 / tickMillis));
            int[] cursor = {0};
            beats.scheduleAtFixedRate(() -> {
                for (int k = 0; k < perTick; k++) {
                    ControlClient c = open.get(cursor[0]);
                    cursor[0] = (cursor[0] + 1) % open.size();
                    if (c.isOpen()) {
                        c.request(1, body, 0);
                        beatsSent.incrementAndGet();
                    }
                }
            }, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
            for (int s = 0; s < hold; s += 10) {
                Thread.sleep(Math.min(10, hold - s) * 1000L);
                long dropped = open.stream().filter(c -> !c.isOpen()).count();
                System.out.printf("%d s: %d open, %d dropped, %d heartbeats sent%n", s + 10, sessions - dropped, dropped, beatsSent.get());
            }
            long dropped = open.stream().filter(c -> !c.isOpen()).count();
            long heapAfter = server.heapAfterGcBytes();
            long rssAfter = server.rssBytes();
            results.add("dropped sessions", "count", dropped);
            results.add("heap per session after GC", "bytes", (heapAfter - heapBefore) / (double) sessions);
            results.add("RSS per session", "bytes", (rssAfter - rssBefore) / (double) sessions);
            results.add("server heap after GC", "MiB", heapAfter / 1048576.0);
            results.add("server RSS", "MiB", rssAfter / 1048576.0);
            beats.shutdownNow();
            open.forEach(ControlClient::close);
        } finally {
            beats.shutdownNow();
            clients.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        results.print(Map.of());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("sessions", sessions);
        settings.put("hold_seconds", hold);
        settings.put("sources", sources);
        results.writeJson(json, settings, Map.of());
        return 0;
    }
}
