package io.gatehouse.core.session;

import io.gatehouse.core.account.Account;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.time.Scheduler;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The session registry of one node: live bindings in memory, reconnect sessions in the
 * store. Binding changes are serialized on the registry (they happen once per login, not
 * per packet); lookups are lock-free.
 */
public final class LocalSessionRegistry implements SessionRegistry {

    private static final int SESSION_ID_BYTES = 24;

    private record Binding(Session session, Connection connection, long sinceMillis) {
    }

    private final SessionStore store;
    private final Scheduler clock;
    private final Duration ttl;
    private final DuplicatePolicy duplicatePolicy;
    private final Map<String, Binding> bySession = new ConcurrentHashMap<>();
    private final Map<Connection, String> byConnection = new ConcurrentHashMap<>();
    /** Per account: its bound connections plus the places held for grants being written. */
    private final Map<Long, AtomicInteger> online = new ConcurrentHashMap<>();
    /** Places held by grants not bound yet, by ticket; guarded by {@code this}. */
    private final Map<Object, Long> holds = new HashMap<>();

    public LocalSessionRegistry(Database db, Scheduler clock, Duration ttl, DuplicatePolicy duplicatePolicy) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("session ttl " + ttl + " (must be positive)");
        }
        this.store = new SessionStore(db);
        this.clock = clock;
        this.ttl = ttl;
        this.duplicatePolicy = duplicatePolicy;
    }

    @Override
    public Session open(java.sql.Connection tx, Account account, String front) throws java.sql.SQLException {
        Session session = newSession(account.id(), account.username(), front);
        store.insert(tx, session);
        return session;
    }

    @Override
    public ResumeResult resume(String sessionId, Connection connection, int connectionLimit) {
        if (sessionId == null || sessionId.isEmpty() || sessionId.length() > 256) {
            return new ResumeResult.Expired();
        }
        long now = clock.nowMillis();
        synchronized (this) {
            Binding previous = bySession.get(sessionId);
            if (previous != null && previous.connection() != connection && duplicatePolicy == DuplicatePolicy.REJECT_NEWER) {
                return new ResumeResult.Duplicate();
            }
            // taking over the session's own live connection leaves the account's count as it is
            boolean takesAPlace = previous == null;
            Optional<SessionStore.Judged> judged = store.replace(sessionId,
                    row -> judge(row, now, takesAPlace, connectionLimit),
                    row -> newSession(row.accountId(), row.account().username(), connection.front()));
            if (judged.isEmpty()) {
                unbindSession(sessionId);
                return new ResumeResult.Expired();
            }
            SessionStore.Judged j = judged.get();
            switch (j.verdict()) {
                case KEEP:
                    return new ResumeResult.OverLimit(j.old().accountId(), j.old().account().username(), connectionLimit);
                case SPEND:
                    unbindSession(sessionId);
                    return j.old().expiresAtMillis() <= now ? new ResumeResult.Expired() : new ResumeResult.AccountBlocked();
                default:
                    Binding displaced = unbindSession(sessionId);
                    bind(j.renewed(), connection);
                    if (displaced != null && displaced.connection() != connection) {
                        displaced.connection().close(CloseReason.DUPLICATE_LOGIN, "session resumed on another connection");
                    }
                    return new ResumeResult.Resumed(j.renewed());
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

    @Override
    public synchronized boolean hold(Object ticket, long accountId, int connectionLimit) {
        if (holds.containsKey(ticket)) {
            return true;
        }
        if (onlineCount(accountId) >= connectionLimit) {
            return false;
        }
        holds.put(ticket, accountId);
        incrementOnline(accountId);
        return true;
    }

    @Override
    public synchronized void releaseHold(Object ticket) {
        Long accountId = holds.remove(ticket);
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
                    bySession.remove(id);
                    decrementOnline(b.session().accountId());
                }
            }
        }
    }

    @Override
    public boolean kick(String sessionId) {
        boolean stored = store.delete(sessionId);
        Binding b;
        synchronized (this) {
            b = unbindSession(sessionId);
        }
        if (b != null) {
            b.connection().close(CloseReason.KICKED, "kicked by an operator");
        }
        return stored || b != null;
    }

    @Override
    public List<LiveSession> live() {
        return bySession.values().stream()
                .sorted(Comparator.comparingLong(Binding::sinceMillis))
                .map(b -> new LiveSession(b.session(), b.connection().remoteAddress(), b.sinceMillis()))
                .toList();
    }

    @Override
    public Optional<LiveSession> live(String sessionId) {
        Binding b = bySession.get(sessionId);
        return b == null ? Optional.empty() : Optional.of(new LiveSession(b.session(), b.connection().remoteAddress(), b.sinceMillis()));
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

    @Override
    public synchronized void bind(Session session, Connection connection, Object ticket) {
        releaseHold(ticket);
        bind(session, connection);
    }

    private synchronized void bind(Session session, Connection connection) {
        String previous = byConnection.put(connection, session.id());
        if (previous != null) {
            Binding old = bySession.remove(previous);
            if (old != null) {
                decrementOnline(old.session().accountId());
            }
        }
        bySession.put(session.id(), new Binding(session, connection, clock.nowMillis()));
        incrementOnline(session.accountId());
    }

    private Binding unbindSession(String sessionId) {
        Binding b = bySession.remove(sessionId);
        if (b != null) {
            byConnection.remove(b.connection(), sessionId);
            decrementOnline(b.session().accountId());
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
