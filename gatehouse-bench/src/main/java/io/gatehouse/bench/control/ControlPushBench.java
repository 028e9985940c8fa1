package io.gatehouse.bench.control;

import io.gatehouse.bench.support.PlainFanout;
import io.gatehouse.bench.support.Results;
import io.gatehouse.bench.support.ServerProcess;
import io.gatehouse.control.codec.ControlBodies;
import io.gatehouse.control.message.Notification;
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
import picocli.CommandLine.Option;

/**
 * {@code push}: one publisher, N subscribers of one topic; messages delivered per second
 * (publishes × subscribers), beside a plain Netty fan-out carrying frames of the same size.
 * Subscribers on both sides only count what arrives, so that the client costs the same.
 */
@Command(name = "push", description = "one publish fanned out to N control subscribers, beside a plain Netty fan-out")
public final class ControlPushBench implements Callable<Integer> {

    @Option(names = "--subscribers", description = "subscribers (default ${DEFAULT-VALUE})")
    int subscribers = 500;

    @Option(names = "--messages", description = "messages published per round (default ${DEFAULT-VALUE})")
    int messages = 2000;

    @Option(names = "--payload", description = "payload bytes per message (default ${DEFAULT-VALUE})")
    int payload = 64;

    @Option(names = "--window", description = "publish requests in flight at most (default ${DEFAULT-VALUE})")
    int window = 64;

    @Option(names = "--rounds", description = "rounds (default ${DEFAULT-VALUE})")
    int rounds = 3;

    @Option(names = "--warmup", description = "rounds run first and not counted, for the JIT (default ${DEFAULT-VALUE})")
    int warmup = 1;

    @Option(names = "--json", description = "results file (default ${DEFAULT-VALUE})")
    Path json = Path.of("target", "bench-push.json");

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("gatehouse-bench");
        EventLoopGroup clients = Transports.group("bench-client", 1);
        EventLoopGroup baselineGroup = Transports.group("bench-baseline", 0);
        Results results = new Results("control push (" + subscribers + " subscribers, " + messages + " messages of " + payload + " B)");
        byte[] data = new byte[payload];
        int pushSize = 5 + ControlBodies.encode(new Notification("bench", 0, Notification.DISPATCH_BROADCAST, data)).length;
        try (ServerProcess server = ServerProcess.start(work, "", "2g"); PlainFanout fanout = new PlainFanout(baselineGroup, pushSize)) {
            for (int round = -warmup; round < rounds; round++) {
                results.addDeliveries(round, rounds, gatehouse(server, clients, data),
                        fanout.deliveriesPerSecond(clients, subscribers, messages, pushSize));
            }
        } finally {
            clients.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            baselineGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("subscribers", subscribers);
        settings.put("messages", messages);
        settings.put("payload", payload);
        settings.put("window", window);
        results.finishDeliveries(json, settings);
        return 0;
    }

    private double gatehouse(ServerProcess server, EventLoopGroup group, byte[] data) throws Exception {
        return PushRound.deliveriesPerSecond(group, List.of(server.control()), server.control(),
                server.tokens("bench", subscribers + 1, 16), subscribers, messages, data, window);
    }
}
