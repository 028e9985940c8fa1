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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code push}: one publisher, N subscribers of one topic; messages delivered per second
 * (publishes × subscribers), beside a plain Netty fan-out carrying frames of the same size.
 * Subscribers on both sides only count what arrives, so that the client costs the same.
 */
@Command(name = "push", description = "one publish fanned out to N control subscribers, beside a plain Netty fan-out")
public final class ControlPushBench implements Callable<Integer> {

    @Mixin
    PushOptions push;

    @Option(names = "--json", description = "results file (default ${DEFAULT-VALUE})")
    Path json = Path.of("target", "bench-push.json");

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("gatehouse-bench");
        EventLoopGroup clients = Transports.group("bench-client", 1);
        EventLoopGroup baselineGroup = Transports.group("bench-baseline", 0);
        Results results = new Results("control push (" + push.subscribers + " subscribers, " + push.messages + " messages of " + push.payload + " B)");
        byte[] data = new byte[push.payload];
        int pushSize = 5 + ControlBodies.encode(new Notification("bench", 0, Notification.DISPATCH_BROADCAST, data)).length;
        try (ServerProcess server = ServerProcess.start(work, "", "2g"); PlainFanout fanout = new PlainFanout(baselineGroup, pushSize)) {
            for (int round = -push.warmup; round < push.rounds; round++) {
                results.addDeliveries(round, push.rounds, gatehouse(server, clients, data),
                        fanout.deliveriesPerSecond(clients, push.subscribers, push.messages, pushSize));
            }
        } finally {
            clients.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            baselineGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("subscribers", push.subscribers);
        settings.put("messages", push.messages);
        settings.put("payload", push.payload);
        settings.put("window", push.window);
        results.finishDeliveries(json, settings);
        return 0;
    }

    private double gatehouse(ServerProcess server, EventLoopGroup group, byte[] data) throws Exception {
        return PushRound.deliveriesPerSecond(group, List.of(server.control()), server.control(),
                server.tokens("bench", push.subscribers + 1, 16), push.subscribers, push.messages, data, push.window);
    }
}
