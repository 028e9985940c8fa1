package io.gatehouse.bench.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The plain Netty echo baseline in a JVM of its own, as the Gatehouse server runs in one: its
 * sockets then count against its own open-files limit rather than the load tool's, and it
 * does not share the load tool's heap and collector.
 */
public final class BaselineProcess implements AutoCloseable {

    private static final String READY = "baseline echo on port ";

    private final Process process;
    private final int port;

    private BaselineProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@link PlainEcho} in a child JVM on this one's class path. */
    public static BaselineProcess start() throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-XX:+UseG1GC", "-Xms1g", "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), PlainEcho.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(READY)) {
                CompletableFuture.runAsync(() -> out.lines().forEach(l -> { }));
                return new BaselineProcess(p, Integer.parseInt(line.substring(READY.length()).trim()));
            }
        }
        p.destroyForcibly();
        throw new IOException("the baseline echo process did not start");
    }

    /** The line the child prints once it listens. */
    static String readyLine(int port) {
        return READY + port;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
