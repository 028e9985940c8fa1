package io.gatehouse.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.control.ControlFront;
import io.gatehouse.core.limits.LimitsConfig;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.core.transport.OpenSockets;
import io.gatehouse.marauroa.MarauroaFront;
import io.gatehouse.server.Gatehouse;
import io.gatehouse.server.config.ConfigLoader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code limits.max_connections} (README, "Limits"): the listeners of every front count
 * against one cap for the process; past it a connection to any front is closed at once, and a
 * closed one gives its place back to every front.
 */
class ProcessConnectionCapTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private Gatehouse gatehouse;

    @AfterEach
    void stop() {
        if (gatehouse != null) {
            gatehouse.close();
        }
        OpenSockets.PROCESS.limit(LimitsConfig.AUTO);
    }

    @Test
    void theFrontsShareOneCapAndAClosedConnectionGivesItsPlaceBack(@TempDir Path dir) throws Exception {
        int base = OpenSockets.PROCESS.open();
        start(dir, base + 2, "{bind: \"127.0.0.1:0\", key_bits: 512}");
        InetSocketAddress control = gatehouse.front(ControlFront.class).tcpAddress();
        InetSocketAddress marauroa = gatehouse.front(MarauroaFront.class).address();
        try (Socket first = new Socket(control.getAddress(), control.getPort());
             Socket second = new Socket(control.getAddress(), control.getPort())) {
            await().atMost(WAIT).until(() -> OpenSockets.PROCESS.open() == base + 2);
            try (Socket third = new Socket(marauroa.getAddress(), marauroa.getPort())) {
                third.setSoTimeout((int) WAIT.toMillis());
                assertThat(third.getInputStream().read()).as("another front's listener, past the process's cap").isEqualTo(-1);
            }
            first.close();
            await().atMost(WAIT).until(() -> OpenSockets.PROCESS.open() == base + 1);
            try (Socket again = new Socket(marauroa.getAddress(), marauroa.getPort())) {
                await().atMost(WAIT).until(() -> OpenSockets.PROCESS.open() == base + 2);
                assertThat(again.isClosed()).isFalse();
            }
        }
    }

    @Test
    void theHttpApisConnectionsCountInTheSameCap(@TempDir Path dir) throws Exception {
        int base = OpenSockets.PROCESS.open();
        start(dir, base + 1, "{enabled: false}");
        InetSocketAddress control = gatehouse.front(ControlFront.class).tcpAddress();
        int http = gatehouse.httpPort();
        try (Socket held = new Socket("127.0.0.1", http)) {
            await().atMost(WAIT).until(() -> OpenSockets.PROCESS.open() == base + 1);
            try (Socket game = new Socket(control.getAddress(), control.getPort())) {
                game.setSoTimeout((int) WAIT.toMillis());
                assertThat(game.getInputStream().read()).as("a front's listener, with the cap held by an HTTP connection").isEqualTo(-1);
            }
            try (Socket another = new Socket("127.0.0.1", http)) {
                another.setSoTimeout((int) WAIT.toMillis());
                assertThat(another.getInputStream().read()).as("the HTTP API's listener, past the cap").isEqualTo(-1);
            }
            held.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            held.setSoTimeout((int) WAIT.toMillis());
            assertThat(new String(held.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                    .as("the connection counted is served").isEqualTo("HTTP/1.1 200");
        }
        await().atMost(WAIT).until(() -> OpenSockets.PROCESS.open() == base);
    }

    /** A node with the control front, the HTTP API and {@code marauroa} as given, under {@code cap}. */
    private void start(Path dir, int cap, String marauroa) throws Exception {
        gatehouse = Gatehouse.start(ConfigLoader.parse("""
                data_dir: data
                database: {url: "jdbc:h2:mem:process-cap;DB_CLOSE_DELAY=-1"}
                http: {bind: "127.0.0.1:0", admin_key: k}
                accounts: {argon2_memory_kib: 64, argon2_iterations: 1}
                limits: {max_connections: %d}
                control: {bind: "127.0.0.1:0", websocket: "off"}
                marauroa: %s
                vcmi: {enabled: false}
                """.formatted(cap, marauroa), dir), new ManualScheduler(System.currentTimeMillis()));
    }
}
