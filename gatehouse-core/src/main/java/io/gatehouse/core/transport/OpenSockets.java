package io.gatehouse.core.transport;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accepted connections of every listener of this process, against one cap kept below the
 * process's open-files limit. A process past that limit cannot accept at all: connections then
 * wait in the kernel's queue, unanswered, until their clients give up. Under the cap a
 * connection over it is accepted and closed at once, so its client learns at once, and the
 * process keeps the descriptors its store, NATS and files need ({@link #RESERVE}).
 * Thread-safe; {@link #PROCESS} is the one every listener of {@link Listeners} counts in.
 */
public final class OpenSockets {

    private static final Logger log = LoggerFactory.getLogger(OpenSockets.class);
    /** Descriptors left to the rest of the process under an automatic cap: the store's pool, NATS, jars, logs, files. */
    public static final int RESERVE = 512;
    /** At most one warning about refused connections in this many milliseconds. */
    private static final long WARN_EVERY_MILLIS = 60_000;

    /** The process's sockets: its cap is the automatic one until {@link #limit} sets another. */
    public static final OpenSockets PROCESS = new OpenSockets(automaticCap(), System::currentTimeMillis);

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong warnedAt = new AtomicLong(Long.MIN_VALUE / 2);
    private final LongSupplier clock;
    private volatile int cap;

    /** A count of its own, capped at {@code cap} (0: no cap). */
    public OpenSockets(int cap, LongSupplier clock) {
        this.cap = cap;
        this.clock = clock;
    }

    /**
     * The cap {@code limits.max_connections} asks for: {@code -1} for the automatic one (the
     * open-files limit less {@link #RESERVE}), 0 for none.
     */
    public void limit(int maxConnections) {
        cap = maxConnections < 0 ? automaticCap() : maxConnections;
    }

    /**
     * Counts a connection just accepted: false, and nothing counted, when the cap is reached.
     * {@link Listeners} calls it for the fronts; a listener of another kind (the HTTP API's)
     * calls it itself, and {@link #release} once for each connection admitted.
     */
    public boolean admit() {
        while (true) {
            int now = open.get();
            int max = cap;
            if (max > 0 && now >= max) {
                refusedOne(now, max);
                return false;
            }
            if (open.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** An admitted connection closed. */
    public void release() {
        open.decrementAndGet();
    }

    /** Connections counted now. */
    public int open() {
        return open.get();
    }

    /** Connections refused for the cap since the start. */
    public long refused() {
        return refused.get();
    }

    /** The cap in force (0: none). */
    public int cap() {
        return cap;
    }

    private void refusedOne(int now, int max) {
        long n = refused.incrementAndGet();
        long t = clock.getAsLong();
        long last = warnedAt.get();
        if (t - last >= WARN_EVERY_MILLIS && warnedAt.compareAndSet(last, t)) {
            log.warn("refusing new connections: {} open, the cap is {} (limits.max_connections); {} refused since the start", now, max, n);
        }
    }

    /**
     * The open-files limit less {@link #RESERVE} (half of a limit below twice that); 0, no cap,
     * where the limit cannot be read.
     */
    static int automaticCap() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long max = unix.getMaxFileDescriptorCount();
            if (max > 0) {
                return (int) Math.min(Integer.MAX_VALUE, max >= 2L * RESERVE ? max - RESERVE : max / 2);
            }
        }
        return 0;
    }
}
