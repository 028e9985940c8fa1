package io.gatehouse.server.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Whether the store answers, for {@code /health}: a probe runs off the request thread, at most
 * one at a time, and its answer is kept for {@link #FRESH} so that health checks do not load the
 * store. A probe that has not answered within {@code wait} counts as "the store does not answer".
 */
final class StoreProbe {

    static final Duration FRESH = Duration.ofSeconds(1);

    private final BooleanSupplier probe;
    private final Executor executor;
    private final LongSupplier nowMillis;
    private final Duration wait;
    private CompletableFuture<Boolean> running;
    private boolean last = true;
    private long lastAt = Long.MIN_VALUE;

    StoreProbe(BooleanSupplier probe, Executor executor, LongSupplier nowMillis, Duration wait) {
        this.probe = probe;
        this.executor = executor;
        this.nowMillis = nowMillis;
        this.wait = wait;
    }

    /** True when the store answered its latest probe. */
    boolean storeAnswers() throws InterruptedException {
        CompletableFuture<Boolean> f;
        synchronized (this) {
            long now = nowMillis.getAsLong();
            if (lastAt != Long.MIN_VALUE && now - lastAt < FRESH.toMillis()) {
                return last;
            }
            if (running == null) {
                running = CompletableFuture.supplyAsync(probe::getAsBoolean, executor);
            }
            f = running;
        }
        boolean answered;
        try {
            answered = f.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            answered = false;
        }
        synchronized (this) {
            if (running == f) {
                running = null;
                last = answered;
                lastAt = nowMillis.getAsLong();
            }
        }
        return answered;
    }
}
