package io.gatehouse.core.session;

import io.gatehouse.core.account.Account;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every front's live sessions, and control's reconnect ids. A resumable session is written to
 * the store in the caller's transaction ({@link #open}) and resuming writes before it returns,
 * so a session the client was told about survives a restart; the other fronts' sessions live
 * as long as their connection ({@link #attach}). Methods that touch the store block; fronts
 * call them off their event loops.
 */
public interface SessionRegistry extends SessionDirectory {

    /**
     * Creates a session for the account inside the caller's open transaction, without binding
     * it: hold a place with {@link #hold} first, and bind it once that transaction has committed.
     */
    Session open(java.sql.Connection tx, Account account, String front) throws java.sql.SQLException;

    /**
     * Holds one of the account's {@code connectionLimit} places for a grant about to be
     * written under {@code ticket} (any object unique to that attempt); false when bound
     * connections and held places already fill the limit. Holding the same ticket again is
     * harmless, so a unit of work that the group committer runs twice holds one place. Each
     * hold ends in {@link #bind(Session, Connection, Object)} or {@link #releaseHold}.
     */
    boolean hold(Object ticket, long accountId, int connectionLimit);

    /** Gives back the place held under the ticket, if any (the grant was not made). */
    void releaseHold(Object ticket);

    /** Binds a session made with {@link #open} to its connection, in the place held under the ticket. */
    void bind(Session session, Connection connection, Object ticket);

    /**
     * Renews the session named by {@code sessionId} under a new id (the old one stops being
     * valid) and binds it to {@code connection}, applying the duplicate policy when the old
     * id is still bound to another live connection. A session that is not live takes one of
     * its account's places: when they are full, the answer is {@link ResumeResult.OverLimit}
     * and the session stays valid.
     */
    ResumeResult resume(String sessionId, Connection connection, int connectionLimit);

    /**
     * {@inheritDoc} Such sessions (astron after HELLO, marauroa after login, vcmi after
     * GREETINGS) are listed and kicked as any other; they take none of an account's
     * {@code connectionLimit} places, which are control's.
     */
    @Override
    String attach(Connection connection, Long accountId, String account);

    /**
     * Revokes a session and closes its connection with {@link CloseReason#KICKED}, whatever
     * its front; empty when no session has that id.
     */
    Optional<Kicked> kick(String sessionId);

    /**
     * Closes every live connection of the account, on every front, with the reason (a ban, say).
     * Its resumable sessions stay in the store, where a reconnect is refused while the account
     * may not log in. Returns how many connections were closed.
     */
    int closeAccount(long accountId, CloseReason reason, String detail);

    /** Live sessions of every front, oldest first. */
    List<LiveSession> live();

    Optional<LiveSession> live(String sessionId);

    /** How many live sessions each front has, by front name (fronts with none are absent). */
    Map<String, Integer> countByFront();

    /** How many live sessions the front has; cheap enough for a gauge read at every scrape. */
    int count(String front);

    /** How many live connections the account holds on this node, counting places held for grants being written. */
    int onlineCount(long accountId);

    /** Closes every live connection with the reason (server shutdown). */
    void closeAll(CloseReason reason);

    /** Deletes expired reconnect sessions from the store; returns how many. */
    int purgeExpired();
}
