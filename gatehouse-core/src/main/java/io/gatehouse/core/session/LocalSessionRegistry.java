package io.gatehouse.core.session;

import io.gatehouse.core.account.Account;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.store.PendingWrites;
import io.gatehouse.core.time.Scheduler;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session registry of one node: every front's live bindings in memory, control's
 * reconnect sessions in the store. Binding changes are serialized on the registry (they happen
 * once per login, not per packet); lookups are lock-free. Its answers are this node's, so its
 * futures are complete when returned; in a cluster, {@code ClusterSessionRegistry} adds the
 * other nodes' answers to them.
 *
 * <p>In a cluster (constructed with a {@link ClusterLink}) the store does what one node's memory
 * does alone: a control session's row names the node that holds its connection, an account's
 * places are counted from those marks under a lock on its row (so grants on two nodes cannot
 * both take the last place), and a resume of a session bound on another node follows the
 * duplicate policy there. {@link LocalSessionGrants} buys its sessions
 * through the package-private methods below, which hold places by {@link GrantAttempt}: that
 * never leaves this package.
 */
public final class LocalSessionRegistry implements SessionRegistry {

    /** The name a node gives itself in its listings when it is given none. */
    public static final String ALONE = "local";

    private static final Logger log = LoggerFactory.getLogger(LocalSessionRegistry.class);
    private static final String RESUMED_ELSEWHERE = "session resumed on another connection";
    private static final int SESSION_ID_BYTES = 24;

    /** Bytes of randomness in the id of a session without reconnects (not a bearer secret: only operators use it). */
    private static final int ATTACHED_ID_BYTES = 12;

    /**
     * A live connection and its session: {@code session} is the resumable session (control's),
     * null for one attached without reconnects.
     */
    private record Binding(String id, Session session, String front, Long accountId, String account, Connection connection,
                           long sinceMillis) {

        static Binding of(Session s, Connection c, long since) {
            return new Binding(s.id(), s, s.front(), s.accountId(), s.username(), c, since);
        }

        boolean resumable() {
            return session != null;
        }

        Binding named(Long newAccountId, String newAccount) {
            return new Binding(id, session, front, newAccountId, newAccount, connection, sinceMillis);
        }

        LiveSession view(String node) {
            return new LiveSession(id, front, accountId, account, connection.remoteAddress(), sinceMillis,
                    session == null ? null : session.expiresAtMillis(), node);
        }
    }

    private final String node;
    private final ClusterLink cluster;
    private final SessionStore store;
    private final Scheduler clock;
    private final Duration ttl;
    private final DuplicatePolicy duplicatePolicy;
    private final Map<String, Binding> bySession = new ConcurrentHashMap<>();
    private final Map<Connection, String> byConnection = new ConcurrentHashMap<>();
    /** Per account: its bound connections plus the places held for grants being written. */
    private final Map<Long, AtomicInteger> online = new ConcurrentHashMap<>();
    /** Live sessions per front; a front's entry stays once made (there are a handful of fronts). */
    private final Map<String, AtomicInteger> perFront = new ConcurrentHashMap<>();
    /** Places held by grants not bound yet, by attempt; guarded by {@code this}. */
    private final Map<GrantAttempt, Long> holds = new HashMap<>();

    /** The registry of a node alone, named {@value #ALONE} in its listings. */
    public LocalSessionRegistry(Database db, Scheduler clock, Duration ttl, DuplicatePolicy duplicatePolicy) {
        this(db, clock, ttl, duplicatePolicy, ALONE, null);
    }

