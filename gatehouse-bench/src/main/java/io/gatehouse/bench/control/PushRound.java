package io.gatehouse.bench.control;

import io.gatehouse.client.control.ControlClient;
import io.gatehouse.control.codec.ControlBodies;
import io.gatehouse.control.message.CommandCode;
import io.gatehouse.control.message.ControlPacket;
import io.gatehouse.control.message.Publish;
import io.gatehouse.control.message.Subscribe;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One round of a push fan-out: subscribers of the topic {@value #TOPIC} spread over the given
 * nodes in turn, one publisher on {@code publisherNode}; the deliveries per second of
 * {@code messages} publishes. Before the clock starts, probe publishes go out until one reaches
 * every subscriber, so that subscriptions made on other nodes of a cluster are in effect.
 */
final class PushRound {

    static final String TOPIC = "bench";
    private static final int MAX_PROBES = 100;

    private PushRound() {
    }

    static double deliveriesPerSecond(EventLoopGroup group, List<InetSocketAddress> subscriberNodes, InetSocketAddress publisherNode,
                                      String[] tokens, int subscribers, int messages, byte[] data, int window) throws Exception {
        AtomicLong delivered = new AtomicLong();
        AtomicLong target = new AtomicLong(-1);
        CompletableFuture<Void> all = new CompletableFuture<>();
        byte[] subscribe = ControlWire.packet(new ControlPacket.Request(CommandCode.SUBSCRIBE.wire(), 2, 0,
                ControlBodies.encode(new Subscribe(List.of(TOPIC)))));
        List<PushCounter> subs = new ArrayList<>();
        try {
            for (int i = 0; i < subscribers; i++) {
                PushCounter c = new PushCounter(delivered, target, all);
                byte[] auth = ControlWire.authPrelude(tokens[i]);
                byte[] prelude = new byte[auth.length + subscribe.length];
                System.arraycopy(auth, 0, prelude, 0, auth.length);
                System.arraycopy(subscribe, 0, prelude, auth.length, subscribe.length);
                c.open(group, subscriberNodes.get(i % subscriberNodes.size()), prelude).get(30, TimeUnit.SECONDS);
                subs.add(c);
            }
            try (ControlClient publisher = ControlClient.tcp(publisherNode, null, group, true)) {
                publisher.auth(tokens[subscribers]);
                byte[] body = ControlBodies.encode(new Publish(TOPIC, data, 0));
                probeUntilEveryoneHears(publisher, body, delivered, subscribers);
                target.set(delivered.get() + (long) subscribers * messages);
                Semaphore inFlight = new Semaphore(window);
                long start = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    inFlight.acquire();
                    publisher.request(CommandCode.PUBLISH.wire(), body, 0).whenComplete((r, e) -> inFlight.release());
                }
                all.get(300, TimeUnit.SECONDS);
                return (double) subscribers * messages / ((System.nanoTime() - start) / 1e9);
            }
        } finally {
            subs.forEach(PushCounter::close);
        }
    }

    private static void probeUntilEveryoneHears(ControlClient publisher, byte[] body, AtomicLong delivered, int subscribers)
            throws InterruptedException {
        for (int probe = 0; probe < MAX_PROBES; probe++) {
            long before = delivered.get();
            publisher.call(CommandCode.PUBLISH.wire(), body);
            Thread.sleep(100);
            if (delivered.get() - before == subscribers) {
                return;
            }
        }
        throw new IllegalStateException("no probe reached all " + subscribers + " subscribers in " + MAX_PROBES + " tries");
    }
}
