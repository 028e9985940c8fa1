package io.gatehouse.core.session;

/**
 * What a front without reconnects (astron, marauroa, vcmi) tells the core about its players:
 * that a connection became a session, whose account it is once known, and that it ended. The
 * core lists them, counts them and ends them through their {@link Connection}. Calls do not
 * block on the store; any thread may make them.
 */
public interface SessionDirectory {

    /**
     * Admits a connection as a live session until {@link #release}; returns its id.
     * {@code accountId} and {@code account} may be null (not known yet: {@link #identify}).
     */
    String attach(Connection connection, Long accountId, String account);

    /** Names the account of the connection's live session (astron: a game server named it); nothing when it has none. */
    void identify(Connection connection, Long accountId, String account);

    /** Ends the connection's session (a resumable one stays valid for reconnects until it expires). */
    void release(Connection connection);
}
