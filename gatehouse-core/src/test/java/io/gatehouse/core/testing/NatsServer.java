package io.gatehouse.core.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A private nats-server on a free loopback port, for one test class. The binary is the one
 * {@code ./gatehouse test} installs (Debian's {@code nats-server}) and names in
 * {@code GATEHOUSE_TEST_NATS_SERVER}, or one on the usual paths; without one the tests are
 * skipped, unless the test command asked for NATS ({@code GATEHOUSE_REQUIRE_NATS=1}).
 */
public final class NatsServer implements AutoCloseable {

    public static final String BINARY_ENV = "GATEHOUSE_TEST_NATS_SERVER";
    static final String REQUIRE_ENV = "GATEHOUSE_REQUIRE_NATS";

    private final Process process;
    private final int port;

    private NatsServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static NatsServer start() throws IOException, InterruptedException {
        Path binary = binary();
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Process p = new ProcessBuilder(binary.toString(), "-a", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new NatsServer(p, port);
            } catch (IOException notYet) {
                if (!p.isAlive()) {
                    throw new IOException("nats-server exited with " + p.exitValue() + " before it listened on " + port);
                }
                Thread.sleep(25);
            }
        }
        p.destroyForcibly();
        throw new IOException("nats-server did not listen on " + port);
    }

    private static Path binary() {
        String named = System.getenv(BINARY_ENV);
        for (String candidate : named == null ? List.of("/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server")
                : List.of(named)) {
            Path p = Path.of(candidate);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        if ("1".equals(System.getenv(REQUIRE_ENV))) {
            throw new AssertionError("no nats-server binary although the test command requires NATS");
        }
        Assumptions.abort("no nats-server binary; run the suite with ./gatehouse test to include NATS");
        return null;
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
