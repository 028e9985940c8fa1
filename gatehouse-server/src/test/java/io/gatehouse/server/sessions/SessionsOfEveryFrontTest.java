package io.gatehouse.server.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.astron.AstronFront;
import io.gatehouse.client.astron.AstronClient;
import io.gatehouse.client.astron.AstronEjectedException;
import io.gatehouse.client.control.ControlClient;
import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.client.vcmi.VcmiLobbyClient;
import io.gatehouse.control.ControlFront;
import io.gatehouse.control.message.CloseCode;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.marauroa.MarauroaFront;
import io.gatehouse.server.Gatehouse;
import io.gatehouse.server.config.ConfigLoader;
import io.gatehouse.vcmi.VcmiFront;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One client of each of the four fronts is a session of the one core: listed by the sessions
 * API with its front, account and address, counted per front by /health and /metrics, and
 * kicked with its own front's answer, which the HTTP answer names.
 */
class SessionsOfEveryFrontTest {

    private static final String KEY = "every-front-key";

    @TempDir
    Path dir;

    private final ManualScheduler clock = new ManualScheduler(System.currentTimeMillis());
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Gatehouse gatehouse;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(dir.resolve("game.dc"), "dclass LoginManager {\n  login(string) clsend;\n};\n");
        gatehouse = Gatehouse.start(ConfigLoader.parse("""
                data_dir: data
                database: {url: "jdbc:h2:mem:every-front-%s;DB_CLOSE_DELAY=-1"}
                http: {bind: "127.0.0.1:0", admin_key: %s}
                accounts: {argon2_memory_kib: 64, argon2_iterations: 1}
                control: {bind: "127.0.0.1:0", websocket: "off"}
                marauroa: {bind: "127.0.0.1:0", key_bits: 512}
                vcmi: {bind: "127.0.0.1:0"}
                astron: {enabled: true, bind: "127.0.0.1:0", md_bind: "127.0.0.1:0", dc_files: [game.dc], version: every}
                """.formatted(UUID.randomUUID(), KEY), dir), clock);
    }

    @AfterEach
    void stop() {
        gatehouse.close();
    }

    @Test
    void aClientOfEachFrontIsListedCountedAndKickedWithItsFrontsAnswer() throws Exception {
        gatehouse.services().accounts().create("ctl", "pw".toCharArray());
        String token = gatehouse.services().tokens().issue("ctl", Duration.ofMinutes(1)).token();
        try (ControlClient control = ControlClient.tcp(gatehouse.front(ControlFront.class).tcpAddress());
             MarauroaClient marauroa = new MarauroaClient(gatehouse.front(MarauroaFront.class).address());
             AstronClient astron = new AstronClient(gatehouse.front(AstronFront.class).clientAgent().address(), gatehouse.front(AstronFront.class).dc());
             VcmiLobbyClient vcmi = VcmiLobbyClient.connect(gatehouse.front(VcmiFront.class).address())) {
            control.auth(token);
            marauroa.createAccount("mar", "secret", "mar@example.org");
            marauroa.login("mar", "secret", "game", "1");
            astron.hello("every");
            vcmi.greet("vic", "1.5.0");
            await().until(() -> sessions(null).size() == 4);

            Map<String, JsonNode> byFront = new HashMap<>();
            sessions(null).forEach(s -> byFront.put(s.get("front").asText(), s));
            assertThat(byFront.keySet()).containsExactlyInAnyOrder("control", "marauroa", "astron", "vcmi");
            assertThat(byFront.get("control").get("account").asText()).isEqualTo("ctl");
            assertThat(byFront.get("marauroa").get("account").asText()).isEqualTo("mar");
            assertThat(byFront.get("astron").get("account").isNull()).as("no game server has named it").isTrue();
            assertThat(byFront.get("vcmi").get("account").asText()).isEqualTo("vic");
            byFront.values().forEach(s -> {
                assertThat(s.get("address").asText()).startsWith("127.0.0.1:");
                assertThat(s.get("since").asText()).isNotEmpty();
            });
            for (String front : byFront.keySet()) {
                assertThat(sessions(front)).as("?front=" + front).singleElement()
                        .satisfies(s -> assertThat(s.get("front").asText()).isEqualTo(front));
            }
            JsonNode health = json.readTree(get("/health").body());
            assertThat(health.get("sessions").asInt()).isEqualTo(4);
            String metrics = get("/metrics").body();
            for (String front : byFront.keySet()) {
                assertThat(health.get("sessions_by_front").get(front).asInt()).isEqualTo(1);
                assertThat(metrics).contains("gatehouse_sessions{front=\"" + front + "\"} 1.0");
            }

            assertThat(kick(byFront.get("control")).get("answer").asText()).isEqualTo("Close SessExpired (code 5)");
            assertThat(control.awaitClose().code()).isEqualTo(CloseCode.SESS_EXPIRED.wire());

            assertThat(kick(byFront.get("astron")).get("answer").asText()).isEqualTo("CLIENT_EJECT 151 (logged out by an administrator)");
            AstronEjectedException ejected = astron.awaitClose();
            assertThat(ejected.code()).isEqualTo(151);
            assertThat(ejected.reason()).isEqualTo("kicked by an operator");

            assertThat(kick(byFront.get("marauroa")).get("answer").asText()).startsWith("the TCP connection is closed");
            await().until(marauroa::closedByServer);

            assertThat(kick(byFront.get("vcmi")).get("answer").asText()).isEqualTo(":>>ERROR:Kicked by an operator");
            assertThat(vcmi.takeThrough("Kicked by an operator")).endsWith(":>>ERROR:Kicked by an operator");
            assertThat(vcmi.awaitClosed()).isTrue();

            await().until(() -> sessions(null).isEmpty());
            assertThat(json.readTree(get("/health").body()).get("sessions").asInt()).isZero();
        }
    }

    private List<JsonNode> sessions(String front) throws Exception {
        JsonNode list = json.readTree(admin("GET", "/api/v1/sessions" + (front == null ? "" : "?front=" + front)).body()).get("sessions");
        List<JsonNode> out = new ArrayList<>();
        list.forEach(out::add);
        return out;
    }

    private JsonNode kick(JsonNode session) throws Exception {
        HttpResponse<String> r = admin("DELETE", "/api/v1/sessions/" + session.get("id").asText());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json.readTree(r.body());
        assertThat(body.get("front").asText()).isEqualTo(session.get("front").asText());
        return body;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> admin(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.httpPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
    }
}
