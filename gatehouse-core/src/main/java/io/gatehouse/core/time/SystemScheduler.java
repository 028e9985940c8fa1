package io.gatehouse.core.time;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Wall-clock scheduler on a hashed wheel: cheap to arm and cancel, so one deadline per
 * connection stays affordable at a hundred thousand connections. Resolution is one tick.
 */
public final class SystemScheduler implements Scheduler, AutoCloseable {

    private static final long TICK_MILLIS = 50;

    private final HashedWheelTimer timer =
            new HashedWheelTimer(new DefaultThreadFactory("gatehouse-timer", true), TICK_MILLIS, TimeUnit.MILLISECONDS, 1024);

    @Override
    public long nowMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Timeout timeout = timer.newTimeout(t -> task.run(), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        return timeout::cancel;
    }

    @Override
    public void close() {
        timer.stop();
    }
}
