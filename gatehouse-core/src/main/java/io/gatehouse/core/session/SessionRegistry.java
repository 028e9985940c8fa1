package io.gatehouse.core.session;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Every front's live sessions, and control's reconnect sessions, for operators and for the
 * core's rules. Sessions are bought through {@link SessionGrants} (control's token logins and
 * reconnects) or attached by the fronts without reconnects ({@link #attach}).
 *
 * <p>Written so that a network can stand behind it: no store transactions and no object
 * identities in its signatures, and an answer that needs every node of a cluster (a listing,
 * a kick that may land on another node, how many connections a ban closed) is a future. The
 * counts that stay synchronous are cheap gauges: each method says whether it answers for this
 * node or for the cluster. A method that returns a future may do its work on the caller's
 * thread (the local registry does: a kick deletes the stored session before it returns), so
 * fronts call those off their event loops; {@link #attach}, {@link #identify},
 * {@link #release} and the counts never block.
 */
public interface SessionRegistry extends SessionDirectory {

    /**
     * {@inheritDoc} Such sessions (astron after HELLO, marauroa after login, vcmi after
     * GREETINGS) are listed and kicked as any other; they take none of an account's
     * {@code connectionLimit} places, which are control's.
     */
    @Override
    String attach(Connection connection, Long accountId, String account);

    /**
     * Revokes a session and closes its connection with {@link CloseReason#KICKED}, whatever its
     * front and wherever in a cluster it lives; the answer names the front and what its client
     * was sent. Empty when no session has that id. A resumable session with no live
     * connection is only revoked ({@link Kicked#NOT_CONNECTED}).
     */
    CompletableFuture<Optional<Kicked>> kick(String sessionId);

    /**
     * Closes every live connection of the account, on every front (and every node), with the
     * reason (a ban, say), and completes with how many were closed. Its resumable sessions stay
     * in the store, where a reconnect is refused while the account may not log in.
     */
    CompletableFuture<Integer> closeAccount(long accountId, CloseReason reason, String detail);

    /** Live sessions of every front (of the whole cluster), oldest first. */
    CompletableFuture<List<LiveSession>> live();

    /**
     * How many live sessions each front has <em>on this node</em>, by front name (fronts with
     * none are absent): what this node's {@code /health} reports.
     */
    Map<String, Integer> countByFront();

    /** How many live sessions the front has on this node; cheap enough for a gauge read at every scrape. */
    int count(String front);

    /**
     * How many of its {@code connectionLimit} places the account holds <em>on this node</em>: its
     * bound resumable connections plus places held for grants being written. It is for showing
     * ({@code online} in a token answer) and never asks the store or another node; the limit
     * itself is enforced by {@link SessionGrants}, across a cluster by the store.
     */
    int onlineCount(long accountId);

    /** Closes every live connection of <em>this node</em> with the reason (this node's shutdown). */
    void closeAll(CloseReason reason);

    /**
     * Deletes expired reconnect sessions from the store; returns how many. Blocks on the store;
     * any node may run it (deleting what another node deleted first is harmless).
     */
    int purgeExpired();
}
