package io.gatehouse.core.account;

import io.gatehouse.core.store.Counts;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.time.Scheduler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An account's characters on one front, each with the front's serialized state of it. Names
 * are unique per front; every call is one transaction, committed before it returns, except
 * {@link #list(Connection, long)}, which reads in the caller's.
 */
public final class CharacterStore {

    private final Database db;
    private final Scheduler clock;
    private final String front;

    public CharacterStore(Database db, Scheduler clock, String front) {
        this.db = db;
        this.clock = clock;
        this.front = front;
    }

    /** A stored character: its name and the front's bytes for it. */
    public record StoredCharacter(String name, byte[] data) {
    }

    /** Adds a character; false when the name is taken on this front. */
    public boolean create(long accountId, String name, byte[] data) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM characters WHERE front = ? AND name = ?")) {
                ps.setString(1, front);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO characters (front, name, account_id, data, created_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, front);
                ps.setString(2, name);
                ps.setLong(3, accountId);
                ps.setBytes(4, data);
                ps.setLong(5, clock.nowMillis());
                ps.executeUpdate();
            }
            return true;
        });
    }

    /** How many characters the account has made on this front after {@code sinceMillis}. */
    public int createdSince(long accountId, long sinceMillis) {
        return db.inTransaction(c -> Counts.count(c,
                "SELECT count(*) FROM characters WHERE front = ? AND account_id = ? AND created_at > ?", front, accountId, sinceMillis));
    }

    /** The account's characters, oldest first. */
    public List<StoredCharacter> list(long accountId) {
        return db.inTransaction(c -> list(c, accountId));
    }

    /** {@link #list(long)} inside the caller's transaction (a login's one read, say). */
    public List<StoredCharacter> list(Connection c, long accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, data FROM characters WHERE front = ? AND account_id = ? ORDER BY created_at, name")) {
            ps.setString(1, front);
            ps.setLong(2, accountId);
            List<StoredCharacter> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredCharacter(rs.getString(1), rs.getBytes(2)));
                }
            }
            return out;
        }
    }

    /** The account's character of that name; empty when the account has none so named. */
    public Optional<StoredCharacter> find(long accountId, String name) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, data FROM characters WHERE front = ? AND account_id = ? AND name = ?")) {
                ps.setString(1, front);
                ps.setLong(2, accountId);
                ps.setString(3, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new StoredCharacter(rs.getString(1), rs.getBytes(2))) : Optional.empty();
                }
            }
        });
    }

    /** Replaces a character's state; false when the account has no character of that name. */
    public boolean save(long accountId, String name, byte[] data) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE characters SET data = ? WHERE front = ? AND account_id = ? AND name = ?")) {
                ps.setBytes(1, data);
                ps.setString(2, front);
                ps.setLong(3, accountId);
                ps.setString(4, name);
                return ps.executeUpdate() > 0;
            }
        });
    }
}
