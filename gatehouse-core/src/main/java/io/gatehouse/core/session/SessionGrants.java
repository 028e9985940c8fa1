package io.gatehouse.core.session;

import java.util.concurrent.CompletableFuture;

/**
 * How a front turns a credential into a session: the core's login service for fronts whose
 * clients log in with a single-use token and come back with a session id (control, spec 7.4
 * and 7.5). A front calls it with plain values and maps the result to its wire answer; the
 * core keeps the rules: spending the token, the account's bans, the connection limit, the
 * duplicate policy, writing the session and the login event.
 *
 * <p>Durability: a future completes only once what it reports is committed to the store, so a
 * token reported spent stays spent and a session reported granted or resumed survives a
 * restart, on one node or a cluster. The store is written off the caller's thread, so an
 * event loop may call these methods; it must not block on the answer.
 */
public interface SessionGrants {

    /**
     * Spends {@code token} and, when it was good, opens a session for its account on the
     * connection's front and binds it to {@code connection}, unless the account already holds
     * {@code connectionLimit} connections (places held by grants still being written count,
     * so grants racing for the last place cannot both get it, on this node or across a
     * cluster). A good token is spent whatever the answer; a bad one is spent by nobody.
     */
    CompletableFuture<TokenResult> spendToken(String token, Connection connection, int connectionLimit);

    /**
     * Renews the session named by {@code sessionId} under a new id (the old one stops being
     * valid at once) and binds it to {@code connection}, applying the duplicate policy when the
     * old id is still bound to a live connection, wherever that connection is. A session that
     * is not live takes one of its account's places: when they are full, the answer is
     * {@link ResumeResult.OverLimit} and the session stays valid.
     */
    CompletableFuture<ResumeResult> resume(String sessionId, Connection connection, int connectionLimit);
}
