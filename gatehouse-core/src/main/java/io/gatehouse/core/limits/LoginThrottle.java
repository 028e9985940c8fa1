package io.gatehouse.core.limits;

import io.gatehouse.core.metrics.Refusal;
import io.gatehouse.core.metrics.Refusals;
import io.gatehouse.core.time.Durations;
import java.net.InetAddress;
import java.util.function.LongSupplier;

/**
 * Login attempts per address, and per account from one address, for a login path (a front's
 * logins, the HTTP token endpoint, the admin key). A caller asks {@link #begin} before it does
 * any work for an attempt; a refused attempt gets the path's own "too many" answer at once,
 * without touching the store, and is counted and logged in {@link Refusals}. Each allowed
 * attempt takes one from its buckets; {@link #giveBack} gives it back, so a caller that calls
 * it for every right credential limits failed attempts only (and attempts still in progress,
 * so that attempts made together cannot pass the limit together).
 *
 * <p>Keys hold the account only together with the address: failures from one address never
 * refuse an attempt from another, so a stranger cannot lock an account. Exempt addresses are
 * not tracked. State is per node and in memory (bounded: {@link AttemptLimiter}); it starts
 * empty after a restart.
 */
public final class LoginThrottle {

    /**
     * The answer to {@link #begin}: allowed, or refused with the limit that refused it and how
     * long until an attempt would be allowed again. Hand an allowed one to {@link #giveBack}.
     */
    public record Attempt(boolean allowed, long retryAfterMillis, Refusal refusal, String addressKey, String accountKey) {

        static final Attempt UNTRACKED = new Attempt(true, 0, null, null, null);

        /** {@link #retryAfterMillis} in whole seconds, rounded up (at least 1 when refused): for Retry-After. */
        public long retryAfterSeconds() {
            return allowed ? 0 : Math.max(1, (retryAfterMillis + 999) / 1000);
        }
    }

    private final LoginLimits limits;
    private final AddressSet exempt;
    private final AttemptLimiter byAddress;
    private final AttemptLimiter byAccount;
    private final Refusals refusals;
    private final String counted;
    private final Refusal addressRefusal;

    /**
     * A throttle whose per-address refusals count as {@link Refusal#ATTEMPTS_PER_ADDRESS}.
     *
     * @param counted    what the limits count, in the log lines: "failed logins", "token requests"
     * @param maxTracked keys each limit keeps at most
     */
    public LoginThrottle(LoginLimits limits, AddressSet exempt, int maxTracked, LongSupplier nowMillis, Refusals refusals, String counted) {
        this(limits, exempt, maxTracked, nowMillis, refusals, counted, Refusal.ATTEMPTS_PER_ADDRESS);
    }

    /** A throttle whose per-address refusals count as {@code addressRefusal}, for a path with a reason of its own. */
    public LoginThrottle(LoginLimits limits, AddressSet exempt, int maxTracked, LongSupplier nowMillis, Refusals refusals, String counted,
                         Refusal addressRefusal) {
        this.addressRefusal = addressRefusal;
        this.limits = limits;
        this.exempt = exempt;
        this.byAddress = limits.perAddress() == 0 ? null : new AttemptLimiter(limits.perAddress(), limits.window(), maxTracked, nowMillis);
        this.byAccount = limits.perAccount() == 0 ? null : new AttemptLimiter(limits.perAccount(), limits.window(), maxTracked, nowMillis);
        this.refusals = refusals;
        this.counted = counted;
    }

    /** A throttle that allows every attempt. */
    public static LoginThrottle none() {
        return new LoginThrottle(LoginLimits.none(), AddressSet.NONE, 1, () -> 0, Refusals.discarding("none"), "logins");
    }

    /**
     * Takes an attempt from {@code address}, at {@code account} when the caller knows it (else
     * null). A null address (a channel without an IP peer) is not tracked.
     */
    public Attempt begin(InetAddress address, String account) {
        if (address == null || exempt.contains(address) || (byAddress == null && (byAccount == null || account == null))) {
            return Attempt.UNTRACKED;
        }
        String addressKey = AddressKey.of(address);
        if (byAddress != null) {
            AttemptLimiter.Verdict v = byAddress.acquire(addressKey);
            if (!v.allowed()) {
                return refused(addressRefusal, addressKey, v, "from this address");
            }
        }
        String accountKey = null;
        if (byAccount != null && account != null) {
            accountKey = addressKey + " " + account;
            AttemptLimiter.Verdict v = byAccount.acquire(accountKey);
            if (!v.allowed()) {
                if (byAddress != null) {
                    byAddress.refund(addressKey);
                }
                return refused(Refusal.ATTEMPTS_PER_ACCOUNT, addressKey, v, "at " + account + " from this address");
            }
        }
        return new Attempt(true, 0, null, byAddress == null ? null : addressKey, accountKey);
    }

    /**
     * Gives an allowed attempt back: it does not count against its address or account. Callers
     * that limit failed attempts call it when the credential was right (the login succeeded, or
     * was refused for another reason: a ban, a quota).
     */
    public void giveBack(Attempt attempt) {
        if (!attempt.allowed()) {
            return;
        }
        if (attempt.addressKey() != null) {
            byAddress.refund(attempt.addressKey());
        }
        if (attempt.accountKey() != null) {
            byAccount.refund(attempt.accountKey());
        }
    }

    public LoginLimits limits() {
        return limits;
    }

    private Attempt refused(Refusal reason, String addressKey, AttemptLimiter.Verdict v, String where) {
        int most = reason == Refusal.ATTEMPTS_PER_ACCOUNT ? limits.perAccount() : limits.perAddress();
        Attempt a = new Attempt(false, v.retryAfterMillis(), reason, null, null);
        refusals.refused(reason, addressKey, "over the limit of " + most + " " + counted + " " + where + " per "
                + Durations.format(limits.window()) + "; retry in " + a.retryAfterSeconds() + " s");
        return a;
    }
}
