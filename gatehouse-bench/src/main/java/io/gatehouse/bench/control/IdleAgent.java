package io.gatehouse.bench.control;

import io.gatehouse.core.transport.Transports;
import io.netty.channel.EventLoopGroup;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code idle-agent}: one load process of {@code cluster-idle}, which starts it (a process holds
 * at most 20,000 open files here, so 100,000 sessions need several). It opens a session per
 * token of its file on one node, from one loopback source address, and holds them with
 * heartbeats until its standard input closes; with {@code --failover}, a session whose
 * connection ends resumes on another node. It speaks to its coordinator in lines on
 * standard output: {@code ready N}, then {@code open N dropped D beats B} every 10 s, and
 * {@code done N dropped D beats B} at the end.
 */
@Command(name = "idle-agent", hidden = true, description = "a load process of cluster-idle (started by it)")
public final class IdleAgent implements Callable<Integer> {

    /** Resumes made at once after a node dies. */
    private static final int FAILOVER_WORKERS = 32;

    @Option(names = "--target", required = true, description = "the node's control address, host:port")
    String target;

    @Option(names = "--tokens", required = true, description = "a file of tokens, one a line")
    Path tokens;

    @Option(names = "--source", required = true, description = "the loopback source address, 127.0.0.x")
    String source;

    @Option(names = "--failover", split = ",", description = "where a session whose connection ends resumes, host:port;"
            + " with several, the sessions take them in turn, as a load balancer spreads them (default: nowhere)")
    List<String> failover;

    /**
     * Resumes every session whose connection ends on one of {@code --failover}, and prints
     * {@code storm resumed R failed F at MILLIS} (the wall clock) once every session has resumed
     * or failed: what a whole node's death looks like to its clients.
     */
    private void watchFailover(IdleSessions sessions, EventLoopGroup group) {
        AtomicLong resumed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        sessions.failOverTo(failover.stream().map(IdleAgent::address).toList(), source, group, FAILOVER_WORKERS, resumed, failed);
        Thread watch = new Thread(() -> {
            try {
                while (resumed.get() + failed.get() < sessions.size()) {
                    Thread.sleep(20);
                }
                System.out.printf("storm resumed %d failed %d at %d%n", resumed.get(), failed.get(), System.currentTimeMillis());
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        }, "agent-failover");
        watch.setDaemon(true);
        watch.start();
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    @Override
    public Integer call() throws Exception {
        String[] list = Files.readAllLines(tokens).stream().filter(l -> !l.isBlank()).toArray(String[]::new);
        InetSocketAddress server = address(target);
        EventLoopGroup group = Transports.group("agent-client", 1);
        try (IdleSessions sessions = IdleSessions.open(server, list, i -> source, group)) {
            System.out.println("ready " + sessions.size());
            if (failover != null) {
                watchFailover(sessions, group);
            }
            Thread reporter = new Thread(() -> {
                try {
                    while (true) {
                        Thread.sleep(10_000);
                        System.out.printf("open %d dropped %d beats %d%n", sessions.size() - sessions.dropped(), sessions.dropped(),
                                sessions.heartbeatsSent());
                    }
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                }
            }, "agent-report");
            reporter.setDaemon(true);
            reporter.start();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // the coordinator says nothing; the end of its input is the signal to stop
            }
            reporter.interrupt();
            System.out.printf("done %d dropped %d beats %d%n", sessions.size() - sessions.dropped(), sessions.dropped(),
                    sessions.heartbeatsSent());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        return 0;
    }
}
