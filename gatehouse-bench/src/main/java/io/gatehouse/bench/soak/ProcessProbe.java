package io.gatehouse.bench.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Measures another JVM process from outside: heap in use after a full GC through
 * {@code jcmd PID GC.run} then {@code GC.heap_info} (G1's "garbage-first heap total …K,
 * used …K" line), idle pool threads from {@code jcmd PID Thread.print}, and RSS, threads and
 * open descriptors from {@code /proc/PID}.
 */
final class ProcessProbe {

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final Pattern NMT_CATEGORY = Pattern.compile("(?m)^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)");
    private static final long JCMD_SECONDS = 60;

    private final long pid;
    private final String jcmd;

    ProcessProbe(long pid) {
        this.pid = pid;
        Path beside = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        this.jcmd = Files.isExecutable(beside) ? beside.toString() : "jcmd";
    }

    /** A full measurement, {@code seconds} into the run; the full GC happens first so that the other values follow it. */
    Sample sample(double seconds) throws IOException, InterruptedException {
        long heap = heapAfterFullGc();
        int idlePoolThreads = threads().idlePoolThreads();
        String status = Files.readString(Path.of("/proc", String.valueOf(pid), "status"));
        return new Sample(seconds, heap, statusField(status, "VmRSS") * 1024, descriptors(), statusField(status, "Threads"),
                idlePoolThreads);
    }

    /** The process's threads by name, and its idle threads of self-shrinking pools ({@link ThreadDump}). */
    ThreadDump.Counts threads() throws IOException, InterruptedException {
        return ThreadDump.parse(jcmd("Thread.print"));
    }

    /**
     * Committed native memory by the JVM's own categories (Java Heap, Class, Thread, Code, GC,
     * Internal, Other: direct buffers...), in bytes, from {@code jcmd PID VM.native_memory
     * summary}; empty when the process runs without {@code -XX:NativeMemoryTracking}.
     */
    Map<String, Long> nativeMemory() throws IOException, InterruptedException {
        Map<String, Long> out = new LinkedHashMap<>();
        Matcher m = NMT_CATEGORY.matcher(jcmd("VM.native_memory summary"));
        while (m.find()) {
            out.put(m.group(1).trim(), Long.parseLong(m.group(2)) * 1024);
        }
        return out;
    }

    private long heapAfterFullGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher m = HEAP_USED.matcher(info);
        if (!m.find()) {
            throw new IOException("no heap line in jcmd GC.heap_info of " + pid + ": " + info);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jcmd, String.valueOf(pid), command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(JCMD_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + command + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private long descriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return fds.count();
        }
    }

    /** The number of a {@code /proc/PID/status} line such as {@code VmRSS:   123456 kB}. */
    static long statusField(String status, String name) throws IOException {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).replaceAll("\\D", ""));
            }
        }
        throw new IOException("no " + name + " in /proc status");
    }
}
