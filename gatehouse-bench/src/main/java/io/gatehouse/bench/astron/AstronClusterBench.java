package io.gatehouse.bench.astron;

import io.gatehouse.bench.support.ClusterServices;
import io.gatehouse.bench.support.Results;
import io.gatehouse.bench.support.ServerProcess;
import io.gatehouse.core.transport.Transports;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code astron-cluster}: the astron fan-out ({@link AstronFanoutRound}) with the State Server
 * on another node. Node 1 runs only the Client Agent, node 2 the State Server and the Database
 * Server, and the game server is on node 2's Message Director, so every update crosses NATS
 * twice (to the State Server, and its broadcast to node 1's clients); beside the same fan-out
 * on one node running every role, on the same store, round by round.
 */
@Command(name = "astron-cluster", description = "astron fan-out with the State Server on another cluster node, beside one node")
public final class AstronClusterBench implements Callable<Integer> {

    @Mixin
    ClusterServices services;

    @Mixin
    FanoutOptions options;

    @Option(names = "--json", description = "results file (default ${DEFAULT-VALUE})")
    Path json = Path.of("target", "bench-astron-cluster.json");

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("gatehouse-bench");
        Path dc = AstronFanoutRound.writeDc(work);
        long hash = AstronFanoutRound.hash(dc);
        String prefix = "bench" + ProcessHandle.current().pid();
        EventLoopGroup group = Transports.group("bench-client", 1);
        AstronFanoutRound fanout = options.round();
        Results results = new Results("astron fan-out with the State Server on another node (" + options.clients + " clients, "
                + options.updates + " updates of " + options.payload + " B) beside one node");
        List<String> heap = List.of("-Xms1g", "-Xmx1g");
        try (ServerProcess alone = ServerProcess.start(work.resolve("alone"), services.nodeConfig(null, prefix, astron(dc, "clientagent, stateserver, database")),
                     heap, line -> { });
             ServerProcess agent = ServerProcess.start(work.resolve("node-1"), services.nodeConfig("node-1", prefix, astron(dc, "clientagent")),
                     heap, line -> { });
             ServerProcess world = ServerProcess.start(work.resolve("node-2"), services.nodeConfig("node-2", prefix, astron(dc, "stateserver, database")),
                     heap, line -> { });
             GameServerLink onOne = new GameServerLink(alone.astronMessageDirector());
             GameServerLink onWorld = new GameServerLink(world.astronMessageDirector())) {
            AstronFanoutRound.createWorld(onOne);
            AstronFanoutRound.createWorld(onWorld);
            for (int round = -options.warmup; round < options.rounds; round++) {
                double across = fanout.deliveriesPerSecond(group, agent.astronClientAgent(), onWorld, hash);
                double one = fanout.deliveriesPerSecond(group, alone.astronClientAgent(), onOne, hash);
                results.addDeliveries(round, options.rounds, across, one);
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("clients", options.clients);
        settings.put("updates", options.updates);
        settings.put("payload", options.payload);
        settings.put("baseline", "the same fan-out on one node running every astron role (no cluster section) on the same store");
        results.finishDeliveries(json, settings);
        return 0;
    }

    /** The astron section of a node running {@code roles}, its listeners on free ports. */
    private static String astron(Path dc, String roles) {
        return "astron:\n  enabled: true\n  roles: [" + roles + "]\n  bind: \"127.0.0.1:0\"\n  md_bind: \"127.0.0.1:0\"\n  version: bench\n"
                + "  max_outbound_bytes: 67108864\n  dc_files: [\"" + dc + "\"]\n";
    }
}
