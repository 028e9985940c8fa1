package io.gatehouse.core.account;

import io.gatehouse.core.store.Counts;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.time.Scheduler;
import java.sql.PreparedStatement;
import java.util.Locale;

/**
 * What one front made (accounts, characters) from which address and when, so that it can cap
 * how many an address makes in a while. Every call is one transaction, committed before it
 * returns.
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

    /** Records that {@code name} was made from {@code address} now. */
    public void record(Kind kind, String address, String name) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO creations (kind, front, address, name, occurred_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, kind.tag());
                ps.setString(2, front);
                ps.setString(3, AccountService.truncate(address, 128));
                ps.setString(4, AccountService.truncate(name, 64));
                ps.setLong(5, clock.nowMillis());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** How many of {@code kind} were made from {@code address} after {@code sinceMillis}. */
    public int countSince(Kind kind, String address, long sinceMillis) {
        return db.inTransaction(c -> Counts.count(c,
                "SELECT count(*) FROM creations WHERE kind = ? AND front = ? AND address = ? AND occurred_at > ?",
                kind.tag(), front, AccountService.truncate(address, 128), sinceMillis));
    }
}
