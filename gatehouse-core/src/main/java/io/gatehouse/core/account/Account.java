package io.gatehouse.core.account;

/**
 * An account. A ban with {@code bannedUntilMillis} null is permanent; a timed ban lapses on
 * its own once that time has passed.
 */
public record Account(long id, String username, AccountStatus status, String banReason, Long bannedUntilMillis,
                      long createdAtMillis) {

    /** True when the account may not log in at {@code nowMillis}. */
    public boolean isBlocked(long nowMillis) {
        return switch (status) {
            case ACTIVE -> false;
            case DISABLED -> true;
            case BANNED -> bannedUntilMillis == null || bannedUntilMillis > nowMillis;
        };
    }

    /** The login result to record when {@link #isBlocked} says no. */
    public LoginResult blockedResult() {
        return status == AccountStatus.DISABLED ? LoginResult.DISABLED : LoginResult.BANNED;
    }
}
