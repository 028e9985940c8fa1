package io.gatehouse.bench.control;

import io.gatehouse.client.control.ControlClient;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Authenticated control sessions that only keep themselves alive: each sends a heartbeat every
 * 10 s, the heartbeats spread evenly over those 10 s. What the idle benchmarks hold. The
 * heartbeats start with the first session, not after the last: opening tens of thousands
 * takes longer than the server's heartbeat timeout.
 */
final class IdleSessions implements AutoCloseable {

    private static final long TICK_MILLIS = 100;
    private static final long HEARTBEAT_MILLIS = 10_000;

    private final ControlClient[] open;
    /** Each session's id, renewed by every resume. */
    private final String[] ids;
    /** How many of {@code open} are filled; the beat thread reads it. */
    private volatile int opened;
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong beatsSent = new AtomicLong();
    private ExecutorService failover;

    private IdleSessions(int n) {
        this.open = new ControlClient[n];
        this.ids = new String[n];
    }

    /**
     * Opens one session per token on {@code server}, the i-th from the local address
     * {@code source.apply(i)} (port chosen by the OS), one after another, printing progress.
     */
    static IdleSessions open(InetSocketAddress server, String[] tokens, IntFunction<String> source, EventLoopGroup group)
            throws Exception {
        IdleSessions s = new IdleSessions(tokens.length);
        s.startBeating();
        try {
            for (int i = 0; i < tokens.length; i++) {
                ControlClient c = ControlClient.tcp(server, new InetSocketAddress(source.apply(i), 0), group, true);
                try {
                    s.ids[i] = c.auth(tokens[i]).sessionId();
                } catch (RuntimeException e) {
                    c.close();
                    throw e;
                }
                s.open[i] = c;
                s.opened = i + 1;
                if ((i + 1) % 1000 == 0) {
                    System.out.printf("%d sessions up%n", i + 1);
                }
            }
        } catch (Exception | Error e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void startBeating() {
        byte[] body = {8, 1};
        int perTick = (int) Math.ceil(open.length / ((double) HEARTBEAT_MILLIS / TICK_MILLIS));
        int[] cursor = {0};
        beats.scheduleAtFixedRate(() -> {
            int n = opened;
            for (int k = 0; k < perTick && n > 0; k++) {
                ControlClient c = open[cursor[0] % n];
                cursor[0] = (cursor[0] + 1) % open.length;
                if (c.isOpen()) {
                    c.request(1, body, 0);
                    beatsSent.incrementAndGet();
                }
            }
        }, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * From now on, a session whose connection ends resumes with its id on {@code other}, from the
     * same source address, on one of {@code workers} threads; {@code resumed} and {@code failed}
     * count the outcomes.
     */
    void failOverTo(List<InetSocketAddress> others, String source, EventLoopGroup group, int workers, AtomicLong resumed,
                    AtomicLong failed) {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        failover = pool;
        for (int i = 0; i < opened; i++) {
            int k = i;
            open[i].closed().whenComplete((by, e) -> pool.execute(() -> {
                try {
                    ControlClient c = ControlClient.tcp(others.get(k % others.size()), new InetSocketAddress(source, 0), group, true);
                    try {
                        ids[k] = c.reconnect(ids[k]).sessionId();
                        open[k] = c;
                        resumed.incrementAndGet();
                    } catch (RuntimeException refused) {
                        c.close();
                        failedBecause(failed, refused);
                    }
                } catch (InterruptedException | RuntimeException down) {
                    failedBecause(failed, down);
                }
            }));
        }
    }

    /** Counts a resume that failed; the first few say why. */
    private static void failedBecause(AtomicLong failed, Exception e) {
        if (failed.incrementAndGet() <= 3) {
            System.out.println("a resume failed: " + e);
        }
    }

    int size() {
        return opened;
    }

    long dropped() {
        long n = 0;
        for (int i = 0; i < opened; i++) {
            n += open[i].isOpen() ? 0 : 1;
        }
        return n;
    }

    long heartbeatsSent() {
        return beatsSent.get();
    }

    @Override
    public void close() {
        beats.shutdownNow();
        if (failover != null) {
            failover.shutdownNow();
        }
        for (int i = 0; i < opened; i++) {
            open[i].close();
        }
    }
}
