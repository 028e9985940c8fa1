package io.gatehouse.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: units of work submitted while a transaction is being written wait and then
 * run together in the next transaction, so that many small writes (one per login) share one
 * commit. Each future completes only after the transaction holding its work has committed, so
 * "committed before the answer" still holds. If a transaction fails, its units are retried one
 * by one, so one bad unit fails alone. A unit may therefore run twice: outside the database
 * it may only do what is harmless to repeat and what its caller undoes when it fails.
 *
 * <p>At most {@code maxQueued} units wait ({@link #DEFAULT_MAX_QUEUED} unless told): past that a
 * unit is refused at once with a {@link StoreBusyException} (the store is slower than the
 * logins coming in, and a longer queue would only make every answer later), counted in
 * {@link #refused()} and logged at most once a minute.
 */
public final class GroupCommitter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

    private record Job<T>(Database.SqlWork<T> work, CompletableFuture<T> done) {
    }

    /** Units that may wait for the writer by default: about five seconds of logins at the rates measured. */
    public static final int DEFAULT_MAX_QUEUED = 10_000;
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Database db;
    private final int maxBatch;
    private final int maxQueued;
    private final BlockingQueue<Job<?>> queue;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong warnedAt = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private final Thread writer;
    private volatile boolean closed;

    public GroupCommitter(Database db, int maxBatch) {
        this(db, maxBatch, DEFAULT_MAX_QUEUED);
    }

    /** Units run {@code maxBatch} to a transaction at most, {@code maxQueued} of them waiting at most. */
    public GroupCommitter(Database db, int maxBatch, int maxQueued) {
        if (maxBatch < 1 || maxQueued < 1) {
            throw new IllegalArgumentException("maxBatch " + maxBatch + ", maxQueued " + maxQueued + " (each must be at least 1)");
        }
        this.db = db;
        this.maxBatch = maxBatch;
        this.maxQueued = maxQueued;
        this.queue = new LinkedBlockingQueue<>(maxQueued);
        this.writer = new Thread(this::run, "gatehouse-group-commit");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Runs the work in the next group transaction; completes after that transaction commits, or
     * at once with a {@link StoreBusyException} when {@code maxQueued} units wait already.
     */
    public <T> CompletableFuture<T> submit(Database.SqlWork<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("group committer closed"));
            return done;
        }
        if (!queue.offer(new Job<>(work, done))) {
            long n = refused.incrementAndGet();
            long now = System.nanoTime();
            long last = warnedAt.get();
            if (now - last >= WARN_EVERY_NANOS && warnedAt.compareAndSet(last, now)) {
                log.warn("the store is behind: {} writes wait for the group commit, new ones are refused ({} since the start)",
                        maxQueued, n);
            }
            done.completeExceptionally(new StoreBusyException(maxQueued));
        }
        return done;
    }

    /** Units refused because {@code maxQueued} waited already, since the start. */
    public long refused() {
        return refused.get();
    }

    private void run() {
        List<Job<?>> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Job<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Job<?>> batch) {
        List<Object> results = new ArrayList<>(batch.size());
        try {
            db.inTransaction(c -> {
                results.clear();
                for (Job<?> j : batch) {
                    results.add(j.work().run(c));
                }
                return null;
            });
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(e);
                return;
            }
            log.debug("group transaction of {} failed; retrying each alone", batch.size(), e);
            for (Job<?> j : batch) {
                runAlone(j);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results.get(i));
        }
    }

    private <T> void runAlone(Job<T> j) {
        try {
            j.done().complete(db.inTransaction(j.work()));
        } catch (RuntimeException e) {
            j.done().completeExceptionally(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Job<T> j, Object result) {
        j.done().complete((T) result);
    }

    /** Writes what is queued, then stops the writer. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
