package io.gatehouse.core.account;

import io.gatehouse.core.store.Counts;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.time.Scheduler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * What one front made (accounts, characters) from which address and when, so that it can cap
 * how many an address makes in a while. Every call is one transaction, committed before it
 * returns. {@link #recordWithin} checks and records in one step, so clients racing from one
 * address cannot pass the limit together (on this node: the step is serialized on the log).
 */
public final class CreationLog {

    /** What was made. */
    public enum Kind {
        ACCOUNT, CHARACTER;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Database db;
    private final Scheduler clock;
    private final String front;

    public CreationLog(Database db, Scheduler clock, String front) {
        this.db = db;
        this.clock = clock;
        this.front = front;
    }

    /** Records that {@code name} was made from {@code address} now; returns the record's id. */
    public long record(Kind kind, String address, String name) {
        return db.inTransaction(c -> insert(c, kind, address, name));
    }

    /**
     * Records that {@code name} is being made from {@code address} now, unless {@code limit}
     * of {@code kind} were already recorded from it after {@code sinceMillis}. Returns the
     * record's id, to {@link #withdraw} should the making fail; empty when the limit is reached.
     */
    public synchronized OptionalLong recordWithin(Kind kind, String address, String name, int limit, long sinceMillis) {
        return db.inTransaction(c -> count(c, kind, address, sinceMillis) >= limit
                ? OptionalLong.empty()
                : OptionalLong.of(insert(c, kind, address, name)));
    }

    /** Takes back a record whose making did not happen. */
    public void withdraw(long id) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM creations WHERE id = ? AND front = ?")) {
                ps.setLong(1, id);
                ps.setString(2, front);
                return ps.executeUpdate();
            }
        });
    }

    private long insert(Connection c, Kind kind, String address, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO creations (kind, front, address, name, occurred_at) VALUES (?, ?, ?, ?, ?)", new String[] {"id"})) {
            ps.setString(1, kind.tag());
            ps.setString(2, front);
            ps.setString(3, AccountService.truncate(address, 128));
            ps.setString(4, AccountService.truncate(name, 64));
            ps.setLong(5, clock.nowMillis());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** How many of {@code kind} were made from {@code address} after {@code sinceMillis}. */
    public int countSince(Kind kind, String address, long sinceMillis) {
        return db.inTransaction(c -> count(c, kind, address, sinceMillis));
    }

    private int count(Connection c, Kind kind, String address, long sinceMillis) throws SQLException {
        return Counts.count(c, "SELECT count(*) FROM creations WHERE kind = ? AND front = ? AND address = ? AND occurred_at > ?",
                kind.tag(), front, AccountService.truncate(address, 128), sinceMillis);
    }
}
