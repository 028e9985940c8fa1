package io.gatehouse.core.session;

import io.gatehouse.core.account.Account;
import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.store.PendingWrites;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The reconnect sessions table: rows keyed by the SHA-256 of the session id. In a cluster
 * ({@code node} not null) a row also names the node whose live connection holds it, and the
 * account's places are counted from those marks under a lock on the account's row, so that
 * grants on several nodes racing for an account's last place are serialized by the store.
 */
final class SessionStore {

    private final Database db;
    private final String node;
    /** Sessions acknowledged before they are rows here (a login journal's): awaited before a row is read. */
    private volatile PendingWrites unwritten = PendingWrites.NONE;

    /** {@code node}: this node's name in a cluster, or null for a node alone (no marks written). */
    SessionStore(Database db, String node) {
        this.db = db;
        this.node = node;
    }

    /** Reads wait for {@code pending} first, so that they see every session acknowledged before them. */
    void readsAfter(PendingWrites pending) {
        this.unwritten = pending;
    }

    /** Returns once every session acknowledged before the call is a row here (see {@link #readsAfter}). */
    void awaitUnwritten() {
        unwritten.awaitApplied();
    }

    void insert(Connection c, Session s) throws SQLException {
        insertRow(c, s);
    }

    /**
     * A stored session row joined with its account, as of the moment it is read: {@code boundTo}
     * is the node holding its connection (null: none, or no cluster), {@code places} how many of
     * the account's sessions are bound anywhere in the cluster (0 without one).
     */
    record Stored(long accountId, String front, long expiresAtMillis, Account account, String boundTo, int places) {
    }

    /** What to do with a stored session presented for renewal. */
    enum Verdict {
        /** Delete it and store its renewal in the same transaction. */
        RENEW,
        /** Delete it: it is spent (expired, or its account may no longer log in). */
        SPEND,
        /** Leave it as it is: it stays valid for a later try. */
        KEEP,
        /** Leave it as it is: another node's connection holds it and the policy refuses newcomers. */
        DUPLICATE
    }

    /** The stored row that was judged, the verdict carried out on it, and the renewal (null unless renewed). */
    record Judged(Stored old, Verdict verdict, Session renewed) {
    }

    /** More writes that commit with a renewal (its login event). */
    @FunctionalInterface
    interface WithRenewal {
        void write(Connection c, Session renewed) throws SQLException;
    }

    /**
     * Atomically judges the stored session {@code oldId} and carries the verdict out: on
     * {@link Verdict#RENEW} the row is replaced by {@code renew}'s session, and {@code also}
     * writes in the same transaction. Empty when no row has that id. The caller calls
     * {@link #awaitUnwritten} first, before it takes any lock that logins need.
     */
    Optional<Judged> replace(String oldId, Function<Stored, Verdict> judge, Function<Stored, Session> renew, WithRenewal also) {
        return db.inTransaction(c -> {
            Optional<Stored> old = find(c, oldId, node != null);
            if (old.isEmpty()) {
                return Optional.empty();
            }
            Verdict verdict = judge.apply(old.get());
            if (verdict == Verdict.RENEW || verdict == Verdict.SPEND) {
                delete(c, oldId);
            }
            Session renewed = null;
            if (verdict == Verdict.RENEW) {
                renewed = renew.apply(old.get());
                insertRow(c, renewed);
                also.write(c, renewed);
            }
            return Optional.of(new Judged(old.get(), verdict, renewed));
        });
    }

    /** Deletes the session; its front, or empty when no row has that id. */
    Optional<String> delete(String id) {
        unwritten.awaitApplied();
        return db.inTransaction(c -> {
            Optional<Stored> row = find(c, id, false);
            if (row.isPresent()) {
                delete(c, id);
            }
            return row.map(Stored::front);
        });
    }

    int purgeExpired(long nowMillis) {
        unwritten.awaitApplied();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE expires_at <= ?")) {
                ps.setLong(1, nowMillis);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * How many of the account's sessions are bound on some node, counted after locking the
     * account's row until the caller's transaction ends: a grant that counts here and then
     * inserts its marked row cannot interleave with another node's grant for the account.
     */
    int lockAndCountPlaces(Connection c, long accountId) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT id FROM accounts WHERE id = ? FOR UPDATE")) {
            lock.setLong(1, accountId);
            lock.executeQuery().close();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM sessions WHERE account_id = ? AND node IS NOT NULL")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Clears this node's mark on the session (its connection ended here); a row renewed or marked by another node is left. */
    void unmark(String id) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET node = NULL WHERE id_hash = ? AND node = ?")) {
                ps.setString(1, Secrets.hash(id));
                ps.setString(2, node);
                return ps.executeUpdate();
            }
        });
    }

    /** Marks the session as this node's (its connection is here). */
    void mark(String id) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET node = ? WHERE id_hash = ?")) {
                ps.setString(1, node);
                ps.setString(2, Secrets.hash(id));
                return ps.executeUpdate();
            }
        });
    }

    private Optional<Stored> find(Connection c, String id, boolean countPlaces) throws SQLException {
        Stored found;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + AccountService.accountColumns("a")
                + ", s.front, s.expires_at, s.node FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.id_hash = ?"
                // in a cluster the row stays locked: another node renewing the same id waits, then finds it gone
                + (countPlaces ? " FOR UPDATE OF s" : ""))) {
            ps.setString(1, Secrets.hash(id));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Account account = AccountService.read(rs);
                found = new Stored(account.id(), rs.getString(7), rs.getLong(8), account, rs.getString(9), 0);
            }
        }
        if (!countPlaces) {
            return Optional.of(found);
        }
        int places = lockAndCountPlaces(c, found.accountId());
        return Optional.of(new Stored(found.accountId(), found.front(), found.expiresAtMillis(), found.account(), found.boundTo(), places));
    }

    private int insertRow(Connection c, Session s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sessions (id_hash, account_id, front, created_at, expires_at, node) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, Secrets.hash(s.id()));
            ps.setLong(2, s.accountId());
            ps.setString(3, s.front());
            ps.setLong(4, s.createdAtMillis());
            ps.setLong(5, s.expiresAtMillis());
            ps.setString(6, node);
            return ps.executeUpdate();
        }
    }

    private static boolean delete(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE id_hash = ?")) {
            ps.setString(1, Secrets.hash(id));
            return ps.executeUpdate() > 0;
        }
    }
}
