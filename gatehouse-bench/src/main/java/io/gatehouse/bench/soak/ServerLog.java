package io.gatehouse.bench.soak;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server process writes (its log goes to standard output): bytes and lines in all,
 * log events by level, stack-trace lines, and the most frequent WARN and ERROR messages
 * (numbers and addresses blanked out, so that one message counts once). The first
 * {@code keepBytes} are copied to a file for reading later; the rest is only counted.
 */
final class ServerLog implements Consumer<String>, AutoCloseable {

    /** {@code HH:mm:ss.SSS LEVEL [thread] logger - message}, the server's logback pattern. */
    private static final Pattern EVENT = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO|WARN|ERROR) +\\[[^\\]]*] (\\S+) - (.*)$");
    private static final Pattern VARIABLE = Pattern.compile("\\d+|[0-9a-f]{8,}|/[0-9.:]+");
    private static final int MAX_PATTERNS = 200;
    private static final int PATTERN_CHARS = 120;

    /** A reading of the counters at one moment. */
    record Mark(long bytes, long lines, Map<String, Long> events, long stackTraceLines) {
    }

    private final BufferedWriter copy;
    private final long keepBytes;
    private boolean closed;
    private long bytes;
    private long lines;
    private long stackTraceLines;
    private final Map<String, Long> events = new TreeMap<>();
    private final Map<String, Long> complaints = new LinkedHashMap<>();

    ServerLog(Path copyTo, long keepBytes) throws IOException {
        Files.createDirectories(copyTo.getParent());
        this.copy = Files.newBufferedWriter(copyTo, StandardCharsets.UTF_8);
        this.keepBytes = keepBytes;
    }

    @Override
    public synchronized void accept(String line) {
        long size = line.getBytes(StandardCharsets.UTF_8).length + 1;
        if (!closed && bytes + size <= keepBytes) {
            try {
                copy.write(line);
                copy.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        bytes += size;
        lines++;
        Matcher m = EVENT.matcher(line);
        if (m.matches()) {
            events.merge(m.group(1), 1L, Long::sum);
            if (m.group(1).equals("WARN") || m.group(1).equals("ERROR")) {
                String message = VARIABLE.matcher(m.group(3)).replaceAll("#");
                String key = m.group(1) + " " + m.group(2) + " - " + message.substring(0, Math.min(PATTERN_CHARS, message.length()));
                if (complaints.containsKey(key) || complaints.size() < MAX_PATTERNS) {
                    complaints.merge(key, 1L, Long::sum);
                } else {
                    complaints.merge("(other WARN/ERROR messages)", 1L, Long::sum);
                }
            }
        } else if (line.startsWith("\t") || line.startsWith("Caused by") || line.startsWith("\tat ")) {
            stackTraceLines++;
        }
    }

    synchronized Mark mark() {
        return new Mark(bytes, lines, Map.copyOf(events), stackTraceLines);
    }

    /** The {@code n} most frequent WARN and ERROR messages since the process started, with their counts. */
    synchronized Map<String, Long> topComplaints(int n) {
        Map<String, Long> top = new LinkedHashMap<>();
        complaints.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        copy.close();
    }
}
