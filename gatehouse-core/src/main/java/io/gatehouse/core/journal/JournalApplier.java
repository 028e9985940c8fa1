package io.gatehouse.core.journal;

import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.account.LoginEvent;
import io.gatehouse.core.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes journal entries rows of the store, together with how far the journal is applied, in
 * one transaction: a frame's rows are in the store exactly when its sequence number is at or
 * below the stored one, so a restart applies each frame once. A spent token is not one of those
 * rows: the journal holds it until the token expires, and only a spend it lets go of sooner
 * ({@link #applySpends}) becomes one.
 */
final class JournalApplier {

    private final Database db;
    private final String name;

    /** Applies the journal called {@code name} (one per node) to {@code db}. */
    JournalApplier(Database db, String name) {
        this.db = db;
        this.name = name;
    }

    /** The sequence number of the last frame applied, 0 when none was. */
    long appliedSeq() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM journal_applied WHERE journal = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /** Applies the frames' entries but their spent tokens, and records the last frame's number, in one transaction. */
    void apply(List<JournalFrame> frames) {
        List<JournalEntry> entries = new ArrayList<>();
        for (JournalFrame f : frames) {
            entries.addAll(f.entries());
        }
        long through = frames.get(frames.size() - 1).seq();
        db.inTransaction(c -> {
            write(c, entries);
            checkpoint(c, through);
            return null;
        });
    }

    /**
     * Applies one entry of a frame the store refused whole, without recording anything as
     * applied: until {@link #skipTo} records its frame, a restart applies the whole frame again
     * (its other entries refused as duplicates, or written twice for a login event).
     */
    void applyEntry(JournalEntry entry) {
        db.inTransaction(c -> {
            write(c, List.of(entry));
            return null;
        });
    }

    /** Records {@code seq} as applied without writing any entry (those of a frame that could not be written were skipped). */
    void skipTo(long seq) {
        db.inTransaction(c -> {
            checkpoint(c, seq);
            return null;
        });
    }

    /**
     * Makes the spends rows of the store ({@code used_at} set where it is still empty, so a spend
     * written twice is written once), in one transaction.
     */
    void applySpends(List<JournalEntry.TokenSpent> spent) {
        if (spent.isEmpty()) {
            return;
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE auth_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL")) {
                for (JournalEntry.TokenSpent t : spent) {
                    ps.setLong(1, t.atMillis());
                    ps.setString(2, t.tokenHash());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private static void write(Connection c, List<JournalEntry> entries) throws SQLException {
        List<JournalEntry.SessionOpened> opened = new ArrayList<>();
        List<LoginEvent> events = new ArrayList<>();
        for (JournalEntry e : entries) {
            if (e instanceof JournalEntry.SessionOpened s) {
                opened.add(s);
            } else if (e instanceof JournalEntry.LoginRecorded r) {
                events.add(r.event());
            }
        }
        if (!opened.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sessions (id_hash, account_id, front, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                for (JournalEntry.SessionOpened s : opened) {
                    ps.setString(1, s.idHash());
                    ps.setLong(2, s.accountId());
                    ps.setString(3, s.front());
                    ps.setLong(4, s.createdAtMillis());
                    ps.setLong(5, s.expiresAtMillis());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!events.isEmpty()) {
            AccountService.insertEvents(c, events);
        }
    }

    private void checkpoint(Connection c, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE journal_applied SET seq = ? WHERE journal = ?")) {
            ps.setLong(1, seq);
            ps.setString(2, name);
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO journal_applied (journal, seq) VALUES (?, ?)")) {
            ps.setString(1, name);
            ps.setLong(2, seq);
            ps.executeUpdate();
        }
    }
}
