package io.gatehouse.bench.support;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs {@code total} numbered operations on {@code workers} threads, each taking the next
 * number until none is left, and reports how long it took and how many failed.
 */
public final class ParallelRun {

    /** One operation; an exception counts it as failed. */
    @FunctionalInterface
    public interface Operation {
        void run(int index) throws Exception;
    }

    /** The wall time of the run and its failures. */
    public record Outcome(double seconds, int failed) {

        public double perSecond(int total) {
            return (total - failed) / seconds;
        }
    }

    private ParallelRun() {
    }

    public static Outcome run(int workers, int total, Operation op) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long start = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            pool.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < total) {
                    try {
                        op.run(i);
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        return new Outcome((System.nanoTime() - start) / 1e9, failed.get());
    }
}
