package io.gatehouse.core.limits;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A rate of attempts per key (an address, an address and an account): a bucket of
 * {@code attempts} that refills evenly over {@code window}, one attempt every
 * {@code window / attempts}. A key may spend the whole bucket at once; after that it waits for
 * the refill. Kept as one number per key (the generic cell rate algorithm: the time at which
 * the key's bucket is full again).
 *
 * <p>Memory is bounded. A key whose bucket is full again is the same as a key never seen, and
 * is dropped (the least recently used keys are checked on every call). At most
 * {@code maxTracked} keys are kept; a new key past that makes the limiter forget the key used
 * longest ago, which has had the most time to refill. Forgetting is counted
 * ({@link #forgotten}). Thread-safe.
 */
public final class AttemptLimiter {

    /** Keys checked for a full bucket on every call, oldest first. */
    private static final int SWEEP_PER_CALL = 2;

    /** The answer to one attempt: allowed, or refused until a moment {@code retryAfterMillis} away. */
    public record Verdict(boolean allowed, long retryAfterMillis) {
        public static final Verdict ALLOWED = new Verdict(true, 0);
    }

    private final int attempts;
    private final long intervalMillis;
    private final long toleranceMillis;
    private final int maxTracked;
    private final LongSupplier nowMillis;
    /** Per key, the time its bucket is full again; in access order, least recently used first. */
    private final LinkedHashMap<String, Long> fullAt = new LinkedHashMap<>(16, 0.75f, true);
    private long forgotten;

    /**
     * @param attempts   the bucket: attempts a key may make at once (at least 1)
     * @param window     the time the bucket takes to refill from empty
     * @param maxTracked keys kept at most (at least 1)
     */
    public AttemptLimiter(int attempts, Duration window, int maxTracked, LongSupplier nowMillis) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts " + attempts + " (at least 1)");
        }
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("window " + window.toMillis() + " ms (at least 1 ms)");
        }
        if (maxTracked < 1) {
            throw new IllegalArgumentException("maxTracked " + maxTracked + " (at least 1)");
        }
        this.attempts = attempts;
        this.intervalMillis = Math.max(1, window.toMillis() / attempts);
        this.toleranceMillis = intervalMillis * (attempts - 1);
        this.maxTracked = maxTracked;
        this.nowMillis = nowMillis;
    }

    /** Takes one attempt from the key's bucket, or refuses it (taking nothing) when the bucket is empty. */
    public synchronized Verdict acquire(String key) {
        long now = nowMillis.getAsLong();
        sweep(now);
        Long stored = fullAt.get(key);
        long start = stored == null || stored < now ? now : stored;
        long ahead = start - now;
        if (ahead > toleranceMillis) {
            return new Verdict(false, ahead - toleranceMillis);
        }
        if (stored == null) {
            makeRoom(now);
        }
        fullAt.put(key, start + intervalMillis);
        return Verdict.ALLOWED;
    }

    /** Gives one attempt back to the key's bucket (an attempt that turned out not to count). */
    public synchronized void refund(String key) {
        Long stored = fullAt.get(key);
        if (stored == null) {
            return;
        }
        long back = stored - intervalMillis;
        if (back <= nowMillis.getAsLong()) {
            fullAt.remove(key);
        } else {
            fullAt.put(key, back);
        }
    }

    /** Attempts the key may make now. */
    public synchronized int available(String key) {
        long now = nowMillis.getAsLong();
        Long stored = fullAt.get(key);
        if (stored == null || stored <= now) {
            return attempts;
        }
        long spent = (stored - now + intervalMillis - 1) / intervalMillis;
        return (int) Math.max(0, attempts - spent);
    }

    /** Keys kept now. */
    public synchronized int tracked() {
        return fullAt.size();
    }

    /** Keys forgotten before their bucket was full again, to stay within {@code maxTracked}. */
    public synchronized long forgotten() {
        return forgotten;
    }

    private void sweep(long now) {
        Iterator<Map.Entry<String, Long>> oldest = fullAt.entrySet().iterator();
        for (int i = 0; i < SWEEP_PER_CALL && oldest.hasNext(); i++) {
            if (oldest.next().getValue() <= now) {
                oldest.remove();
            }
        }
    }

    private void makeRoom(long now) {
        Iterator<Map.Entry<String, Long>> oldest = fullAt.entrySet().iterator();
        while (fullAt.size() >= maxTracked && oldest.hasNext()) {
            if (oldest.next().getValue() > now) {
                forgotten++;
            }
            oldest.remove();
        }
    }
}
