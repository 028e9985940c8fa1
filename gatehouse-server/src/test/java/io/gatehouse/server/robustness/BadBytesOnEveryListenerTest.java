package io.gatehouse.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.astron.AstronFront;
import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.client.vcmi.VcmiLobbyClient;
import io.gatehouse.control.ControlFront;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.marauroa.MarauroaFront;
import io.gatehouse.marauroa.message.MarauroaMessage.CreateAccountAck;
import io.gatehouse.server.Gatehouse;
import io.gatehouse.server.config.ConfigLoader;
import io.gatehouse.vcmi.VcmiFront;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random bytes thrown at every listener of every front: each connection ends (the server
 * closes it, or it closes once the client stops sending), none is left counted, and every
 * front still serves a well-behaved client afterwards. Netty's leak detector runs at paranoid
 * in the tests, so a buffer dropped on an error path fails the build too.
 */
class BadBytesOnEveryListenerTest {

    private static final int CONNECTIONS_PER_LISTENER = 25;

    @TempDir
    Path dir;
    private Gatehouse gatehouse;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(dir.resolve("game.dc"), "dclass Zone {\n  setName(string n) required broadcast ram;\n};\n");
        gatehouse = Gatehouse.start(ConfigLoader.parse("""
                data_dir: data
                database: {url: "jdbc:h2:mem:bad-bytes;DB_CLOSE_DELAY=-1"}
                http: {bind: "127.0.0.1:0", admin_key: k}
                accounts: {argon2_memory_kib: 64, argon2_iterations: 1}
                control: {bind: "127.0.0.1:0", websocket: "127.0.0.1:0/v2"}
                marauroa: {bind: "127.0.0.1:0", key_bits: 512}
                vcmi: {bind: "127.0.0.1:0"}
                astron: {enabled: true, bind: "127.0.0.1:0", md_bind: "127.0.0.1:0", dc_files: [game.dc],
                         state_server_channel: 402000, version: "v1"}
                """, dir), new ManualScheduler(System.currentTimeMillis()));
    }

    @AfterEach
    void stop() {
        gatehouse.close();
    }

    private Map<String, InetSocketAddress> listeners() {
        Map<String, InetSocketAddress> l = new LinkedHashMap<>();
        l.put("control tcp", gatehouse.front(ControlFront.class).tcpAddress());
        l.put("control ws", gatehouse.front(ControlFront.class).webSocketAddress());
        l.put("astron client agent", gatehouse.front(AstronFront.class).clientAgent().address());
        l.put("astron message director", gatehouse.front(AstronFront.class).mdAddress());
        l.put("marauroa", gatehouse.front(MarauroaFront.class).address());
        l.put("vcmi", gatehouse.front(VcmiFront.class).address());
        l.put("http", new InetSocketAddress("127.0.0.1", gatehouse.httpPort()));
        return l;
    }

    /** Writes the bytes, stops sending, and reads until the server closes (or 10 s pass). */
    private static void throwAt(InetSocketAddress at, byte[] junk) throws IOException {
        try (Socket s = new Socket(at.getAddress(), at.getPort())) {
            s.setSoTimeout(10_000);
            try {
                s.getOutputStream().write(junk);
                s.shutdownOutput();
                InputStream in = s.getInputStream();
                byte[] sink = new byte[4096];
                while (in.read(sink) >= 0) {
                    // the server's answer, if any, is not what this test checks
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError(at + " kept a connection open 10 s after its client stopped sending", e);
            } catch (IOException reset) {
                // a reset is a close too
            }
        }
    }

    private String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gatehouse.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void everyFrontSurvivesRandomBytesAndKeepsServing() throws Exception {
        Random random = new Random(20261129);
        for (Map.Entry<String, InetSocketAddress> l : listeners().entrySet()) {
            for (int i = 0; i < CONNECTIONS_PER_LISTENER; i++) {
                byte[] junk = new byte[1 + random.nextInt(3000)];
                random.nextBytes(junk);
                throwAt(l.getValue(), junk);
            }
        }
        for (String front : new String[] {"control", "astron", "marauroa", "vcmi"}) {
            await(front + " connections back to 0").atMost(Duration.ofSeconds(20))
                    .until(() -> metrics().contains("gatehouse_connections{front=\"" + front + "\"} 0.0"));
        }

        // and each front still does its job for a well-behaved client
        try (Socket s = new Socket("127.0.0.1", gatehouse.front(ControlFront.class).tcpAddress().getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(new byte[] {0x11, 0x09, 0x01, 0x01, 0, 0, 0, 7, 0, 0, 0, 0, 1, 42});
            byte[] answer = new byte[11];
            new DataInputStream(s.getInputStream()).readFully(answer);
            assertThat(answer).as("the heartbeat echo").containsExactly(0x02, 0x01, 0, 0, 0, 7, 0, 0, 0, 1, 42);
        }
        try (Socket s = new Socket("127.0.0.1", gatehouse.front(AstronFront.class).clientAgent().address().getPort())) {
            s.setSoTimeout(10_000);
            int hash = gatehouse.front(AstronFront.class).dc().hash();
            s.getOutputStream().write(new byte[] {10, 0, 1, 0, (byte) hash, (byte) (hash >> 8), (byte) (hash >> 16), (byte) (hash >> 24),
                    2, 0, 'v', '1'});
            byte[] answer = new byte[4];
            new DataInputStream(s.getInputStream()).readFully(answer);
            assertThat(answer).as("CLIENT_HELLO_RESP").containsExactly(2, 0, 2, 0);
        }
        try (MarauroaClient c = new MarauroaClient(gatehouse.front(MarauroaFront.class).address())) {
            assertThat(c.createAccount("after", "secret", "a@example.org")).isEqualTo(new CreateAccountAck("after"));
        }
        try (VcmiLobbyClient c = VcmiLobbyClient.connect(gatehouse.front(VcmiFront.class).address())) {
            c.hello(5, "", "<GREETINGS>after<VER>1.5.0");
            assertThat(c.takeThrough("currently playing 0")).contains(":>>MSG:System:");
        }
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gatehouse.httpPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }
}
