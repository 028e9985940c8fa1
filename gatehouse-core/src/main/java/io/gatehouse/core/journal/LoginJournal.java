package io.gatehouse.core.journal;

import io.gatehouse.core.store.Database;
import io.gatehouse.core.store.PendingWrites;
import io.gatehouse.core.store.StoreBusyException;
import io.gatehouse.core.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login journal of a node alone: what a login must keep (a spent token, a new session, its
 * login event) is acknowledged once it is in the journal's file, and becomes rows of the store
 * soon after.
 *
 * <p><b>Writing.</b> Entries appended while a frame is being written wait and go together into
 * the next frame: one {@code write} call for the batch, so a login costs no store transaction
 * before its answer. Each future completes once its frame is in the kernel (with {@code force},
 * on the device), so what was answered survives {@code kill -9}; without {@code force} a power
 * loss may take the last frames, as it may those of the embedded store, which does not force
 * its commits either. At most {@link Bounds#maxQueued} appends wait for the writer and at most
 * {@link Bounds#maxUnapplied} entries wait for the store; past either an append is refused at once
 * with a {@link StoreBusyException}, counted in {@link #refused()}.
 *
 * <p><b>Applying.</b> One thread makes the frames rows of the store, many at a time, every
 * {@value #APPLY_EVERY_MILLIS} ms or sooner when {@value #APPLY_AT} entries wait, recording in
 * the same transaction the last frame applied. A reader of those rows calls
 * {@link #awaitApplied()} first.
 *
 * <p><b>Spent tokens.</b> A spent token is not made a row: the segment it is in is its record,
 * kept until the token expires, and the node's memory refuses it meanwhile. A segment is
 * deleted once its frames are applied and its last token has expired. When the segments so held
 * pass {@link Bounds#maxHeldBytes}, the oldest one's unexpired spends are made rows (one
 * transaction) and it is deleted; {@link #whenApplied} hears those spends. While the
 * store fails, the frames wait (in the file and in memory) and are tried again every second.
 * An entry the store refuses outright (a constraint it breaks, a value a column cannot take) is skipped, logged and counted
 * in {@link #skipped()}, so that it cannot stop every later one.
 *
 * <p><b>Starting.</b> {@link #open} applies the frames that a killed process left unapplied,
 * and makes rows of every unexpired spend the segments hold, before anything else reads the
 * store; a frame cut short by the kill was never acknowledged and is dropped.
 */
public final class LoginJournal implements PendingWrites, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LoginJournal.class);

    /**
     * How much the journal holds at most: appends waiting for the writer, entries written and
     * waiting for the store, and bytes of applied segments kept for the tokens spent in them.
     */
    public record Bounds(int maxQueued, int maxUnapplied, long maxHeldBytes) {

        /**
         * 10,000 appends; 200,000 entries, about ten seconds of logins at the rates measured;
         * 256 MiB held, about four minutes of logins at 5,000 a second.
         */
        public static final Bounds DEFAULT = new Bounds(10_000, 200_000, 256L << 20);

        public Bounds {
            if (maxQueued < 1 || maxUnapplied < 1 || maxHeldBytes < 1) {
                throw new IllegalArgumentException("maxQueued " + maxQueued + ", maxUnapplied " + maxUnapplied
                        + ", maxHeldBytes " + maxHeldBytes + " (each must be at least 1)");
            }
        }

        /** The size of a segment: an eighth of what may be held, so that letting one go frees little at a time; 4 KiB to 8 MiB. */
        long rollBytes() {
            return Math.max(4L << 10, Math.min(8L << 20, maxHeldBytes / 8));
        }
    }
    /** How long written entries wait, at most, before the applier takes them. */
    public static final long APPLY_EVERY_MILLIS = 100;
    /** Entries waiting that wake the applier before its time. */
    static final int APPLY_AT = 4_096;
    /** Appends written in one frame at most. */
    private static final int MAX_FRAME_APPENDS = 1_024;
    /** How long {@link #awaitApplied()} waits for a failing store. */
    private static final long AWAIT_MILLIS = 10_000;
    private static final long RETRY_MILLIS = 1_000;
    /** How long a stop waits, at most, for the spends the journal holds to become rows. */
    private static final long STOP_LET_GO_MILLIS = 10_000;
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private record Append(List<JournalEntry> entries, CompletableFuture<Void> done) {
    }

    private final JournalSegments segments;
    private final JournalApplier applier;
    private final Bounds bounds;
    private final LongSupplier clock;
    private final BlockingQueue<Append> queue;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong warnedAt = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private final Thread writerThread;
    private final Thread applierThread;
    private volatile Consumer<JournalEntry> whenApplied = e -> { };
    private volatile boolean closed;
    /** The writer's next frame number; only the writer thread uses it. */
    private long nextSeq;
    /** When {@link #release} may try again to make held spends rows after a failure ({@link System#nanoTime}); applier thread only. */
    private long letGoAgainAt = System.nanoTime();

    private final Object lock = new Object();
    /** Frames written and not yet applied, oldest first. Guarded by {@link #lock}, as are the fields below. */
    private final ArrayDeque<JournalFrame> unapplied = new ArrayDeque<>();
    private volatile int unappliedEntries;
    private long writtenSeq;
    private long appliedSeq;
    private boolean applyNow;
    private boolean stopping;

    private LoginJournal(JournalSegments segments, JournalApplier applier, long lastSeq, Bounds bounds, LongSupplier clock) {
        this.segments = segments;
        this.applier = applier;
        this.bounds = bounds;
        this.clock = clock;
        this.queue = new LinkedBlockingQueue<>(bounds.maxQueued());
        this.nextSeq = lastSeq + 1;
        this.writtenSeq = lastSeq;
        this.appliedSeq = lastSeq;
        this.writerThread = new Thread(this::write, "gatehouse-journal-write");
        this.applierThread = new Thread(this::applyLoop, "gatehouse-journal-apply");
        writerThread.setDaemon(true);
        applierThread.setDaemon(true);
        writerThread.start();
        applierThread.start();
    }

    /**
     * The journal called {@code name} in {@code dir}, over {@code db}, telling the time (for
     * the tokens' expiry, in epoch milliseconds) by {@code clock}: the frames a previous process
     * left unapplied are applied first and the unexpired spends the segments hold are made rows
     * (a store failure then is thrown: the node must not answer from a store that lacks them),
     * and every segment is deleted once they are.
     */
    public static LoginJournal open(Path dir, Database db, String name, boolean force, Bounds bounds, LongSupplier clock) {
        JournalSegments segments = new JournalSegments(dir, force, bounds.rollBytes());
        JournalApplier applier = new JournalApplier(db, name);
        AtomicLong skipped = new AtomicLong();
        long last = recover(segments, applier, clock.getAsLong(), skipped);
        LoginJournal journal = new LoginJournal(segments, applier, last, bounds, clock);
        journal.skipped.addAndGet(skipped.get());
        return journal;
    }

    /**
     * What {@link #open} does first, for a node that runs without a journal now: the frames and
     * unexpired spends that the journal called {@code name} left in {@code dir} (a run with the
     * journal on, killed or not) become rows, and its files are deleted. Nothing to do when
     * {@code dir} does not exist.
     */
    public static void recover(Path dir, Database db, String name, LongSupplier clock) {
        if (Files.isDirectory(dir)) {
            JournalSegments segments = new JournalSegments(dir, false, Bounds.DEFAULT.rollBytes());
            recover(segments, new JournalApplier(db, name), clock.getAsLong(), new AtomicLong());
        }
    }

    /**
     * Applies the frames past the store's checkpoint and makes rows of the unexpired spends, one
     * segment at a time (so a start holds one segment in memory, not the journal), then deletes
     * every segment; the last sequence number seen.
     */
    private static long recover(JournalSegments segments, JournalApplier applier, long nowMillis, AtomicLong skipped) {
        long applied = applier.appliedSeq();
        long last = applied;
        int frames = 0;
        int todoFrames = 0;
        int spends = 0;
        for (JournalSegments.Segment s : segments.list()) {
            List<JournalFrame> read = segments.read(s);
            List<JournalFrame> todo = new ArrayList<>();
            for (JournalFrame f : read) {
                last = Math.max(last, f.seq());
                if (f.seq() > applied) {
                    todo.add(f);
                }
            }
            applier.applyInChunks(todo, skipped);
            List<JournalEntry.TokenSpent> held = unexpiredSpends(read, nowMillis);
            applier.applySpends(held);
            frames += read.size();
            todoFrames += todo.size();
            spends += held.size();
        }
        segments.dropAll();
        if (frames > 0) {
            log.info("login journal: applied {} frame(s) left by the previous run ({} entr(ies) skipped), and made rows of {} unexpired spent token(s) it held",
                    todoFrames, skipped.get(), spends);
        }
        return last;
    }

    /**
     * Called with each entry once it is a row of the store (the node forgets what it kept in
     * memory for it): a spent token only when the journal lets go of it before it expires.
     */
    public void whenApplied(Consumer<JournalEntry> listener) {
        this.whenApplied = listener;
    }

    /**
     * Writes the entries in the next frame; completes once that frame is written, or at once
     * with a {@link StoreBusyException} when the journal holds as much as it may.
     */
    public CompletableFuture<Void> append(List<JournalEntry> entries) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("login journal closed"));
            return done;
        }
        Append append = new Append(List.copyOf(entries), done);
        if (unappliedEntries >= bounds.maxUnapplied() || !queue.offer(append)) {
            long n = refused.incrementAndGet();
            warn("the login journal is full ({} appends wait, {} entries wait for the store): new logins are refused ({} since the start)",
                    queue.size(), unappliedEntries, n);
            done.completeExceptionally(new StoreBusyException(queue.size()));
        } else if (closed && queue.remove(append)) {
            // closed while it was queued: the writer may have gone, so no one else would answer it
            done.completeExceptionally(new IllegalStateException("login journal closed"));
        }
        return done;
    }

    @Override
    public void awaitApplied() {
        synchronized (lock) {
            long target = writtenSeq;
            if (appliedSeq >= target) {
                return;
            }
            applyNow = true;
            lock.notifyAll();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AWAIT_MILLIS);
            while (appliedSeq < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new StoreException(new SQLTimeoutException("the login journal did not reach the store in " + AWAIT_MILLIS + " ms"));
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreException(new SQLTimeoutException("interrupted waiting for the login journal"));
                }
            }
        }
    }

    /** Appends refused because the journal was full, since the start. */
    public long refused() {
        return refused.get();
    }

    /** Entries the store refused outright and that were skipped, since the start. */
    public long skipped() {
        return skipped.get();
    }

    /** Entries written and not yet in the store. */
    public int unapplied() {
        return unappliedEntries;
    }

    /** Bytes of applied segments kept for the unexpired tokens spent in them. */
    public long heldBytes() {
        synchronized (lock) {
            return segments.heldBytes(appliedSeq);
        }
    }

    /** Segment files on disk now (for tests and the console). */
    int segmentFiles() {
        return segments.count();
    }

    private void write() {
        List<Append> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Append first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_FRAME_APPENDS - 1);
                writeFrame(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void writeFrame(List<Append> batch) {
        List<JournalEntry> entries = new ArrayList<>();
        for (Append a : batch) {
            entries.addAll(a.entries());
        }
        JournalFrame frame = new JournalFrame(nextSeq++, entries);
        long holdsUntil = Long.MIN_VALUE;
        for (JournalEntry e : entries) {
            if (e instanceof JournalEntry.TokenSpent t) {
                holdsUntil = Math.max(holdsUntil, t.expiresAtMillis());
            }
        }
        try {
            segments.append(frame.seq(), JournalCodec.encode(frame), holdsUntil);
        } catch (IOException | RuntimeException e) {
            warn("writing the login journal failed; its logins are answered with an error: {}", e.toString());
            StoreException failed = new StoreException(new SQLException("login journal write failed: " + e.getMessage(), "58030", e));
            for (Append a : batch) {
                a.done().completeExceptionally(failed);
            }
            return;
        }
        synchronized (lock) {
            unapplied.add(frame);
            unappliedEntries += entries.size();
            writtenSeq = frame.seq();
            if (unappliedEntries >= APPLY_AT) {
                lock.notifyAll();
            }
        }
        for (Append a : batch) {
            a.done().complete(null);
        }
    }

    private void applyLoop() {
        while (true) {
            List<JournalFrame> batch = new ArrayList<>();
            boolean last;
            boolean idle;
            synchronized (lock) {
                if (!applyNow && !stopping && unappliedEntries < APPLY_AT) {
                    try {
                        lock.wait(APPLY_EVERY_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                last = stopping;
                idle = unapplied.isEmpty();
                if (idle) {
                    applyNow = false;
                    if (last) {
                        return;
                    }
                }
                int n = 0;
                for (JournalFrame f : unapplied) {
                    if (n > 0 && n + f.entries().size() > JournalApplier.MAX_APPLY_ENTRIES) {
                        break;
                    }
                    batch.add(f);
                    n += f.entries().size();
                }
            }
            if (idle) {
                release();
                continue;
            }
            try {
                applier.applyAll(batch, this::appliedThrough, skipped);
            } catch (RuntimeException e) {
                if (last) {
                    log.warn("login journal: {} frame(s) not applied at stop; the next start applies them", unapplied.size(), e);
                    return;
                }
                warn("login journal: the store failed; {} entries wait and are tried again in a second: {}", unappliedEntries, e.toString());
                synchronized (lock) {
                    try {
                        lock.wait(RETRY_MILLIS);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }

    /** Frames through {@code seq} are rows of the store: forget them, wake the readers waiting for them, let go of the files no longer held. */
    private void appliedThrough(long seq) {
        List<JournalFrame> done = new ArrayList<>();
        synchronized (lock) {
            while (!unapplied.isEmpty() && unapplied.peekFirst().seq() <= seq) {
                JournalFrame f = unapplied.pollFirst();
                unappliedEntries -= f.entries().size();
                done.add(f);
            }
            appliedSeq = Math.max(appliedSeq, seq);
            if (unapplied.isEmpty()) {
                applyNow = false;
            }
            lock.notifyAll();
        }
        Consumer<JournalEntry> listener = whenApplied;
        for (JournalFrame f : done) {
            for (JournalEntry e : f.entries()) {
                if (!(e instanceof JournalEntry.TokenSpent)) {
                    listener.accept(e);
                }
            }
        }
        release();
    }

    /**
     * Deletes the applied segments whose spent tokens have all expired; then, while the applied
     * segments held pass {@link Bounds#maxHeldBytes}, makes the oldest one's unexpired spends
     * rows and deletes it. A store failure leaves the rest for the next round. Applier thread only.
     */
    private void release() {
        long now = clock.getAsLong();
        long applied;
        synchronized (lock) {
            applied = appliedSeq;
        }
        segments.dropReleased(applied, now);
        while (System.nanoTime() - letGoAgainAt >= 0 && segments.heldBytes(applied) > bounds.maxHeldBytes()) {
            JournalSegments.Segment oldest = segments.oldestHeld(applied);
            if (oldest == null) {
                return;
            }
            List<JournalEntry.TokenSpent> spends;
            try {
                spends = unexpiredSpends(segments.read(oldest), now);
                applier.applySpends(spends);
            } catch (RuntimeException e) {
                letGoAgainAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS);
                warn("login journal: the spent tokens it holds pass {} bytes and could not be made rows; tried again in a second: {}",
                        bounds.maxHeldBytes(), e.toString());
                return;
            }
            Consumer<JournalEntry> listener = whenApplied;
            spends.forEach(listener);
            segments.drop(oldest);
        }
    }

    private static List<JournalEntry.TokenSpent> unexpiredSpends(List<JournalFrame> frames, long nowMillis) {
        List<JournalEntry.TokenSpent> spends = new ArrayList<>();
        for (JournalFrame f : frames) {
            for (JournalEntry e : f.entries()) {
                if (e instanceof JournalEntry.TokenSpent t && t.expiresAtMillis() > nowMillis) {
                    spends.add(t);
                }
            }
        }
        return spends;
    }

    private void warn(String format, Object... args) {
        long now = System.nanoTime();
        long last = warnedAt.get();
        if (now - last >= WARN_EVERY_NANOS && warnedAt.compareAndSet(last, now)) {
            log.warn(format, args);
        }
    }

    /**
     * Writes what waits, applies everything written, makes rows of the unexpired spends the
     * segments hold (for {@value #STOP_LET_GO_MILLIS} ms at most) and deletes them, and stops;
     * what the store does not take by then, the next start applies.
     */
    @Override
    public void close() {
        closed = true;
        try {
            writerThread.join(5_000);
            for (Append left; (left = queue.poll()) != null; ) {
                left.done().completeExceptionally(new IllegalStateException("login journal closed"));
            }
            synchronized (lock) {
                stopping = true;
                lock.notifyAll();
            }
            applierThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            segments.close();
        } catch (IOException e) {
            log.warn("closing the login journal failed", e);
        }
        synchronized (lock) {
            if (!unapplied.isEmpty() || writerThread.isAlive() || applierThread.isAlive()) {
                // a frame may still be on its way: the files stay, and the next start applies them
                return;
            }
        }
        Thread letGo = new Thread(this::letGoOfAllAtStop, "gatehouse-journal-stop");
        letGo.setDaemon(true);
        letGo.start();
        try {
            letGo.join(STOP_LET_GO_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (letGo.isAlive()) {
            log.warn("login journal: the spent tokens it holds were not rows of the store within {} ms of the stop; the next start makes them rows",
                    STOP_LET_GO_MILLIS);
        }
    }

    /** Makes rows of the unexpired spends every segment holds, then deletes them all; on a store failure the files stay. */
    private void letGoOfAllAtStop() {
        try {
            long now = clock.getAsLong();
            for (JournalSegments.Segment s : segments.list()) {
                applier.applySpends(unexpiredSpends(segments.read(s), now));
            }
            segments.dropAll();
        } catch (RuntimeException e) {
            log.warn("login journal: the spent tokens it holds could not be made rows at stop; the next start makes them rows", e);
        }
    }
}
