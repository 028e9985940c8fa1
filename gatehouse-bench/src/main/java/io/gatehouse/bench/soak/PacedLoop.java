package io.gatehouse.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one kind of cycle (connect, play, leave) on a fixed number of threads at a stated
 * rate in all, until stopped: each of {@code workers} threads starts a cycle every
 * {@code workers / perSecond} seconds, or at once when its last cycle took longer (no burst
 * to catch up). So at most {@code workers} cycles run at once, and at most {@code perSecond}
 * start per second.
 */
final class PacedLoop {

    /** One cycle, numbered from 0 across all workers; an exception counts it as failed. */
    @FunctionalInterface
    interface Cycle {
        void run(long n) throws Exception;
    }

    private final String name;
    private final double perSecond;
    private final int workers;
    private final Tally tally;
    private final Cycle cycle;
    private final AtomicLong next = new AtomicLong();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();

    PacedLoop(String name, double perSecond, int workers, Tally tally, Cycle cycle) {
        if (perSecond <= 0 || workers < 1) {
            throw new IllegalArgumentException(name + ": rate " + perSecond + "/s and " + workers + " workers (both must be positive)");
        }
        this.name = name;
        this.perSecond = perSecond;
        this.workers = workers;
        this.tally = tally;
        this.cycle = cycle;
    }

    PacedLoop start() {
        long interval = (long) (workers / perSecond * 1e9);
        for (int w = 0; w < workers; w++) {
            long offset = interval / workers * w;
            Thread t = new Thread(() -> work(interval, offset), "soak-" + name + "-" + w);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return this;
    }

    private void work(long interval, long offset) {
        try {
            long due = System.nanoTime() + offset;
            while (!stop.await(Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                try {
                    cycle.run(next.getAndIncrement());
                    tally.ok();
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    if (stop.getCount() > 0) {
                        tally.failed(e);
                    }
                }
                due = Math.max(due + interval, System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts no more cycles; those running finish. */
    void stopStarting() {
        stop.countDown();
    }

    /** Waits up to {@code millis} for the running cycles after {@link #stopStarting}; interrupts what is left. */
    void awaitStopped(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        for (Thread t : threads) {
            t.join(Math.max(1, deadline - System.currentTimeMillis()));
            if (t.isAlive()) {
                t.interrupt();
            }
        }
    }
}
