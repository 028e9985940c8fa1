package io.gatehouse.bench.control;

import io.gatehouse.core.transport.Transports;
import io.netty.channel.EventLoopGroup;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code idle-agent}: one load process of {@code cluster-idle}, which starts it (a process holds
 * at most 20,000 open files here, so 100,000 sessions need several). It opens a session per
 * token of its file on one node, from one loopback source address, and holds them with
 * heartbeats until its standard input closes. It speaks to its coordinator in lines on
 * standard output: {@code ready N}, then {@code open N dropped D beats B} every 10 s, and
 * {@code done N dropped D beats B} at the end.
 */
@Command(name = "idle-agent", hidden = true, description = "a load process of cluster-idle (started by it)")
public final class IdleAgent implements Callable<Integer> {

    @Option(names = "--target", required = true, description = "the node's control address, host:port")
    String target;

    @Option(names = "--tokens", required = true, description = "a file of tokens, one a line")
    Path tokens;

    @Option(names = "--source", required = true, description = "the loopback source address, 127.0.0.x")
    String source;

    @Override
    public Integer call() throws Exception {
        String[] list = Files.readAllLines(tokens).stream().filter(l -> !l.isBlank()).toArray(String[]::new);
        int colon = target.lastIndexOf(':');
        InetSocketAddress server = new InetSocketAddress(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
        EventLoopGroup group = Transports.group("agent-client", 1);
        try (IdleSessions sessions = IdleSessions.open(server, list, i -> source, group)) {
            System.out.println("ready " + sessions.size());
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
