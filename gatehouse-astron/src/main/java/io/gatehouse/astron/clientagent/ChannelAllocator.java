package io.gatehouse.astron.clientagent;

import java.util.ArrayDeque;

/**
 * Hands out the Client Agent's client channels: upwards from the first one, and once the
 * range is used up, the channels given back, oldest first. Zero when none is left.
 */
final class ChannelAllocator {

    private final long max;
    private final ArrayDeque<Long> returned = new ArrayDeque<>();
    private long next;

    ChannelAllocator(long min, long max) {
        this.next = min;
        this.max = max;
    }

    synchronized long allocate() {
        if (next <= max) {
            return next++;
        }
        Long reused = returned.poll();
        return reused == null ? 0 : reused;
    }

    synchronized void free(long channel) {
        returned.add(channel);
    }
}
