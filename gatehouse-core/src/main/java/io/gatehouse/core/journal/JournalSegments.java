package io.gatehouse.core.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * one holds {@link #ROLL_BYTES}. A segment is deleted once every frame in it is in the store.
 * Not thread-safe beyond that one writer and one deleter, which synchronize on the list.
 */
final class JournalSegments implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JournalSegments.class);
    private static final Pattern NAME = Pattern.compile("logins-(\\d{19})\\.journal");
    /** A segment's size past which the next frame starts a new one. */
    static final long ROLL_BYTES = 8L << 20;

    private record Segment(long firstSeq, Path path) {
    }

    private final Path dir;
    private final boolean force;
    /** Every segment on disk, oldest first; the last is the open one once a frame has been appended. Guarded by itself. */
    private final List<Segment> segments = new ArrayList<>();
    private FileChannel open;
    private long openBytes;

    /** The segments in {@code dir} (made if missing); with {@code force}, every append is forced to the device. */
    JournalSegments(Path dir, boolean force) {
        this.dir = dir;
        this.force = force;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(p -> {
                    Matcher m = NAME.matcher(p.getFileName().toString());
                    if (m.matches()) {
                        segments.add(new Segment(Long.parseLong(m.group(1)), p));
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the login journal in " + dir, e);
        }
        segments.sort((a, b) -> Long.compare(a.firstSeq(), b.firstSeq()));
    }

    /**
     * Every whole frame on disk, oldest first. A segment's damaged or cut-short tail is cut off
     * (the process died inside that write, which was therefore never acknowledged).
     */
    List<JournalFrame> readAll() {
        List<JournalFrame> frames = new ArrayList<>();
        for (Segment s : List.copyOf(segments)) {
            try {
                byte[] bytes = Files.readAllBytes(s.path());
                JournalCodec.Decoded d = JournalCodec.decode(ByteBuffer.wrap(bytes));
                frames.addAll(d.frames());
                if (d.wholeBytes() < bytes.length) {
                    log.warn("login journal {}: {} bytes after the last whole frame cut off (a write the process died in)",
                            s.path().getFileName(), bytes.length - d.wholeBytes());
                    try (FileChannel ch = FileChannel.open(s.path(), StandardOpenOption.WRITE)) {
                        ch.truncate(d.wholeBytes());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the login journal segment " + s.path(), e);
            }
        }
        return frames;
    }

    /**
     * Appends one frame's bytes with as few writes as the kernel takes (one, nearly always). A
     * write that fails (a full disk) is cut back off the open segment, so the next frame follows
     * the last whole one there; only when that fails too does the next frame start a new segment.
     */
    void append(long seq, byte[] frame) throws IOException {
        if (open == null || openBytes >= ROLL_BYTES) {
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

    /** Deletes the segments all of whose frames have a sequence number of {@code appliedSeq} or less, but never the open one. */
    void dropThrough(long appliedSeq) {
        List<Segment> gone = new ArrayList<>();
        synchronized (segments) {
            while (segments.size() > 1 && segments.get(1).firstSeq() <= appliedSeq + 1) {
                gone.add(segments.remove(0));
            }
        }
        delete(gone);
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
                Files.deleteIfExists(s.path());
            } catch (IOException e) {
                log.warn("cannot delete the applied login journal segment {}", s.path(), e);
            }
        }
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
        if (force) {
            // the new file's name must outlive a power loss as well as the frames written in it
            try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
                folder.force(true);
            }
        }
        synchronized (segments) {
            segments.add(new Segment(seq, p));
        }
    }

    @Override
    public void close() throws IOException {
        if (open != null) {
            open.close();
        }
    }
}
