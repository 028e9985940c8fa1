package io.gatehouse.core.session;

import io.gatehouse.core.account.Account;
import io.gatehouse.core.store.Database;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The session registry of one node: every front's live bindings in memory, control's
 * reconnect sessions in the store. Binding changes are serialized on the registry (they happen
 * once per login, not per packet); lookups are lock-free. Its answers are whole on one node,
 * so its futures are complete when returned. {@link LocalSessionGrants} buys its sessions
 * through the package-private methods below, which hold places by {@link GrantAttempt}: that
 * never leaves this package.
 */
public final class LocalSessionRegistry implements SessionRegistry {

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

        LiveSession view() {
            return new LiveSession(id, front, accountId, account, connection.remoteAddress(), sinceMillis,
                    session == null ? null : session.expiresAtMillis());
        }
    }

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

    public LocalSessionRegistry(Database db, Scheduler clock, Duration ttl, DuplicatePolicy duplicatePolicy) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("session ttl " + ttl + " (must be positive)");
        }
        this.store = new SessionStore(db);
        this.clock = clock;
        this.ttl = ttl;
        this.duplicatePolicy = duplicatePolicy;
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
        long now = clock.nowMillis();
        synchronized (this) {
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
                unbindSession(sessionId);
                return new Resumption(new ResumeResult.Expired(), null);
            }
            SessionStore.Judged j = judged.get();
            Account account = j.old().account();
            switch (j.verdict()) {
                case KEEP:
                    return new Resumption(new ResumeResult.OverLimit(connectionLimit), account);
                case SPEND:
                    unbindSession(sessionId);
                    return new Resumption(j.old().expiresAtMillis() <= now ? new ResumeResult.Expired() : new ResumeResult.AccountBlocked(),
                            account);
                default:
                    Binding displaced = unbindSession(sessionId);
                    bind(j.renewed(), connection);
                    if (displaced != null && displaced.connection() != connection) {
                        displaced.connection().close(CloseReason.DUPLICATE_LOGIN, "session resumed on another connection");
                    }
                    return new Resumption(new ResumeResult.Resumed(j.renewed(), onlineCount(account.id())), account);
            }
        }
    }

    private SessionStore.Verdict judge(SessionStore.Stored row, long now, boolean takesAPlace, int connectionLimit) {
        if (row.expiresAtMillis() <= now || row.account().isBlocked(now)) {
            return SessionStore.Verdict.SPEND;
        }
        if (takesAPlace && onlineCount(row.accountId()) >= connectionLimit) {
            return SessionStore.Verdict.KEEP;
        }
        return SessionStore.Verdict.RENEW;
    }

    /**
     * Holds one of the account's {@code connectionLimit} places for a grant about to be written
     * by {@code attempt}; false when bound connections and held places already fill the limit.
     * Holding for the same attempt again is harmless, so a unit of work that the group
     * committer runs twice holds one place. Each hold ends in
     * {@link #bind(Session, Connection, GrantAttempt)} or {@link #releaseHold}.
     */
    synchronized boolean hold(GrantAttempt attempt, long accountId, int connectionLimit) {
        if (holds.containsKey(attempt)) {
            return true;
        }
        if (onlineCount(accountId) >= connectionLimit) {
            return false;
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
        closing.forEach(b -> b.connection().close(reason, detail));
        return CompletableFuture.completedFuture(closing.size());
    }

    @Override
    public CompletableFuture<List<LiveSession>> live() {
        return CompletableFuture.completedFuture(bySession.values().stream()
                .sorted(Comparator.comparingLong(Binding::sinceMillis))
                .map(Binding::view)
                .toList());
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
