package io.gatehouse.core.account;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Login events of known accounts waiting to be written to their login history together: a
 * failed attempt, and a front's login that commits nothing else, cost no store write of their
 * own. The queue holds at most {@code maxQueued} events; past that, new ones are dropped and
 * counted, so that a flood of failures cannot grow memory (and the store) without bound.
 * Events taken for a write stay visible to {@link #latest} until the write is {@link #settled},
 * so that a login that reads the store meanwhile still finds them. Thread-safe.
 */
final class PendingLoginEvents {

    private final int maxQueued;
    private final ArrayDeque<LoginEvent> queue = new ArrayDeque<>();
    /** Batches taken and not yet settled, oldest first. */
    private final List<List<LoginEvent>> writing = new ArrayList<>();
    private long dropped;

    PendingLoginEvents(int maxQueued) {
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

    /** Up to {@code max} of the oldest events, taken off the queue; hand the list to {@link #settled} once written or lost. */
    synchronized List<LoginEvent> take(int max) {
        List<LoginEvent> out = new ArrayList<>(Math.min(max, queue.size()));
        while (out.size() < max && !queue.isEmpty()) {
            out.add(queue.poll());
        }
        if (!out.isEmpty()) {
            writing.add(out);
        }
        return out;
    }

    /** The batch {@link #take} gave is committed, or lost: no longer pending. */
    synchronized void settled(List<LoginEvent> batch) {
        writing.removeIf(b -> b == batch);
    }

    /** The newest pending event (queued, or taken and not settled) of {@code username}. */
    synchronized Optional<LoginEvent> latest(String username) {
        for (Iterator<LoginEvent> i = queue.descendingIterator(); i.hasNext(); ) {
            LoginEvent e = i.next();
            if (e.username().equals(username)) {
                return Optional.of(e);
            }
        }
        for (int b = writing.size() - 1; b >= 0; b--) {
            List<LoginEvent> batch = writing.get(b);
            for (int i = batch.size() - 1; i >= 0; i--) {
                if (batch.get(i).username().equals(username)) {
                    return Optional.of(batch.get(i));
                }
            }
        }
        return Optional.empty();
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
