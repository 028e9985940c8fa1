package io.gatehouse.core.account;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Failed logins of known accounts waiting to be written to their login history together: a
 * failed attempt costs no store write of its own. The queue holds at most {@code maxQueued}
 * events; past that, new ones are dropped and counted, so that a flood of failures cannot grow
 * memory (and the store) without bound. Thread-safe.
 */
final class FailedLogins {

    private final int maxQueued;
    private final ArrayDeque<LoginEvent> queue = new ArrayDeque<>();
    private long dropped;

    FailedLogins(int maxQueued) {
        if (maxQueued < 1) {
            throw new IllegalArgumentException("maxQueued " + maxQueued + " (at least 1)");
        }
        this.maxQueued = maxQueued;
    }

    /**
     * Queues the event (or, when the queue is full, counts it as dropped). True when it is the
     * first event of an empty queue: the caller then arranges a flush.
     */
    synchronized boolean add(LoginEvent e) {
        if (queue.size() >= maxQueued) {
            dropped++;
            return false;
        }
        queue.add(e);
        return queue.size() == 1;
    }

    /** Up to {@code max} of the oldest events, taken off the queue. */
    synchronized List<LoginEvent> take(int max) {
        List<LoginEvent> out = new ArrayList<>(Math.min(max, queue.size()));
        while (out.size() < max && !queue.isEmpty()) {
            out.add(queue.poll());
        }
        return out;
    }

    synchronized int size() {
        return queue.size();
    }

    /** Events dropped because the queue was full, or because writing them failed. */
    synchronized long dropped() {
        return dropped;
    }

    synchronized void lost(int events) {
        dropped += events;
    }
}
