package io.gatehouse.core.testing;

import io.gatehouse.core.time.Cancellable;
import io.gatehouse.core.time.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A scheduler whose clock moves only when a test says so. {@link #advance} runs every task
 * that falls due, in due order, on the calling thread, with the clock set to each task's
 * due time while it runs.
 */
public final class ManualScheduler implements Scheduler {

    private record Task(long due, long seq, Runnable body) {
    }

    private final PriorityQueue<Task> tasks =
            new PriorityQueue<>((a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    public ManualScheduler(long startMillis) {
        this.now = startMillis;
    }

    /** A clock starting at 2023-11-14T22:13:20Z, the spec's example epoch. */
    public ManualScheduler() {
        this(1_700_000_000_000L);
    }

    @Override
    public synchronized long nowMillis() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable body) {
        Task t = new Task(now + Math.max(0, delay.toMillis()), seq++, body);
        tasks.add(t);
        return () -> {
            synchronized (this) {
                tasks.remove(t);
            }
        };
    }

    /** Moves the clock forward, running what falls due on the way. */
    public void advance(Duration by) {
        long target;
        synchronized (this) {
            target = now + by.toMillis();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due > target) {
                    now = target;
                    return;
                }
                tasks.poll();
                now = Math.max(now, next.due);
            }
            next.body.run();
        }
    }

    /** How many tasks wait to fall due. */
    public synchronized int pending() {
        return tasks.size();
    }

    /** The due times of waiting tasks, soonest first (for assertions). */
    public synchronized List<Long> dueTimes() {
        List<Long> out = new ArrayList<>();
        tasks.stream().sorted((a, b) -> Long.compare(a.due, b.due)).forEach(t -> out.add(t.due));
        return out;
    }
}
