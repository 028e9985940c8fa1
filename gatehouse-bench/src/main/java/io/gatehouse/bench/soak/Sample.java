package io.gatehouse.bench.soak;

/**
 * One measurement of the server process: seconds since the measured run began, heap in use
 * after a full GC, resident set size, open file descriptors, threads, and how many of those
 * threads are idle threads of pools that shrink by themselves ({@link ThreadDump}).
 */
public record Sample(double seconds, long heapAfterGcBytes, long rssBytes, long descriptors, long threads, long idlePoolThreads) {

    /** Threads not counting idle threads of self-shrinking pools: what the thread rule judges. */
    public long workingThreads() {
        return threads - idlePoolThreads;
    }
}
