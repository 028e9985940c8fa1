package io.gatehouse.bench.control;

import io.gatehouse.bench.support.LoopClient;
import io.gatehouse.bench.support.BaselineProcess;
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
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code echo}: heartbeat round trips, one outstanding per session, across N authenticated
 * sessions of a Gatehouse server process; then the same byte counts through a plain Netty echo
 * server, in a process of its own too, with the same client. Reports round trips per second and latency percentiles.
 */
@Command(name = "echo", description = "control heartbeat round trips across N sessions, beside a plain Netty echo")
public final class ControlEchoBench implements Callable<Integer> {

    @Option(names = "--sessions", description = "sessions (default ${DEFAULT-VALUE})")
    int sessions = 1000;

    @Option(names = "--seconds", description = "seconds per measured round (default ${DEFAULT-VALUE})")
    int seconds = 10;

    @Option(names = "--rounds", description = "rounds, alternating Gatehouse and baseline (default ${DEFAULT-VALUE})")
    int rounds = 3;

    @Option(names = "--rate", description = "round trips per second in all, spread over the sessions; 0: each as fast as it can (default ${DEFAULT-VALUE})")
    int rate = 0;

    @Option(names = "--json", description = "results file (default ${DEFAULT-VALUE})")
    Path json = Path.of("target", "bench-echo.json");

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("gatehouse-bench");
        EventLoopGroup clients = Transports.group("bench-client", 1);
        Results results = new Results("control echo (" + sessions + " sessions, " + (rate > 0 ? rate + "/s" : "closed loop")
                + ", " + seconds + " s rounds)");
        try (ServerProcess server = ServerProcess.start(work, "  heartbeat_timeout: 10m\n", "2g");
             BaselineProcess echo = BaselineProcess.start()) {
            byte[] heartbeat = ControlWire.heartbeat();
            for (int round = 0; round < rounds; round++) {
                String[] tokens = server.tokens("bench", sessions, 16);
                Recorder gh = new Recorder(3);
                List<LoopClient> ghClients = new ArrayList<>();
                AtomicLong ghRounds = new AtomicLong();
                for (int i = 0; i < sessions; i++) {
                    LoopClient c = new LoopClient(ControlWire.authPrelude(tokens[i]), ControlWire::responseSize,
                            heartbeat, heartbeat.length - 1, gh, ghRounds);
                    c.connect(clients, server.control()).get(30, TimeUnit.SECONDS);
                    ghClients.add(c);
                }
                measure("gatehouse", ghClients, gh, ghRounds, results);
                ghClients.forEach(LoopClient::close);

                Recorder base = new Recorder(3);
                AtomicLong baseRounds = new AtomicLong();
                List<LoopClient> baseClients = new ArrayList<>();
                for (int i = 0; i < sessions; i++) {
                    LoopClient c = new LoopClient(new byte[0], b -> 0, heartbeat, heartbeat.length, base, baseRounds);
                    c.connect(clients, echo.address()).get(30, TimeUnit.SECONDS);
                    baseClients.add(c);
                }
                measure("baseline", baseClients, base, baseRounds, results);
                baseClients.forEach(LoopClient::close);
                System.out.printf("round %d/%d done%n", round + 1, rounds);
            }
        } finally {
            clients.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        Map<String, String> ratios = Map.of("gatehouse round trips", "baseline round trips");
        results.print(ratios);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("sessions", sessions);
        settings.put("seconds", seconds);
        settings.put("rounds", rounds);
        settings.put("rate", rate);
        results.writeJson(json, settings, ratios);
        return 0;
    }

    private void measure(String who, List<LoopClient> clients, Recorder recorder, AtomicLong count, Results results)
            throws InterruptedException {
        long interval = rate > 0 ? (long) (sessions * 1e9 / rate) : 0;
        Random phases = new Random(1);
        for (LoopClient c : clients) {
            c.start(interval, interval > 0 ? (long) (phases.nextDouble() * interval) : 0);
        }
        Thread.sleep(1000);
        recorder.reset();
        long before = count.get();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long done = count.get() - before;
        double elapsed = (System.nanoTime() - start) / 1e9;
        Histogram h = recorder.getIntervalHistogram();
        clients.forEach(LoopClient::stop);
        Thread.sleep(200);
        results.add(who + " round trips", "1/s", done / elapsed);
        results.add(who + " p50", "µs", h.getValueAtPercentile(50));
        results.add(who + " p99", "µs", h.getValueAtPercentile(99));
        results.add(who + " p999", "µs", h.getValueAtPercentile(99.9));
    }

}
