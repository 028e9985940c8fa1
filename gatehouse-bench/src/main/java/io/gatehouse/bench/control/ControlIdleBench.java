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
        Results results = new Results("control idle (" + sessions + " sessions, " + hold + " s, heartbeat every 10 s)");
        try (ServerProcess server = ServerProcess.start(work, "  heartbeat_timeout: 30s\n", "2g")) {
            String[] tokens = server.tokens("bench", sessions, 16);
            long heapBefore = server.heapAfterGcBytes();
            long rssBefore = server.rssBytes();
            try (IdleSessions open = IdleSessions.open(server.control(), tokens, i -> "127.0.0." + (1 + i % sources), clients)) {
                for (int s = 0; s < hold; s += 10) {
                    Thread.sleep(Math.min(10, hold - s) * 1000L);
                    long dropped = open.dropped();
                    System.out.printf("%d s: %d open, %d dropped, %d heartbeats sent%n", s + 10, sessions - dropped, dropped,
                            open.heartbeatsSent());
                }
                results.add("dropped sessions", "count", open.dropped());
                // measured while the sessions are still held
                long heapAfter = server.heapAfterGcBytes();
                long rssAfter = server.rssBytes();
                results.add("heap per session after GC", "bytes", (heapAfter - heapBefore) / (double) sessions);
                results.add("RSS per session", "bytes", (rssAfter - rssBefore) / (double) sessions);
                results.add("server heap after GC", "MiB", heapAfter / 1048576.0);
                results.add("server RSS", "MiB", rssAfter / 1048576.0);
            }
        } finally {
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
