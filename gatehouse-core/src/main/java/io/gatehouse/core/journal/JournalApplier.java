package io.gatehouse.core.journal;

import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.account.LoginEvent;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes journal entries rows of the store, together with how far the journal is applied, in
 * one transaction: a frame's rows are in the store exactly when its sequence number is at or
 * below the stored one, so a restart applies each frame once. A spent token is not one of those
 * rows: the journal holds it until the token expires, and only a spend it lets go of sooner
 * ({@link #applySpends}) becomes one. An entry the store refuses outright is skipped
 * ({@link #applyAll}), so that it cannot hold back every later one.
 */
final class JournalApplier {

    /** Entries applied in one store transaction at most. */
    static final int MAX_APPLY_ENTRIES = 30_000;
    private static final Logger log = LoggerFactory.getLogger(JournalApplier.class);
    /** Skipped entries logged one by one, at most, in a process's life; the meter counts them all. */
    private static final long LOGGED_SKIPS = 20;

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
     * written twice is written once), in transactions of at most {@link #MAX_APPLY_ENTRIES}.
     */
    void applySpends(List<JournalEntry.TokenSpent> spends) {
        for (int from = 0; from < spends.size(); from += MAX_APPLY_ENTRIES) {
            applySpendsAtOnce(spends.subList(from, Math.min(spends.size(), from + MAX_APPLY_ENTRIES)));
        }
    }

    private void applySpendsAtOnce(List<JournalEntry.TokenSpent> spent) {
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

    /**
     * Applies the frames, all in one transaction when the store takes them, else frame by frame
     * and, within a frame it refuses, entry by entry, skipping the entries it refuses; {@code through}
     * hears each sequence number that is applied. A failure of the store itself (not a refusal)
     * is thrown, what was applied before it having been heard.
     */
    void applyAll(List<JournalFrame> frames, LongConsumer through, AtomicLong skipped) {
        try {
            apply(frames);
            through.accept(frames.get(frames.size() - 1).seq());
            return;
        } catch (StoreException e) {
            rethrowUnlessRefused(e);
        }
        for (JournalFrame f : frames) {
            try {
                apply(List.of(f));
                through.accept(f.seq());
                continue;
            } catch (StoreException e) {
                rethrowUnlessRefused(e);
            }
            for (JournalEntry entry : f.entries()) {
                try {
                    applyEntry(entry);
                } catch (StoreException e) {
                    rethrowUnlessRefused(e);
                    long n = skipped.incrementAndGet();
                    if (n <= LOGGED_SKIPS) {
                        log.warn("login journal: the store refuses an entry, which is skipped{}: {} ({})",
                                n == LOGGED_SKIPS ? " (the last one logged; gatehouse_journal_skipped_total counts the rest)" : "",
                                entry, e.getMessage());
                    }
                }
            }
            skipTo(f.seq());
            through.accept(f.seq());
        }
    }

    /**
     * Throws {@code e} unless the store refused the write for what it holds: SQLState class 23
     * (a broken constraint) or 22 (a value the column cannot take). Such an entry would be
     * refused on every try, so it is skipped; anything else is the store failing, tried again.
     */
    private static void rethrowUnlessRefused(StoreException e) {
        for (Throwable t = e.getCause(); t != null; t = t instanceof SQLException s && s.getNextException() != null ? s.getNextException() : t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && (s.getSQLState().startsWith("23") || s.getSQLState().startsWith("22"))) {
                return;
            }
        }
        throw e;
    }

    /** {@link #applyAll} in transactions of at most {@link #MAX_APPLY_ENTRIES} entries (a frame is never split). */
    void applyInChunks(List<JournalFrame> frames, AtomicLong skipped) {
        for (List<JournalFrame> chunk : chunks(frames)) {
            applyAll(chunk, seq -> { }, skipped);
        }
    }

    private static List<List<JournalFrame>> chunks(List<JournalFrame> frames) {
        List<List<JournalFrame>> chunks = new ArrayList<>();
        List<JournalFrame> chunk = new ArrayList<>();
        int n = 0;
        for (JournalFrame f : frames) {
            if (!chunk.isEmpty() && n + f.entries().size() > MAX_APPLY_ENTRIES) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                n = 0;
            }
            chunk.add(f);
            n += f.entries().size();
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
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
