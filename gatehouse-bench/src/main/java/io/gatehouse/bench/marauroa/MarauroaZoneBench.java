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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code marauroa-zone}: N players of the example game in one zone, each moving every turn;
 * the perception bytes each player receives per turn (all of them move, so every DELTA lists
 * every player), and whether the server keeps its turn rhythm (perceptions per second per
 * player against the configured turn).
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
    Path json = Path.of("bench-marauroa-zone.json");

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
                for (int round = 0; round < rounds; round++) {
                    long[] bytesBefore = new long[clients.size()];
                    int[] perceptionsBefore = new int[clients.size()];
                    for (int i = 0; i < clients.size(); i++) {
                        bytesBefore[i] = clients.get(i).bytesReceived();
                        perceptionsBefore[i] = clients.get(i).perceptions();
                    }
                    long end = System.nanoTime() + seconds * 1_000_000_000L;
                    while (System.nanoTime() < end) {
                        for (MarauroaClient c : clients) {
                            c.act(Map.of("type", "move", "dx", "1", "dy", "0"));
                        }
                        Thread.sleep(turnMillis);
                    }
                    long bytes = 0;
                    long perceptions = 0;
                    for (int i = 0; i < clients.size(); i++) {
                        bytes += clients.get(i).bytesReceived() - bytesBefore[i];
                        perceptions += clients.get(i).perceptions() - perceptionsBefore[i];
                    }
                    double perPlayerPerTurn = perceptions == 0 ? 0 : (double) bytes / perceptions;
                    double turnsPerSecond = (double) perceptions / clients.size() / seconds;
                    results.add("bytes per player per turn", "B", perPlayerPerTurn);
                    results.add("perceptions per player per second", "1/s", turnsPerSecond);
                    System.out.printf("round %d/%d: %.0f B per player per turn, %.2f perceptions/s per player (configured %.2f)%n",
                            round + 1, rounds, perPlayerPerTurn, turnsPerSecond, 1000.0 / turnMillis);
                }
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
