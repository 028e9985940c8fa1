package io.gatehouse.bench.control;

import io.gatehouse.client.control.ControlClient;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Authenticated control sessions that only keep themselves alive: each sends a heartbeat every
 * 10 s, the heartbeats spread evenly over those 10 s. What the idle benchmarks hold.
 */
final class IdleSessions implements AutoCloseable {

    private static final long TICK_MILLIS = 100;
    private static final long HEARTBEAT_MILLIS = 10_000;

    private final List<ControlClient> open = new ArrayList<>();
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong beatsSent = new AtomicLong();

    /**
     * Opens one session per token on {@code server}, the i-th from the local address
     * {@code source.apply(i)} (port chosen by the OS), one after another, printing progress.
     */
    static IdleSessions open(InetSocketAddress server, String[] tokens, IntFunction<String> source, EventLoopGroup group)
            throws Exception {
        IdleSessions s = new IdleSessions();
        try {
            for (int i = 0; i < tokens.length; i++) {
                ControlClient c = ControlClient.tcp(server, new InetSocketAddress(source.apply(i), 0), group, true);
                s.open.add(c);
                c.auth(tokens[i]);
                if ((i + 1) % 1000 == 0) {
                    System.out.printf("%d sessions up%n", i + 1);
                }
            }
        } catch (Exception | Error e) {
            s.close();
            throw e;
        }
        s.startBeating();
        return s;
    }

    private void startBeating() {
        byte[] body = {8, 1};
        int perTick = (int) Math.ceil(open.size() / ((double) HEARTBEAT_MILLIS / TICK_MILLIS));
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
        }, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    int size() {
        return open.size();
    }

    long dropped() {
        return open.stream().filter(c -> !c.isOpen()).count();
    }

    long heartbeatsSent() {
        return beatsSent.get();
    }

    @Override
    public void close() {
        beats.shutdownNow();
        open.forEach(ControlClient::close);
    }
}