    /**
     * The registry of the node named {@code node}: alone when {@code cluster} is null, else one
     * of a cluster whose nodes share {@code db}.
     */
    public LocalSessionRegistry(Database db, Scheduler clock, Duration ttl, DuplicatePolicy duplicatePolicy, String node,
                                ClusterLink cluster) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("session ttl " + ttl + " (must be positive)");
        }
        this.node = node;
        this.cluster = cluster;
        this.store = new SessionStore(db, cluster == null ? null : node);
        this.clock = clock;
        this.ttl = ttl;
        this.duplicatePolicy = duplicatePolicy;
    }

    /**
     * Sessions acknowledged before they are rows of the store (a login journal's): resuming,
     * kicking and deleting a stored session wait for them first.
     */
    public void readsAfter(PendingWrites pending) {
        store.readsAfter(pending);
    }

    /** A new session for the account, not stored and not bound: its row is the caller's to write (a login journal's entry). */
    Session fresh(Account account, String front) {
        return newSession(account.id(), account.username(), front);
    }

    /** Creates a session for the account inside the caller's open transaction, without binding it. */
    Session open(java.sql.Connection tx, Account account, String front) throws SQLException {
        Session session = newSession(account.id(), account.username(), front);
        store.insert(tx, session);
        return session;
    }

    /** What a resume answered, and the account of the stored session it judged (null when none matched). */
    record Resumption(ResumeResult result, Account account) {
    }

    /**
     * Renews the stored session under a new id and binds it, applying the duplicate policy and
     * the connection limit; {@code inRenewal} (the login event) commits with the renewal.
     * Blocks on the store.
     */
    Resumption resume(String sessionId, Connection connection, int connectionLimit, SessionStore.WithRenewal inRenewal) {
        if (sessionId == null || sessionId.isEmpty() || sessionId.length() > 256) {
            return new Resumption(new ResumeResult.Expired(), null);
        }
        // before the registry's lock, which every login takes: the wait may last an apply of the login journal
        store.awaitUnwritten();
        long now = clock.nowMillis();
        if (cluster != null) {
            // the store's lock on the session's row orders resumes of one id on every node, this
            // one included, so resumes of different sessions need not wait for each other here
            return resumeNow(sessionId, connection, connectionLimit, inRenewal, now);
        }
        synchronized (this) {
            return resumeNow(sessionId, connection, connectionLimit, inRenewal, now);
        }
    }

    private Resumption resumeNow(String sessionId, Connection connection, int connectionLimit, SessionStore.WithRenewal inRenewal,
                                 long now) {
        Binding previous = bySession.get(sessionId);
        if (previous != null && previous.connection() != connection && duplicatePolicy == DuplicatePolicy.REJECT_NEWER) {
            return new Resumption(new ResumeResult.Duplicate(), null);
        }
        // taking over the session's own live connection leaves the account's count as it is
        boolean takesAPlace = previous == null;
        Optional<SessionStore.Judged> judged = store.replace(sessionId,
                row -> judge(row, now, takesAPlace, connectionLimit),
                row -> newSession(row.accountId(), row.account().username(), connection.front()), inRenewal);
        if (judged.isEmpty()) {
            synchronized (this) {
                unbindSession(sessionId);
            }
            return new Resumption(new ResumeResult.Expired(), null);
        }
        SessionStore.Judged j = judged.get();
        Account account = j.old().account();
        switch (j.verdict()) {
            case KEEP:
                return new Resumption(new ResumeResult.OverLimit(connectionLimit), account);
            case DUPLICATE:
                return new Resumption(new ResumeResult.Duplicate(), account);
            case SPEND:
                synchronized (this) {
                    unbindSession(sessionId);
                }
                return new Resumption(j.old().expiresAtMillis() <= now ? new ResumeResult.Expired() : new ResumeResult.AccountBlocked(),
                        account);
            default:
                Binding displaced;
                synchronized (this) {
                    displaced = unbindSession(sessionId);
                    bind(j.renewed(), connection);
                }
                if (displaced != null && displaced.connection() != connection) {
                    displaced.connection().close(CloseReason.DUPLICATE_LOGIN, RESUMED_ELSEWHERE);
                }
                String boundTo = j.old().boundTo();
                if (cluster != null && boundTo != null && !boundTo.equals(node)) {
                    cluster.closeElsewhere(boundTo, sessionId, CloseReason.DUPLICATE_LOGIN, RESUMED_ELSEWHERE);
                }
                return new Resumption(new ResumeResult.Resumed(j.renewed(), onlineCount(account.id())), account);
        }
    }

    private SessionStore.Verdict judge(SessionStore.Stored row, long now, boolean takesAPlace, int connectionLimit) {
        if (row.expiresAtMillis() <= now || row.account().isBlocked(now)) {
            return SessionStore.Verdict.SPEND;
        }
        if (cluster == null) {
            return takesAPlace && onlineCount(row.accountId()) >= connectionLimit ? SessionStore.Verdict.KEEP : SessionStore.Verdict.RENEW;
        }
        boolean boundElsewhere = row.boundTo() != null && !row.boundTo().equals(node);
        if (boundElsewhere && duplicatePolicy == DuplicatePolicy.REJECT_NEWER) {
            return SessionStore.Verdict.DUPLICATE;
        }
        // the session's own mark (here or on another node) moves to the renewal and takes no new place
        int others = row.places() - (row.boundTo() != null ? 1 : 0);
        return others >= connectionLimit ? SessionStore.Verdict.KEEP : SessionStore.Verdict.RENEW;
    }

    /**
     * Holds one of the account's {@code connectionLimit} places for a grant about to be written
     * by {@code attempt}; false when bound connections and held places already fill the limit.
     * Holding for the same attempt again is harmless, so a unit of work that the group
     * committer runs twice holds one place. Each hold ends in
     * {@link #bind(Session, Connection, GrantAttempt)} or {@link #releaseHold}.
     */
    synchronized boolean hold(java.sql.Connection tx, GrantAttempt attempt, long accountId, int connectionLimit) throws SQLException {
        if (cluster == null) {
            return holdHere(attempt, accountId, connectionLimit);
        }
        // counted in the store, in this attempt's transaction (a retried unit counts again)
        if (store.lockAndCountPlaces(tx, accountId) >= connectionLimit) {
            return false;
        }
        return holdPlace(attempt, accountId);
    }

    /** {@link #hold} on a node alone, where the places are counted in memory only. */
    synchronized boolean holdHere(GrantAttempt attempt, long accountId, int connectionLimit) {
        if (cluster != null) {
            throw new IllegalStateException("a cluster's places are counted in the store");
        }
        if (!holds.containsKey(attempt) && onlineCount(accountId) >= connectionLimit) {
            return false;
        }
        return holdPlace(attempt, accountId);
    }

    private boolean holdPlace(GrantAttempt attempt, long accountId) {
        if (holds.containsKey(attempt)) {
            return true;
        }
        holds.put(attempt, accountId);
        incrementOnline(accountId);
        return true;
    }

    /** Gives back the place held under the attempt, if any (the grant was not made). */
    synchronized void releaseHold(GrantAttempt attempt) {
        Long accountId = holds.remove(attempt);
        if (accountId != null) {
            decrementOnline(accountId);
        }
    }

    @Override
    public void release(Connection connection) {
        String id = byConnection.remove(connection);
        if (id != null) {
            synchronized (this) {
                Binding b = bySession.get(id);
                if (b != null && b.connection() == connection) {
                    removeBinding(id);
                    if (b.resumable()) {
                        decrementOnline(b.accountId());
                        unmarkLater(id);
                    }
                }
            }
        }
    }

    @Override
    public String attach(Connection connection, Long accountId, String account) {
        String id = Secrets.random(ATTACHED_ID_BYTES);
        synchronized (this) {
            String previous = byConnection.put(connection, id);
            if (previous != null) {
                unbindSession(previous);
            }
            putBinding(new Binding(id, null, connection.front(), accountId, account, connection, clock.nowMillis()));
        }
        return id;
    }

    @Override
    public synchronized void identify(Connection connection, Long accountId, String account) {
        String id = byConnection.get(connection);
        Binding b = id == null ? null : bySession.get(id);
        if (b != null && !b.resumable()) {
            bySession.put(id, b.named(accountId, account));
        }
    }

    @Override
    public CompletableFuture<Optional<Kicked>> kick(String sessionId) {
        return CompletableFuture.completedFuture(kickNow(sessionId));
    }

    /**
     * Closes the connection holding {@code sessionId} on this node, if one does, with the reason;
     * its stored session (if resumable) stays. True when a connection was closed.
     */
    public boolean closeSession(String sessionId, CloseReason reason, String detail) {
        Binding b;
        synchronized (this) {
            b = unbindSession(sessionId);
        }
        if (b == null) {
            return false;
        }
        if (b.resumable()) {
            unmarkLater(sessionId);
        }
        b.connection().close(reason, detail);
        return true;
    }

    /** The sessions bound on this node only, oldest first. */
    public List<LiveSession> liveHere() {
        return bySession.values().stream()
                .sorted(Comparator.comparingLong(Binding::sinceMillis))
                .map(b -> b.view(node))
                .toList();
    }

    /** True when a connection on this node holds the session. */
    public boolean hasSession(String sessionId) {
        return sessionId != null && bySession.containsKey(sessionId);
    }

    /** This node's name in its listings. */
    public String node() {
        return node;
    }

    /**
     * Marks every resumable session bound here as this node's again, in the store: after the
     * cluster judged this node gone (its beats did not reach the store in time) and cleared them.
     */
    public void remarkAll() {
        if (cluster == null) {
            return;
        }
        for (Binding b : List.copyOf(bySession.values())) {
            if (b.resumable()) {
                store.mark(b.id());
            }
        }
    }

    private void unmarkLater(String sessionId) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.storeWrites().execute(() -> {
                try {
                    store.unmark(sessionId);
                } catch (RuntimeException e) {
                    log.warn("clearing a session's mark failed; the cluster clears it when this node leaves", e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            log.debug("not clearing a session's mark: the node is stopping and clears them all");
        }
    }

    private Optional<Kicked> kickNow(String sessionId) {
        Binding b;
        synchronized (this) {
            b = unbindSession(sessionId);
        }
        Optional<String> storedFront = b == null || b.resumable() ? store.delete(sessionId) : Optional.empty();
        if (b != null) {
            b.connection().close(CloseReason.KICKED, "kicked by an operator");
            return Optional.of(new Kicked(sessionId, b.front(), b.connection().answerTo(CloseReason.KICKED)));
        }
        return storedFront.map(front -> new Kicked(sessionId, front, Kicked.NOT_CONNECTED));
    }

    @Override
    public CompletableFuture<Integer> closeAccount(long accountId, CloseReason reason, String detail) {
        List<Binding> closing = new ArrayList<>();
        synchronized (this) {
            for (Binding b : List.copyOf(bySession.values())) {
                if (b.accountId() != null && b.accountId() == accountId) {
                    unbindSession(b.id());
                    closing.add(b);
                }
            }
        }
        for (Binding b : closing) {
            if (b.resumable()) {
                unmarkLater(b.id());
            }
            b.connection().close(reason, detail);
        }
        return CompletableFuture.completedFuture(closing.size());
    }

    @Override
    public CompletableFuture<List<LiveSession>> live() {
        return CompletableFuture.completedFuture(liveHere());
    }

    @Override
    public Map<String, Integer> countByFront() {
        Map<String, Integer> counts = new TreeMap<>();
        perFront.forEach((front, n) -> {
            if (n.get() > 0) {
                counts.put(front, n.get());
            }
        });
        return counts;
    }

    @Override
    public int count(String front) {
        AtomicInteger n = perFront.get(front);
        return n == null ? 0 : n.get();
    }

    /** Every binding enters here (under the registry's lock), so that the count per front follows the map. */
    private void putBinding(Binding b) {
        Binding replaced = bySession.put(b.id(), b);
        if (replaced != null) {
            perFront.get(replaced.front()).decrementAndGet();
        }
        perFront.computeIfAbsent(b.front(), f -> new AtomicInteger()).incrementAndGet();
    }

    private Binding removeBinding(String id) {
        Binding b = bySession.remove(id);
        if (b != null) {
            perFront.get(b.front()).decrementAndGet();
        }
        return b;
    }

    @Override
    public int onlineCount(long accountId) {
        AtomicInteger n = online.get(accountId);
        return n == null ? 0 : n.get();
    }

    @Override
    public void closeAll(CloseReason reason) {
        for (Binding b : List.copyOf(bySession.values())) {
            b.connection().close(reason, reason.text());
        }
    }

    @Override
    public int purgeExpired() {
        return store.purgeExpired(clock.nowMillis());
    }

    private Session newSession(long accountId, String username, String front) {
        long now = clock.nowMillis();
        return new Session(Secrets.random(SESSION_ID_BYTES), accountId, username, front, now, now + ttl.toMillis());
    }

    /** Binds a session made with {@link #open} to its connection, in the place held under the attempt. */
    synchronized void bind(Session session, Connection connection, GrantAttempt attempt) {
        releaseHold(attempt);
        bind(session, connection);
    }

    private synchronized void bind(Session session, Connection connection) {
        String previous = byConnection.put(connection, session.id());
        if (previous != null) {
            Binding old = removeBinding(previous);
            if (old != null && old.resumable()) {
                decrementOnline(old.accountId());
            }
        }
        putBinding(Binding.of(session, connection, clock.nowMillis()));
        incrementOnline(session.accountId());
    }

    private Binding unbindSession(String sessionId) {
        Binding b = removeBinding(sessionId);
        if (b != null) {
            byConnection.remove(b.connection(), sessionId);
            if (b.resumable()) {
                decrementOnline(b.accountId());
            }
        }
        return b;
    }

    private void incrementOnline(long accountId) {
        online.computeIfAbsent(accountId, k -> new AtomicInteger()).incrementAndGet();
    }

    private void decrementOnline(long accountId) {
        online.computeIfPresent(accountId, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }
}
