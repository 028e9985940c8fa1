package io.gatehouse.core.limits;

import java.time.Duration;

/**
 * How many counted login attempts a front allows: {@code perAddress} from one address and
 * {@code perAccount} at one account from one address, each a bucket that refills over
 * {@code window} (see {@link AttemptLimiter}); 0 turns that limit off. Which attempts count
 * (failed ones, or all) is the caller's choice: see {@link LoginThrottle#giveBack}.
 */
public record LoginLimits(int perAddress, int perAccount, Duration window) {

    public LoginLimits {
        if (perAddress < 0 || perAccount < 0) {
            throw new IllegalArgumentException("attempts " + perAddress + " and " + perAccount + " (expected 0 for off, or more)");
        }
        if ((perAddress > 0 || perAccount > 0) && (window == null || window.toMillis() < 1)) {
            throw new IllegalArgumentException("window " + window + " (expected at least 1 ms)");
        }
    }

    /** No limit. */
    public static LoginLimits none() {
        return new LoginLimits(0, 0, Duration.ofMinutes(1));
    }

    /** At most {@code attempts} per address within {@code window}, no per-account limit. */
    public static LoginLimits perAddress(int attempts, Duration window) {
        return new LoginLimits(attempts, 0, window);
    }
}
