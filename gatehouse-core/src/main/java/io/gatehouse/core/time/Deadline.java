package io.gatehouse.core.time;

import java.time.Duration;

/**
 * A silence deadline: fires {@code onExpired} once when {@link #touch()} has not been called
 * for {@code timeout}. Touching is a single volatile write, so it can run on every inbound
 * read; the timer is re-armed lazily for the remaining time when it fires early.
 */
public final class Deadline {

    private final Scheduler scheduler;
    private final Duration timeout;
    private final Runnable onExpired;
    private volatile long lastTouched;
    private volatile boolean stopped;
    private Cancellable pending = Cancellable.NONE;

    public Deadline(Scheduler scheduler, Duration timeout, Runnable onExpired) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout " + timeout + " (must be positive)");
        }
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.onExpired = onExpired;
    }

    /** Starts the deadline counting from now. */
    public synchronized Deadline start() {
        lastTouched = scheduler.nowMillis();
        arm(timeout.toMillis());
        return this;
    }

    /** Records activity: the deadline moves to now + timeout. */
    public void touch() {
        lastTouched = scheduler.nowMillis();
    }

    /** Stops the deadline for good; it will not fire afterwards. */
    public synchronized void stop() {
        stopped = true;
        pending.cancel();
    }

    private synchronized void arm(long delayMillis) {
        if (!stopped) {
            pending = scheduler.schedule(Duration.ofMillis(delayMillis), this::check);
        }
    }

    private void check() {
        if (stopped) {
            return;
        }
        long remaining = lastTouched + timeout.toMillis() - scheduler.nowMillis();
        if (remaining > 0) {
            arm(remaining);
            return;
        }
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        onExpired.run();
    }
}
