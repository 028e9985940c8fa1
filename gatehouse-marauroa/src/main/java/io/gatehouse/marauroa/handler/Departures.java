package io.gatehouse.marauroa.handler;

import java.time.Duration;

/**
 * Players whose connection ended while in the game and whose character is not stored yet. The
 * front's stop waits for them before it ends the turn loop, so that a character leaves the world
 * and reaches the store even when the whole server is going down.
 */
public final class Departures {

    private int pending;

    synchronized void begin() {
        pending++;
    }

    synchronized void end() {
        pending--;
        if (pending == 0) {
            notifyAll();
        }
    }

    /** Waits until no departure is pending, at most {@code limit}; false when some still were. */
    public synchronized boolean awaitNone(Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (pending > 0) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
