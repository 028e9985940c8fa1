package io.gatehouse.core.session;

import io.gatehouse.core.account.Account;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.time.Scheduler;
import java.time.Duration;
import java.util.Comparator;
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
    private final Map<Long, AtomicInteger> online = new ConcurrentHashMap<>();

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
    public Session grant(Account account, Connection connection) {
        Session session = newSession(account.id(), account.username(), connection.front());
        store.insert(session);
        bind(session, connection);
        return session;
    }

    @Override
    public Session open(java.sql.Connection tx, Account account, String front) throws java.sql.SQLException {
        Session session = newSession(account.id(), account.username(), front);
        store.insert(tx, session);
        return session;
    }

    @Override
    public ResumeResult resume(String sessionId, Connection connection) {
        if (sessionId == null || sessionId.isEmpty() || sessionId.length() > 256) {
            return new ResumeResult.Expired();
        }
        long now = clock.nowMillis();
        synchronized (this) {
            Binding previous = bySession.get(sessionId);
            if (previous != null && previous.connection() != connection && duplicatePolicy == DuplicatePolicy.REJECT_NEWER) {
                return new ResumeResult.Duplicate();
            }
            Session[] renewed = new Session[1];
            Optional<SessionStore.Stored> old = store.replace(sessionId,
                    row -> row.expiresAtMillis() > now && !row.account().isBlocked(now),
                    row -> renewed[0] = newSession(row.accountId(), row.account().username(), connection.front()));
            if (old.isEmpty() || old.get().expiresAtMillis() <= now) {
                unbindSession(sessionId);
                return new ResumeResult.Expired();
            }
            if (renewed[0] == null) {
                unbindSession(sessionId);
                return new ResumeResult.AccountBlocked();
            }
            Binding displaced = unbindSession(sessionId);
            bind(renewed[0], connection);
            if (displaced != null && displaced.connection() != connection) {
                displaced.connection().close(CloseReason.DUPLICATE_LOGIN, "session resumed on another connection");
            }
            return new ResumeResult.Resumed(renewed[0]);
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
    public synchronized void bind(Session session, Connection connection) {
        String previous = byConnection.put(connection, session.id());
        if (previous != null) {
            Binding old = bySession.remove(previous);
            if (old != null) {
                decrementOnline(old.session().accountId());
            }
        }
        bySession.put(session.id(), new Binding(session, connection, clock.nowMillis()));
        online.computeIfAbsent(session.accountId(), k -> new AtomicInteger()).incrementAndGet();
    }

    private Binding unbindSession(String sessionId) {
        Binding b = bySession.remove(sessionId);
        if (b != null) {
            byConnection.remove(b.connection(), sessionId);
            decrementOnline(b.session().accountId());
        }
        return b;
    }

    private void decrementOnline(long accountId) {
        online.computeIfPresent(accountId, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }
}
