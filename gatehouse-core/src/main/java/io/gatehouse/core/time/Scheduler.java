package io.gatehouse.core.time;

import java.time.Duration;

/**
 * The one source of time and delayed work for the core and the fronts. Production uses
 * {@link SystemScheduler}; tests inject a manual one and advance it instead of sleeping.
 */
public interface Scheduler {

    /** Current wall-clock time in Unix epoch milliseconds. */
    long nowMillis();

    /**
     * Runs {@code task} once after {@code delay}, on a scheduler thread. The task must be
     * short and hand real work to its owner's executor (a channel's event loop, say).
     */
    Cancellable schedule(Duration delay, Runnable task);
}
