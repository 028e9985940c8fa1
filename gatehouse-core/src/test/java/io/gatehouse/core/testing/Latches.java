package io.gatehouse.core.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waiting on a latch from code that may not throw {@link InterruptedException} (a unit of store work, a lambda). */
public final class Latches {

    private Latches() {
    }

    /** Waits for the latch at most {@code seconds}; false when it did not open, or the wait was interrupted. */
    public static boolean awaitQuietly(CountDownLatch latch, long seconds) {
        try {
            return latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
