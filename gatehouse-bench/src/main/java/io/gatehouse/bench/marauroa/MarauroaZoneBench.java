package io.gatehouse.bench.marauroa;

import io.gatehouse.bench.support.ParallelRun;
import io.gatehouse.bench.support.Results;
import io.gatehouse.bench.support.ServerProcess;
import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.marauroa.game.RPObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code marauroa-zone}: N players of the example game in one zone, each moving every turn;
 * the perception bytes each player receives per turn (all of them move, so every DELTA lists
 * every player), and whether the server keeps its turn rhythm (turns per second, counted by
 * the perception timestamps, against the configured turn). Empty perceptions are left out
 * by the server (protocol 34 and later), so perceptions sent can be fewer than turns.
 */
@Command(name = "marauroa-zone", description = "N marauroa players moving in one zone: perception bytes per player per turn")
public final class MarauroaZoneBench implements Callable<Integer> {

    @Option(names = "--players", description = "players in the zone (default ${DEFAULT-VALUE})")
    int players = 1000;

    @Option(names = "--seconds", description = "measured seconds per round (default ${DEFAULT-VALUE})")
    int seconds = 10;

    @Option(names = "--turn", description = "turn length in ms (default ${DEFAULT-VALUE})")
    int turnMillis = 300;

    @Option(names = "--rounds", description = "rounds (default ${DEFAULT-VALUE})")
    int rounds = 3;

    @Option(names = "--json", description = "results file (default ${DEFAULT-VALUE})")
    Path json = Path.of("target", "bench-marauroa-zone.json");

    /** Threads sending the moves, so that a turn's thousand actions go out within the turn. */
    private static final int MOVERS = 4;

    /** Every client sends one move; returns when all are written. */
    private static void moveAll(ExecutorService movers, List<MarauroaClient> clients) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < MOVERS; t++) {
            int first = t;
            done.add(movers.submit(() -> {
                for (int i = first; i < clients.size(); i += MOVERS) {
                    clients.get(i).act(Map.of("type", "move", "dx", "1", "dy", "0"));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
    }

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("gatehouse-bench");
        String marauroa = "marauroa:\n  enabled: true\n  bind: \"127.0.0.1:0\"\n  max_players: 1000000\n"
                + "  failed_logins_per_address: 1000000\n  turn: " + turnMillis + "ms\n";
        Results results = new Results("marauroa zone (" + players + " players moving every " + turnMillis + " ms turn)");
        try (ServerProcess server = ServerProcess.start(work, marauroa, "2g")) {
            List<MarauroaClient> clients = Collections.synchronizedList(new ArrayList<>());
            try {
                ParallelRun.Outcome entered = ParallelRun.run(16, players, i -> {
                    MarauroaClient c = new MarauroaClient(server.marauroa()).timeout(Duration.ofSeconds(60));
                    clients.add(c);
                    c.createAccount("p" + i, "secret", "p@example.org");
                    c.login("p" + i, "secret", "bench", "1");
                    c.createCharacter("c" + i, new RPObject(c.classes().get("player")));
                    c.next();
                    c.chooseCharacter("c" + i);
                });
                System.out.printf("%d players entered in %.1f s (%d failed)%n", players - entered.failed(), entered.seconds(), entered.failed());
                Thread.sleep(2000);
                ExecutorService movers = Executors.newFixedThreadPool(MOVERS);
                for (int round = 0; round < rounds; round++) {
                    long[] bytesBefore = new long[clients.size()];
                    int[] perceptionsBefore = new int[clients.size()];
                    int[] turnsBefore = new int[clients.size()];
                    for (int i = 0; i < clients.size(); i++) {
                        bytesBefore[i] = clients.get(i).bytesReceived();
                        perceptionsBefore[i] = clients.get(i).perceptions();
                        turnsBefore[i] = clients.get(i).lastPerceptionTimestamp();
                    }
                    long start = System.nanoTime();
                    long end = start + seconds * 1_000_000_000L;
                    for (long next = start; next < end; next += turnMillis * 1_000_000L) {
                        moveAll(movers, clients);
                        long wait = next + turnMillis * 1_000_000L - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                        }
                    }
                    long bytes = 0;
                    long perceptions = 0;
                    long turns = 0;
                    for (int i = 0; i < clients.size(); i++) {
                        bytes += clients.get(i).bytesReceived() - bytesBefore[i];
                        perceptions += clients.get(i).perceptions() - perceptionsBefore[i];
                        turns += clients.get(i).lastPerceptionTimestamp() - turnsBefore[i];
                    }
                    // A perception's timestamp counts every turn built for the player, also the
                    // empty ones the server leaves out (protocol 34 and later).
                    double perPlayerPerTurn = turns == 0 ? 0 : (double) bytes / turns;
                    double turnsPerSecond = (double) turns / clients.size() / seconds;
                    double sentPerSecond = (double) perceptions / clients.size() / seconds;
                    results.add("bytes per player per turn", "B", perPlayerPerTurn);
                    results.add("turns per second", "1/s", turnsPerSecond);
                    results.add("perceptions sent per player per second", "1/s", sentPerSecond);
                    results.add("bytes per perception sent", "B", perceptions == 0 ? 0 : (double) bytes / perceptions);
                    System.out.printf("round %d/%d: %.0f B per player per turn, %.2f turns/s (configured %.2f), %.2f perceptions sent/s per player%n",
                            round + 1, rounds, perPlayerPerTurn, turnsPerSecond, 1000.0 / turnMillis, sentPerSecond);
                }
                movers.shutdown();
            } finally {
                clients.forEach(MarauroaClient::close);
            }
        }
        results.print(Map.of());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("players", players);
        settings.put("seconds", seconds);
        settings.put("turn_ms", turnMillis);
        results.writeJson(json, settings, Map.of());
        return 0;
    }
}
