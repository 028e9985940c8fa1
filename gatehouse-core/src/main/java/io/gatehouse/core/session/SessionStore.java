package io.gatehouse.core.session;

import io.gatehouse.core.account.Account;
import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;

/** The reconnect sessions table: rows keyed by the SHA-256 of the session id. */
final class SessionStore {

    private final Database db;

    SessionStore(Database db) {
        this.db = db;
    }

    void insert(Connection c, Session s) throws SQLException {
        insertRow(c, s);
    }

    /** A stored session row joined with its account, as of the moment it is read. */
    record Stored(long accountId, String front, long expiresAtMillis, Account account) {
    }

    /** What to do with a stored session presented for renewal. */
    enum Verdict {
        /** Delete it and store its renewal in the same transaction. */
        RENEW,
        /** Delete it: it is spent (expired, or its account may no longer log in). */
        SPEND,
        /** Leave it as it is: it stays valid for a later try. */
        KEEP
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
     * writes in the same transaction. Empty when no row has that id.
     */
    Optional<Judged> replace(String oldId, Function<Stored, Verdict> judge, Function<Stored, Session> renew, WithRenewal also) {
        return db.inTransaction(c -> {
            Optional<Stored> old = find(c, oldId);
            if (old.isEmpty()) {
                return Optional.empty();
            }
            Verdict verdict = judge.apply(old.get());
            if (verdict != Verdict.KEEP) {
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
        return db.inTransaction(c -> {
            Optional<Stored> row = find(c, id);
            if (row.isPresent()) {
                delete(c, id);
            }
            return row.map(Stored::front);
        });
    }

    int purgeExpired(long nowMillis) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE expires_at <= ?")) {
                ps.setLong(1, nowMillis);
                return ps.executeUpdate();
            }
        });
    }

    private static Optional<Stored> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + AccountService.accountColumns("a")
                + ", s.front, s.expires_at FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.id_hash = ?")) {
            ps.setString(1, Secrets.hash(id));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Account account = AccountService.read(rs);
                return Optional.of(new Stored(account.id(), rs.getString(7), rs.getLong(8), account));
            }
        }
    }

    private static int insertRow(Connection c, Session s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sessions (id_hash, account_id, front, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, Secrets.hash(s.id()));
            ps.setLong(2, s.accountId());
            ps.setString(3, s.front());
            ps.setLong(4, s.createdAtMillis());
            ps.setLong(5, s.expiresAtMillis());
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
