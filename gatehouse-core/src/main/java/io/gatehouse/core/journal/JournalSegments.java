package io.gatehouse.core.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's files in one folder: segments named after the sequence number of their first
 * frame, appended to by one writer, the newest one open; a new segment starts once the open
 * one holds the roll size. A closed segment is deleted once every frame in it is in the store
 * and every token spent in it has expired (until then it is the record of those spends), or
 * sooner when its spends are made rows to keep the held bytes under their bound. Not
 * thread-safe beyond that one writer and one deleter, which synchronize on the list.
 */
final class JournalSegments implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JournalSegments.class);
    private static final Pattern NAME = Pattern.compile("logins-(\\d{19})\\.journal");

    /** One file: its first frame, and once written to, its last frame, its size and when its last spent token expires. */
    static final class Segment {
        private final long firstSeq;
        private final Path path;
        private long lastSeq;
        private long bytes;
        private long holdsUntilMillis = Long.MIN_VALUE;

        private Segment(long firstSeq, Path path) {
            this.firstSeq = firstSeq;
            this.lastSeq = firstSeq - 1;
            this.path = path;
        }
    }

    private final Path dir;
    private final boolean force;
    private final long rollBytes;
    /** Every segment on disk, oldest first; the last is the open one once a frame has been appended. Guarded by itself. */
    private final List<Segment> segments = new ArrayList<>();
    private FileChannel open;
    private long openBytes;

    /**
     * The segments in {@code dir} (made if missing); with {@code force}, every append is forced
     * to the device; a segment holding {@code rollBytes} or more is closed and the next frame
     * starts a new one.
     */
    JournalSegments(Path dir, boolean force, long rollBytes) {
        this.dir = dir;
        this.force = force;
        this.rollBytes = rollBytes;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(p -> {
                    Matcher m = NAME.matcher(p.getFileName().toString());
                    if (!m.matches()) {
                        return;
                    }
                    try {
                        segments.add(new Segment(Long.parseLong(m.group(1)), p));
                    } catch (NumberFormatException e) {
                        log.warn("login journal: {} is not a segment's name (its number is too large) and is left alone", p.getFileName());
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the login journal in " + dir, e);
        }
        segments.sort((a, b) -> Long.compare(a.firstSeq, b.firstSeq));
    }

    /** Every segment, oldest first. */
    List<Segment> list() {
        synchronized (segments) {
            return List.copyOf(segments);
        }
    }

    /**
     * The whole frames of one segment. The newest segment's damaged or cut-short tail is cut
     * off (the process died inside that write, which was therefore never acknowledged). An
     * older segment was whole once its writer moved on, so bytes there that do not read are
     * damage: it is kept beside the journal as {@code .damaged} (never read or deleted again)
     * and logged as an error, and the frames before the damage are returned.
     */
    List<JournalFrame> read(Segment s) {
        try {
            byte[] bytes = Files.readAllBytes(s.path);
            JournalCodec.Decoded d = JournalCodec.decode(ByteBuffer.wrap(bytes));
            if (d.wholeBytes() < bytes.length) {
                boolean newest;
                synchronized (segments) {
                    newest = !segments.isEmpty() && segments.get(segments.size() - 1) == s;
                }
                if (newest) {
                    log.warn("login journal {}: {} bytes after the last whole frame cut off (a write the process died in)",
                            s.path.getFileName(), bytes.length - d.wholeBytes());
                    try (FileChannel ch = FileChannel.open(s.path, StandardOpenOption.WRITE)) {
                        ch.truncate(d.wholeBytes());
                    }
                } else {
                    keepDamaged(s, bytes.length - d.wholeBytes());
                }
            }
            return d.frames();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the login journal segment " + s.path, e);
        }
    }

    /**
     * Appends one frame's bytes with as few writes as the kernel takes (one, nearly always). A
     * write that fails (a full disk) is cut back off the open segment, so the next frame follows
     * the last whole one there; only when that fails too does the next frame start a new segment.
     */
    void append(long seq, byte[] frame, long holdsUntilMillis) throws IOException {
        if (open == null || openBytes >= rollBytes) {
            roll(seq);
        }
        long before = openBytes;
        try {
            ByteBuffer b = ByteBuffer.wrap(frame);
            while (b.hasRemaining()) {
                openBytes += open.write(b);
            }
            if (force) {
                open.force(false);
            }
            synchronized (segments) {
                Segment last = segments.get(segments.size() - 1);
                last.lastSeq = seq;
                last.bytes = openBytes;
                last.holdsUntilMillis = Math.max(last.holdsUntilMillis, holdsUntilMillis);
            }
        } catch (IOException | RuntimeException e) {
            try {
                open.truncate(before);
                openBytes = before;
            } catch (IOException | RuntimeException cannot) {
                e.addSuppressed(cannot);
                abandonOpen();
            }
            throw e;
        }
    }

    /**
     * Deletes the closed segments all of whose frames have a sequence number of {@code appliedSeq}
     * or less and whose spent tokens have all expired by {@code nowMillis}; never the open one.
     */
    void dropReleased(long appliedSeq, long nowMillis) {
        List<Segment> gone = new ArrayList<>();
        synchronized (segments) {
            for (int i = 0; i < segments.size() - 1; i++) {
                Segment s = segments.get(i);
                if (s.lastSeq <= appliedSeq && s.holdsUntilMillis <= nowMillis) {
                    gone.add(segments.remove(i--));
                }
            }
        }
        delete(gone);
    }

    /** The bytes of the closed segments all of whose frames have a sequence number of {@code appliedSeq} or less: what is held only for its spends. */
    long heldBytes(long appliedSeq) {
        long held = 0;
        synchronized (segments) {
            for (int i = 0; i < segments.size() - 1; i++) {
                Segment s = segments.get(i);
                if (s.lastSeq <= appliedSeq) {
                    held += s.bytes;
                }
            }
        }
        return held;
    }

    /** The oldest closed segment all of whose frames have a sequence number of {@code appliedSeq} or less, or null. */
    Segment oldestHeld(long appliedSeq) {
        synchronized (segments) {
            for (int i = 0; i < segments.size() - 1; i++) {
                if (segments.get(i).lastSeq <= appliedSeq) {
                    return segments.get(i);
                }
            }
        }
        return null;
    }

    /** Deletes one segment (whose spends were made rows). */
    void drop(Segment s) {
        synchronized (segments) {
            if (!segments.remove(s)) {
                return;
            }
        }
        delete(List.of(s));
    }

    /** Deletes every segment: before the first append, once what was recovered is in the store. */
    void dropAll() {
        List<Segment> gone;
        synchronized (segments) {
            gone = List.copyOf(segments);
            segments.clear();
        }
        delete(gone);
    }

    private static void delete(List<Segment> gone) {
        for (Segment s : gone) {
            try {
                Files.deleteIfExists(s.path);
            } catch (IOException e) {
                log.warn("cannot delete the applied login journal segment {}", s.path, e);
            }
        }
    }

    private void keepDamaged(Segment s, int unreadable) throws IOException {
        Path kept = s.path.resolveSibling(s.path.getFileName() + ".damaged");
        Files.copy(s.path, kept, StandardCopyOption.REPLACE_EXISTING);
        log.error("login journal {}: {} bytes after its last readable frame do not read, in a segment that was whole when it was written;"
                + " the logins and spent tokens in them are lost to this node. The file is kept as {}", s.path.getFileName(), unreadable,
                kept.getFileName());
    }

    /** How many segment files there are now. */
    int count() {
        synchronized (segments) {
            return segments.size();
        }
    }

    /** Closes the open segment after a failed write whose tail could not be cut back: the next frame starts a new one. */
    private void abandonOpen() {
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                log.debug("closing a login journal segment after a failed write", e);
            }
            open = null;
        }
    }

    private void roll(long seq) throws IOException {
        if (open != null) {
            open.close();
        }
        Path p = dir.resolve(String.format("logins-%019d.journal", seq));
        open = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        openBytes = open.size();
        Segment s = new Segment(seq, p);
        s.bytes = openBytes;
        synchronized (segments) {
            segments.add(s);
        }
        if (force) {
            // the new file's name must outlive a power loss as well as the frames written in it
            try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
                folder.force(true);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (open != null) {
            open.close();
        }
    }
}
