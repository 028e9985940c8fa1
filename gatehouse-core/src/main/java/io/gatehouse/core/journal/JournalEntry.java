package io.gatehouse.core.journal;

import io.gatehouse.core.account.LoginEvent;

/**
 * One write of a login that the journal makes durable before the login is answered, and that
 * its applier later makes a row of the store. Secrets appear only as their SHA-256 hex, as in
 * the store.
 */
public sealed interface JournalEntry {

    /**
     * The token with this hash, live until {@code expiresAtMillis}, was spent at {@code atMillis}.
     * The journal holds this entry until the token expires, instead of making it a row (see
     * {@link LoginJournal}): a token that has expired needs no record of its spend.
     */
    record TokenSpent(String tokenHash, long atMillis, long expiresAtMillis) implements JournalEntry {
        /** The expiry of a spend read from a file of the first version, which did not record it: never expired. */
        public static final long EXPIRY_UNKNOWN = Long.MAX_VALUE;
    }

    /** A reconnect session was opened: the row the store's {@code sessions} table gets. */
    record SessionOpened(String idHash, long accountId, String front, long createdAtMillis, long expiresAtMillis)
            implements JournalEntry {
    }

    /** A login attempt for the account's history. */
    record LoginRecorded(LoginEvent event) implements JournalEntry {
    }
}
