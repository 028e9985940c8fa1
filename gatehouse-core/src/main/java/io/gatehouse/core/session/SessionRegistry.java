package io.gatehouse.core.session;

import io.gatehouse.core.account.Account;
import java.util.List;
import java.util.Optional;

/**
 * Live sessions and their reconnect ids. Granting and resuming write to the store before
 * they return, so a session the client was told about survives a restart. Methods that
 * touch the store block; fronts call them off their event loops.
 */
public interface SessionRegistry {

    /** Creates a session for an authenticated account and binds it to the connection. */
    Session grant(Account account, Connection connection);

    /**
     * Creates a session for the account inside the caller's open transaction, without binding
     * it: call {@link #bind} once that transaction has committed.
     */
    Session open(java.sql.Connection tx, Account account, String front) throws java.sql.SQLException;

    /** Binds a session made with {@link #open} to its connection. */
    void bind(Session session, Connection connection);

    /**
     * Renews the session named by {@code sessionId} under a new id (the old one stops being
     * valid) and binds it to {@code connection}, applying the duplicate policy when the old
     * id is still bound to another live connection.
     */
    ResumeResult resume(String sessionId, Connection connection);

    /** Unbinds the connection's session; the session stays valid for reconnects until it expires. */
    void release(Connection connection);

    /** Revokes a session and closes its connection with {@link CloseReason#KICKED}; false when unknown. */
    boolean kick(String sessionId);

    /** Live sessions, oldest first. */
    List<LiveSession> live();

    Optional<LiveSession> live(String sessionId);

    /** How many live connections the account holds on this node. */
    int onlineCount(long accountId);

    /** Closes every live connection with the reason (server shutdown). */
    void closeAll(CloseReason reason);

    /** Deletes expired reconnect sessions from the store; returns how many. */
    int purgeExpired();
}
