package io.gatehouse.core.account;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tokens this node knows to be live, by hash, each with its account as it was when the
 * token was issued: spending one of them needs no store read. A token claimed here stays,
 * marked spent, until its spend is a row of the store ({@link #applied}) or it expires, so that
 * the store is never asked about a token whose spend it does not have yet
 * ({@link #handToStore} refuses it). A token the store is to spend is forgotten here first, so
 * that once the store has spent it no claim can spend it from memory.
 *
 * <p>An account's status may change after its token was issued. Every change (a ban, a
 * reinstatement) moves the generation on, and a token issued in an older generation is claimed
 * as {@link Claim.AskTheStore}: it is forgotten here and the store judges it with the account
 * as it is now. At most {@code max} tokens are kept; one issued past that is known to the store only.
 */
final class LiveTokens {

    /** What claiming a token found. */
    sealed interface Claim {
        /** Live and now spent here: the account as issued, and the hash and expiry to journal. */
        record Claimed(String hash, Account account, long expiresAtMillis) implements Claim {
        }

        /** Spent already, or expired: a bad token, with nothing to write. */
        record Refused() implements Claim {
        }

        /** Not known here, or known with an account that may have changed: the store judges it (marked spent here if known). */
        record AskTheStore() implements Claim {
        }
    }

    private record Entry(Account account, long expiresAtMillis, long generation, boolean spent) {
        Entry asSpent() {
            return new Entry(account, expiresAtMillis, generation, true);
        }

        Entry asLive() {
            return new Entry(account, expiresAtMillis, generation, false);
        }
    }

    private static final long PURGE_WHEN_FULL_EVERY_MILLIS = 1_000;
    private static final Claim.Refused REFUSED = new Claim.Refused();
    private static final Claim.AskTheStore ASK = new Claim.AskTheStore();

    private final Map<String, Entry> byHash = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong purgedAt = new AtomicLong(Long.MIN_VALUE / 2);
    private final int max;

    LiveTokens(int max) {
        this.max = max;
    }

    /** The generation to pass to {@link #add}: read before the account is. */
    long generation() {
        return generation.get();
    }

    /** Accounts changed: tokens issued before now are judged by the store. */
    void accountsChanged() {
        generation.incrementAndGet();
    }

    /**
     * Knows a newly issued token; false when {@code max} unexpired ones are known already (the
     * store alone knows it). A full memory first forgets the expired tokens, at most once a
     * second, since spent ones are kept until they expire.
     */
    boolean add(String hash, Account account, long expiresAtMillis, long generationAtRead, long nowMillis) {
        if (byHash.size() >= max) {
            long last = purgedAt.get();
            if (nowMillis - last < PURGE_WHEN_FULL_EVERY_MILLIS || !purgedAt.compareAndSet(last, nowMillis)) {
                return false;
            }
            purge(nowMillis);
            if (byHash.size() >= max) {
                return false;
            }
        }
        byHash.put(hash, new Entry(account, expiresAtMillis, generationAtRead, false));
        return true;
    }

    /** Spends the token here if it is live; see {@link Claim}. */
    Claim claim(String hash, long nowMillis) {
        while (true) {
            Entry e = byHash.get(hash);
            if (e == null) {
                return ASK;
            }
            if (e.spent()) {
                return REFUSED;
            }
            if (e.expiresAtMillis() <= nowMillis) {
                byHash.remove(hash, e);
                return REFUSED;
            }
            Entry spent = e.asSpent();
            if (byHash.replace(hash, e, spent)) {
                if (e.generation() == generation.get()) {
                    return new Claim.Claimed(hash, e.account(), e.expiresAtMillis());
                }
                // nothing is journaled for it: the store spends it, and must be the only one that can
                byHash.remove(hash, spent);
                return ASK;
            }
        }
    }

    /**
     * The store is about to spend the token: forgets it here if it is live, so that no claim
     * spends it from memory after the store has. False when this node has spent it already and
     * the store does not have that spend yet: the store must not spend it a second time.
     */
    boolean handToStore(String hash) {
        while (true) {
            Entry e = byHash.get(hash);
            if (e == null) {
                return true;
            }
            if (e.spent()) {
                return false;
            }
            if (byHash.remove(hash, e)) {
                return true;
            }
        }
    }

    /** Makes a token claimed here live again: its spend was refused before anything was written. */
    void unclaim(String hash) {
        byHash.computeIfPresent(hash, (h, e) -> e.asLive());
    }

    /** The token's spend is a row of the store: the store answers for it from now on. */
    void applied(String hash) {
        byHash.computeIfPresent(hash, (h, e) -> e.spent() ? null : e);
    }

    /** Forgets the tokens expired before now; how many. */
    int purge(long nowMillis) {
        int before = byHash.size();
        byHash.values().removeIf(e -> e.expiresAtMillis() <= nowMillis);
        return before - byHash.size();
    }

    /** Tokens known, spent or not. */
    int size() {
        return byHash.size();
    }
}
