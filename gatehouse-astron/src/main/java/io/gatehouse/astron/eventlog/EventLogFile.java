package io.gatehouse.astron.eventlog;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The event logger's current file: named by the strftime pattern at the local time it is
 * opened, truncated when opened (as astrond opens it), one line per event, each flushed as it
 * is written. Used on the logger's thread only.
 */
final class EventLogFile implements AutoCloseable {

    private final Path directory;
    private final String pattern;
    private final ZoneId zone;
    private Path path;
    private Writer writer;

    EventLogFile(Path directory, String pattern, ZoneId zone) {
        this.directory = directory;
        this.pattern = pattern;
        this.zone = zone;
    }

    /**
     * Opens the file named for {@code nowMillis} and closes the one before; when the name is
     * the one already open, that file stays open (and is not truncated).
     */
    void open(long nowMillis) throws IOException {
        Path next = directory.resolve(Strftime.format(pattern, ZonedDateTime.ofInstant(Instant.ofEpochMilli(nowMillis), zone)));
        if (next.equals(path)) {
            return;
        }
        Writer opened = Files.newBufferedWriter(next, StandardCharsets.US_ASCII);
        close();
        path = next;
        writer = opened;
    }

    /** Writes {@code line} and its newline, and flushes. */
    void write(String line) throws IOException {
        writer.write(line);
        writer.write('\n');
        writer.flush();
    }

    /** The file being written. */
    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }
}
