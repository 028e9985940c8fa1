package io.gatehouse.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.astron.AstronFront;
import io.gatehouse.control.ControlFront;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.marauroa.MarauroaFront;
import io.gatehouse.server.Gatehouse;
import io.gatehouse.server.config.ConfigLoader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core's per-address connection cap on the client listeners of control, astron and
 * marauroa (README, "Limits"; vcmi answers with its own ERROR line, VcmiAddressShareTest): with a cap of
 * {@value #CAP}, the next connection from 127.0.0.1 is closed at once and counted in
 * {@code gatehouse_refused_total}, while 127.0.0.2 is admitted; a closed connection gives its
 * place back; an exempt address is never capped. The outside finding: 1,500 connections from
 * one address were accepted by every front.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionCapOnEveryListenerTest {

    private static final int CAP = 3;

    private Gatehouse gatehouse;
    private final List<Socket> sockets = new ArrayList<>();

    /** One server for every test: each test uses another front, so their counts do not mix. */
    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("game.dc"), "dclass Zone {\n  setName(string n) required broadcast ram;\n};\n");
        gatehouse = Gatehouse.start(ConfigLoader.parse("""
                data_dir: data
                database: {url: "jdbc:h2:mem:connection-cap;DB_CLOSE_DELAY=-1"}
                http: {bind: "127.0.0.1:0", admin_key: k}
                accounts: {argon2_memory_kib: 64, argon2_iterations: 1}
                limits: {exempt: [127.0.0.3]}
                control: {bind: "127.0.0.1:0", websocket: "127.0.0.1:0/v2", max_connections_per_address: %1$d}
                marauroa: {bind: "127.0.0.1:0", key_bits: 512, max_connections_per_address: %1$d}
                vcmi: {enabled: false}
                astron: {enabled: true, bind: "127.0.0.1:0", md_bind: "127.0.0.1:0", dc_files: [game.dc],
                         state_server_channel: 402000, version: "v1", max_connections_per_address: %1$d}
                """.formatted(CAP), dir), new ManualScheduler(System.currentTimeMillis()));
    }

    @AfterEach
    void closeSockets() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        sockets.clear();
    }

    @AfterAll
    void stop() {
        gatehouse.close();
    }

    private Socket connect(String from, InetSocketAddress to) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(to);
        s.setSoTimeout(10_000);
        sockets.add(s);
        return s;
    }

    private static void assertClosedByServer(Socket s) throws IOException {
        try {
            assertThat(s.getInputStream().read()).as("closed at once, without an answer").isEqualTo(-1);
        } catch (SocketException reset) {
            assertThat(reset.getMessage()).contains("reset");
        }
    }

    private String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gatehouse.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private void awaitConnections(String front, int open) {
        await(front + " connections " + open).atMost(Duration.ofSeconds(10))
                .until(() -> metrics().contains("gatehouse_connections{front=\"" + front + "\"} " + open + ".0"));
    }

    private void capHolds(String front, InetSocketAddress listener, InetSocketAddress second) throws Exception {
        for (int i = 0; i < CAP; i++) {
            connect("127.0.0.1", listener);
        }
        awaitConnections(front, CAP);
        assertClosedByServer(connect("127.0.0.1", second));
        connect("127.0.0.2", listener);
        awaitConnections(front, CAP + 1);
        assertThat(metrics()).contains("gatehouse_refused_total{front=\"" + front + "\",reason=\"connections_per_address\"} 1.0");

        sockets.get(sockets.size() - CAP - 2).close();
        awaitConnections(front, CAP);
        connect("127.0.0.1", second);
        awaitConnections(front, CAP + 1);
        for (int i = 0; i < CAP + 2; i++) {
            connect("127.0.0.3", listener);
        }
        awaitConnections(front, 2 * CAP + 3);
        assertThat(metrics()).as("the exempt address was not refused")
                .contains("gatehouse_refused_total{front=\"" + front + "\",reason=\"connections_per_address\"} 1.0");
    }

    @Test
    void controlCountsTcpAndWebSocketTogether() throws Exception {
        capHolds("control", gatehouse.front(ControlFront.class).tcpAddress(), gatehouse.front(ControlFront.class).webSocketAddress());
    }

    @Test
    void astronClientAgent() throws Exception {
        InetSocketAddress ca = gatehouse.front(AstronFront.class).clientAgent().address();
        capHolds("astron", ca, ca);
    }

    @Test
    void marauroa() throws Exception {
        capHolds("marauroa", gatehouse.front(MarauroaFront.class).address(), gatehouse.front(MarauroaFront.class).address());
    }
}
