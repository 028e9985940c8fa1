package io.gatehouse.core.cluster;

import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.session.Connection;
import io.gatehouse.core.session.Kicked;
import io.gatehouse.core.session.LiveSession;
import io.gatehouse.core.session.LocalSessionRegistry;
import io.gatehouse.core.session.SessionRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The session registry of a node in a cluster: this node's registry for what happens here,
 * and the other nodes' answers ({@link ClusterSessions}) for a listing of the whole cluster and
 * a kick of a session that lives elsewhere. Bans reach every node through
 * {@link io.gatehouse.core.session.AccountClosures}; the connection limit and the duplicate
 * policy across nodes are kept by the store (see {@link LocalSessionRegistry}).
 */
public final class ClusterSessionRegistry implements SessionRegistry {

    private final LocalSessionRegistry local;
    private final ClusterSessions cluster;

    public ClusterSessionRegistry(LocalSessionRegistry local, ClusterSessions cluster) {
        this.local = local;
        this.cluster = cluster;
    }

    @Override
    public String attach(Connection connection, Long accountId, String account) {
        return local.attach(connection, accountId, account);
    }

    @Override
    public void identify(Connection connection, Long accountId, String account) {
        local.identify(connection, accountId, account);
    }

    @Override
    public void release(Connection connection) {
        local.release(connection);
    }

    /**
     * Kicks the session here when a connection here holds it; else asks the other nodes, and
     * when none holds it, revokes its stored session if there is one (as on one node).
     */
    @Override
    public CompletableFuture<Optional<Kicked>> kick(String sessionId) {
        if (local.hasSession(sessionId)) {
            return local.kick(sessionId);
        }
        return cluster.kickElsewhere(sessionId).thenCompose(kicked -> kicked.isPresent()
                ? CompletableFuture.completedFuture(kicked)
                : local.kick(sessionId));
    }

    /** This node's connections only: {@link io.gatehouse.core.session.AccountClosures} asks the other nodes. */
    @Override
    public CompletableFuture<Integer> closeAccount(long accountId, CloseReason reason, String detail) {
        return local.closeAccount(accountId, reason, detail);
    }

    @Override
    public CompletableFuture<List<LiveSession>> live() {
        List<LiveSession> here = local.liveHere();
        return cluster.listOthers().thenApply(others -> {
            List<LiveSession> all = new ArrayList<>(here.size() + others.size());
            all.addAll(here);
            all.addAll(others);
            all.sort(Comparator.comparingLong(LiveSession::sinceMillis));
            return all;
        });
    }

    @Override
    public Map<String, Integer> countByFront() {
        return local.countByFront();
    }

    @Override
    public int count(String front) {
        return local.count(front);
    }

    @Override
    public int onlineCount(long accountId) {
        return local.onlineCount(accountId);
    }

    @Override
    public void closeAll(CloseReason reason) {
        local.closeAll(reason);
    }

    @Override
    public int purgeExpired() {
        return local.purgeExpired();
    }
}
