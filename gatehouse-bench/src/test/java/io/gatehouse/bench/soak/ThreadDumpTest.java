package io.gatehouse.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Threads by name from a jcmd dump, and which of them are idle threads of self-shrinking pools. */
class ThreadDumpTest {

    /** Trimmed from a real {@code jcmd PID Thread.print} of the server. */
    private static final String DUMP = """
            12345:
            2026-12-01 01:30:00
            Full thread dump OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1 mixed mode, sharing):

            "C2 CompilerThread0" #7 daemon prio=9 os_prio=0 cpu=407.54ms elapsed=5.29s tid=0x1 nid=0x38d waiting on condition  [0x0]
               java.lang.Thread.State: RUNNABLE
               No compile task

            "JettyServerThreadPool-21" #21 prio=5 os_prio=0 cpu=1.0ms elapsed=60s tid=0x2 nid=0x1 waiting on condition  [0x0]
               java.lang.Thread.State: TIMED_WAITING (parking)
            \tat jdk.internal.misc.Unsafe.park(java.base@17.0.15/Native Method)
            \tat org.eclipse.jetty.util.BlockingArrayQueue.poll(BlockingArrayQueue.java:219)
            \tat org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.idleJobPoll(QueuedThreadPool.java:1124)
            \tat java.lang.Thread.run(java.base@17.0.15/Thread.java:840)

            "JettyServerThreadPool-22" #22 prio=5 os_prio=0 cpu=1.0ms elapsed=60s tid=0x3 nid=0x2 runnable  [0x0]
               java.lang.Thread.State: RUNNABLE
            \tat sun.nio.ch.EPoll.wait(java.base@17.0.15/Native Method)
            \tat org.eclipse.jetty.io.ManagedSelector.nioSelect(ManagedSelector.java:183)

            "JettyServerThreadPool-23" #23 prio=5 os_prio=0 cpu=1.0ms elapsed=60s tid=0x4 nid=0x3 waiting on condition  [0x0]
               java.lang.Thread.State: TIMED_WAITING (parking)
            \tat org.eclipse.jetty.util.thread.ReservedThreadExecutor$ReservedThread.reservedWait(ReservedThreadExecutor.java:324)

            "ForkJoinPool.commonPool-worker-3" #30 daemon prio=5 os_prio=0 cpu=1.0ms elapsed=9s tid=0x5 nid=0x4 waiting on condition  [0x0]
               java.lang.Thread.State: WAITING (parking)
            \tat java.util.concurrent.ForkJoinPool.awaitWork(java.base@17.0.15/ForkJoinPool.java:1724)

            "gatehouse-store-1" #40 daemon prio=5 os_prio=0 cpu=1.0ms elapsed=9s tid=0x6 nid=0x5 waiting on condition  [0x0]
               java.lang.Thread.State: WAITING (parking)
            \tat java.util.concurrent.ThreadPoolExecutor.getTask(java.base@17.0.15/ThreadPoolExecutor.java:1062)

            "VM Thread" os_prio=0 cpu=12.0ms elapsed=60s tid=0x7 nid=0x6 runnable

            JNI global refs: 15, weak refs: 0
            """;

    @Test
    void countsThreadsByNameWithNumbersBlanked() {
        assertThat(ThreadDump.parse(DUMP).byName()).isEqualTo(Map.of("C# CompilerThread#", 1, "JettyServerThreadPool-#", 3,
                "ForkJoinPool.commonPool-worker-#", 1, "gatehouse-store-#", 1, "VM Thread", 1));
    }

    @Test
    void idleThreadsOfSelfShrinkingPoolsOnly() {
        // the compiler thread, two idle Jetty workers (polling, reserved), the idle common-pool worker;
        // not Jetty's selector, nor an idle worker of a fixed pool of our own
        assertThat(ThreadDump.parse(DUMP).idlePoolThreads()).isEqualTo(4);
    }
}
