package io.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.server.Gatehouse;
import io.gatehouse.server.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API's limits (README, "Limits"): 429 with Retry-After for socket-token requests and
 * failed admin keys past their per-address rates, other addresses not held back; and a client
 * that sends its headers a byte at a time (slowloris) or stops in the middle of a body is cut.
 * The outside finding: 100 connections sending 1 byte every 5 s stayed open for the 95 s watched.
 */
class HttpLimitsTest {

    private static final String ADMIN_KEY = "limits-admin-key";

    @TempDir
    Path dir;
    private final ManualScheduler clock = new ManualScheduler(System.currentTimeMillis());
    private Gatehouse gatehouse;

    @BeforeEach
    void start() throws Exception {
        gatehouse = Gatehouse.start(ConfigLoader.parse("""
                data_dir: data
                database: {url: "jdbc:h2:mem:http-limits-%s;DB_CLOSE_DELAY=-1"}
                accounts: {argon2_memory_kib: 64, argon2_iterations: 1}
                control: {bind: "127.0.0.1:0", websocket: "off"}
                marauroa: {enabled: false}
                vcmi: {enabled: false}
                http: {bind: "127.0.0.1:0", admin_key: %s, header_timeout: 500ms, idle_timeout: 700ms,
                       token_requests_per_address: 2, token_request_window: 1m, admin_failures_per_address: 2,
                       admin_failure_window: 1m}
                """.formatted(System.nanoTime(), ADMIN_KEY), dir), clock);
    }

    @AfterEach
    void stop() {
        gatehouse.close();
    }

    /** What one request on its own connection got: the status line and headers, and the body. */
    private record Answer(String head, String body) {
        int status() {
            return Integer.parseInt(head.substring(9, 12));
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).trim();
                }
            }
            return null;
        }
    }

    private Answer request(String from, String method, String path, String... headers) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress("127.0.0.1", gatehouse.httpPort()));
            s.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            if (method.equals("POST")) {
                req.append("Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
            } else {
                req.append("\r\n");
            }
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.US_ASCII));
            String all = new String(readAll(s.getInputStream()), StandardCharsets.UTF_8);
            int end = all.indexOf("\r\n\r\n");
            return new Answer(all.substring(0, end), all.substring(end + 4));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    private String metrics() throws IOException {
        return request("127.0.0.1", "GET", "/metrics").body();
    }

    @Test
    void socketTokenRequestsPastTheRateGet429WithRetryAfterInTheEnvelope() throws Exception {
        for (int i = 0; i < 2; i++) {
            assertThat(request("127.0.0.1", "GET", "/v1/socket/token").status()).as("unsigned: 401, but it counts").isEqualTo(401);
        }
        Answer third = request("127.0.0.1", "GET", "/v1/socket/token");
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.header("Retry-After")).isEqualTo("30");
        assertThat(third.body()).isEqualTo("{\"code\":429001,\"message\":\"too many token requests from this address; retry in 30 s\"}");
        assertThat(request("127.0.0.1", "GET", "/v2/socket/token").status()).as("both paths share the rate").isEqualTo(429);
        assertThat(request("127.0.0.2", "GET", "/v1/socket/token").status()).as("another address").isEqualTo(401);
        assertThat(metrics()).contains("gatehouse_refused_total{front=\"http\",reason=\"attempts_per_address\"} 2.0");
        clock.advance(Duration.ofSeconds(30));
        assertThat(request("127.0.0.1", "GET", "/v1/socket/token").status()).isEqualTo(401);
    }

    @Test
    void failedAdminKeysPastTheRateGet429EvenWithTheRightKeyWhileAnotherAddressIsServed() throws Exception {
        assertThat(request("127.0.0.1", "GET", "/api/v1/sessions").status()).isEqualTo(401);
        assertThat(request("127.0.0.1", "GET", "/api/v1/sessions", "Authorization: Bearer guess").status()).isEqualTo(403);
        Answer refused = request("127.0.0.1", "GET", "/api/v1/sessions", "Authorization: Bearer " + ADMIN_KEY);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("30");
        assertThat(refused.body()).isEqualTo("{\"error\":\"too many failed admin keys from this address; retry in 30 s\"}");
        assertThat(request("127.0.0.2", "GET", "/api/v1/sessions", "Authorization: Bearer " + ADMIN_KEY).status()).isEqualTo(200);
        assertThat(metrics()).contains("gatehouse_refused_total{front=\"http\",reason=\"admin_failures_per_address\"} 1.0");

        clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 5; i++) {
            assertThat(request("127.0.0.1", "POST", "/api/v1/channels/news/publish", "Authorization: Bearer " + ADMIN_KEY).status())
                    .as("the right key does not count").isEqualTo(202);
        }
    }

    /** Sends one more byte each poll, as slowloris does, until the server has closed the connection. */
    @Test
    void aClientSendingItsHeadersAByteAtATimeIsCut() throws Exception {
        try (SocketChannel slow = SocketChannel.open(new InetSocketAddress("127.0.0.1", gatehouse.httpPort()))) {
            slow.configureBlocking(false);
            byte[] request = "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Padding: ".getBytes(StandardCharsets.US_ASCII);
            AtomicInteger sent = new AtomicInteger();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> closedAfterOneMoreByte(slow, request[Math.min(sent.getAndIncrement(), request.length - 1)]));
            assertThat(sent.get()).as("it kept sending, so it was never idle").isGreaterThan(3);
        }
        assertThat(metrics()).contains("gatehouse_refused_total{front=\"http\",reason=\"header_timeout\"} 1.0");
    }

    @Test
    void aClientThatStopsInTheMiddleOfABodyIsCutByTheIdleTimeout() throws Exception {
        try (SocketChannel stuck = SocketChannel.open(new InetSocketAddress("127.0.0.1", gatehouse.httpPort()))) {
            stuck.write(ByteBuffer.wrap(("POST /api/v1/channels/news/publish HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + ADMIN_KEY + "\r\nContent-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII)));
            stuck.configureBlocking(false);
            ByteBuffer sink = ByteBuffer.allocate(4096);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                sink.clear();
                try {
                    return stuck.read(sink) < 0;
                } catch (IOException reset) {
                    return true;
                }
            });
        }
        assertThat(request("127.0.0.1", "GET", "/health").status()).as("the server still serves").isEqualTo(200);
    }

    private static boolean closedAfterOneMoreByte(SocketChannel ch, byte b) {
        try {
            ch.write(ByteBuffer.wrap(new byte[] {b}));
            return ch.read(ByteBuffer.allocate(4096)) < 0;
        } catch (IOException reset) {
            return true;
        }
    }
}
