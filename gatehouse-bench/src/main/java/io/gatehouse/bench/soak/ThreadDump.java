package io.gatehouse.bench.soak;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code jcmd PID Thread.print} dump read into thread counts by name (numbers blanked out),
 * and the number of idle threads of the pools that grow with load and shrink by themselves:
 * Jetty's HTTP worker pool (bounded; parked waiting for a job, or reserved), the common
 * ForkJoinPool (bounded by the cores; parked waiting for work) and the JIT's compiler threads
 * (added and removed by the JVM). Those are not leaks, however many a burst left behind.
 */
final class ThreadDump {

    private static final Pattern HEADER = Pattern.compile("^\"(.*)\" ");
    private static final Pattern COMPILER = Pattern.compile("^C[12] CompilerThread\\d+$");

    /** Threads by name, and how many of them are idle threads of self-shrinking pools. */
    record Counts(Map<String, Integer> byName, int idlePoolThreads) {
    }

    private ThreadDump() {
    }

    static Counts parse(String dump) {
        Map<String, Integer> byName = new TreeMap<>();
        int idle = 0;
        String name = null;
        StringBuilder frames = new StringBuilder();
        for (String line : (dump + "\n\"\" \n").split("\n")) {
            Matcher m = HEADER.matcher(line);
            if (m.find()) {
                if (name != null && idlePoolThread(name, frames.toString())) {
                    idle++;
                }
                name = m.group(1);
                frames.setLength(0);
                if (!name.isEmpty()) {
                    byName.merge(name.replaceAll("\\d+", "#"), 1, Integer::sum);
                }
            } else {
                frames.append(line).append('\n');
            }
        }
        return new Counts(byName, idle);
    }

    private static boolean idlePoolThread(String name, String frames) {
        if (COMPILER.matcher(name).matches()) {
            return true;
        }
        if (name.startsWith("ForkJoinPool.commonPool-worker-")) {
            return frames.contains("java.util.concurrent.ForkJoinPool.awaitWork");
        }
        return frames.contains("org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.idleJobPoll")
                || frames.contains("org.eclipse.jetty.util.thread.ReservedThreadExecutor$ReservedThread.reservedWait");
    }
}
