package io.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.client.astron.AstronClient;
import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.client.vcmi.VcmiLobbyClient;
import io.gatehouse.client.vcmi.VcmiPipeClient;
import io.gatehouse.marauroa.MarauroaFront;
import io.gatehouse.server.EveryFrontServer;
import io.gatehouse.server.astron.GameServerLink;
import io.gatehouse.vcmi.VcmiFront;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin calls the console reads, on a server with all four fronts: accounts found, shown
 * and their login history; the fronts and their listeners; vcmi's rooms and game pipes with
 * their bytes, astron's objects by zone and clients with interests, marauroa's zones and turn;
 * the event stream; and the page itself, which needs no key but shows nothing without one.
 */
class ConsoleApiTest {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private EveryFrontServer server;

    @BeforeEach
    void start() throws Exception {
        server = EveryFrontServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void accountsAreFoundByPartOfTheirNameShownAndTheirLoginsListed() throws Exception {
        server.control("ann").close();
        server.control("Annie").close();
        server.control("bob").close();
        MarauroaClient m = new MarauroaClient(server.gatehouse.front(MarauroaFront.class).address());
        m.createAccount("zed", "secret", "zed@example.org");
        assertThatThrownBy(() -> m.login("zed", "wrong", "game", "1")).isInstanceOf(MarauroaClient.LoginRefused.class);
        m.close();

        assertThat(names(server.adminJson("GET", "/api/v1/accounts?q=ANN", null))).containsExactly("ann", "Annie");
        assertThat(names(server.adminJson("GET", "/api/v1/accounts", null))).containsExactly("ann", "Annie", "bob", "zed");
        assertThat(names(server.adminJson("GET", "/api/v1/accounts?q=an&limit=1", null))).hasSize(1);
        assertThat(names(server.adminJson("GET", "/api/v1/accounts?q=%25", null))).as("% is a character, not a pattern").isEmpty();
        assertThat(server.admin("GET", "/api/v1/accounts?limit=0", null).statusCode()).isEqualTo(400);

        JsonNode ann = server.adminJson("GET", "/api/v1/accounts/ann", null);
        assertThat(ann.get("status").asText()).isEqualTo("active");
        assertThat(ann.get("ban_reason").isNull()).isTrue();
        assertThat(server.admin("GET", "/api/v1/accounts/nobody", null).statusCode()).isEqualTo(404);

        JsonNode logins = server.adminJson("GET", "/api/v1/accounts/ann/logins", null).get("logins");
        assertThat(logins).hasSize(1);
        assertThat(logins.get(0).get("front").asText()).isEqualTo("control");
        assertThat(logins.get(0).get("result").asText()).isEqualTo("success");
        assertThat(logins.get(0).get("address").asText()).startsWith("127.0.0.1");
        assertThat(logins.get(0).get("at").asText()).isNotEmpty();
        JsonNode zed = server.adminJson("GET", "/api/v1/accounts/zed/logins", null).get("logins");
        assertThat(zed).extracting(l -> l.get("result").asText()).containsExactly("bad_password");

        server.adminJson("POST", "/api/v1/accounts/ann/ban", "{\"reason\":\"spam\"}");
        JsonNode banned = server.adminJson("GET", "/api/v1/accounts/ann", null);
        assertThat(banned.get("status").asText()).isEqualTo("banned");
        assertThat(banned.get("ban_reason").asText()).isEqualTo("spam");
        server.adminJson("DELETE", "/api/v1/accounts/ann/ban", null);
        assertThat(server.adminJson("GET", "/api/v1/accounts/ann", null).get("status").asText()).isEqualTo("active");
    }

    @Test
    void theFrontsAndWhereTheyListen() throws Exception {
        JsonNode fronts = server.adminJson("GET", "/api/v1/fronts", null);
        assertThat(fronts.get("node").isNull()).as("no cluster").isTrue();
        List<String> names = new ArrayList<>();
        fronts.get("fronts").forEach(f -> names.add(f.get("name").asText()));
        assertThat(names).containsExactly("control", "astron", "marauroa", "vcmi");
        JsonNode vcmi = fronts.get("fronts").get(3).get("listeners").get(0);
        assertThat(vcmi.get("kind").asText()).isEqualTo("tcp");
        assertThat(vcmi.get("address").asText()).isEqualTo("127.0.0.1:" + server.gatehouse.front(VcmiFront.class).address().getPort());
    }

    @Test
    void vcmiRoomsAndGamesWithTheBytesOfEachPipe() throws Exception {
        String[] game = server.vcmiGame("arena", "alice", "bob");
        VcmiLobbyClient carol = server.vcmi("carol");
        server.vcmi("dave");
        carol.send("<NEW>den<PSWD>secret<COUNT>3");
        carol.takeThrough("You are in the room chat.");
        try (VcmiPipeClient host = VcmiPipeClient.open(server.gatehouse.front(VcmiFront.class).address(), "server", game[0]);
             VcmiPipeClient guest = VcmiPipeClient.open(server.gatehouse.front(VcmiFront.class).address(), "client", game[2])) {
            host.take(VcmiPipeClient.handshakeBytes("client", game[2]).length);
            guest.take(VcmiPipeClient.handshakeBytes("server", game[0]).length);
            host.sendRaw(new byte[1000]);
            guest.take(1000);

            JsonNode v = server.adminJson("GET", "/api/v1/vcmi/rooms", null);
            assertThat(v.get("rooms")).singleElement().satisfies(r -> {
                assertThat(r.get("name").asText()).isEqualTo("den");
                assertThat(r.get("host").asText()).isEqualTo("carol");
                assertThat(r.get("players")).extracting(p -> p.get("name").asText()).containsExactly("carol");
                assertThat(r.get("total").asInt()).isEqualTo(3);
                assertThat(r.get("passworded").asBoolean()).isTrue();
            });
            JsonNode arena = v.get("games").get(0);
            assertThat(arena.get("name").asText()).isEqualTo("arena");
            JsonNode pipes = arena.get("pipes");
            assertThat(pipes).extracting(p -> p.get("player").asText() + "/" + p.get("role").asText())
                    .containsExactlyInAnyOrder("alice/server", "bob/client");
            JsonNode hostPipe = pipes.get(0).get("role").asText().equals("server") ? pipes.get(0) : pipes.get(1);
            long handshake = VcmiPipeClient.handshakeBytes("server", game[0]).length;
            assertThat(hostPipe.get("bytes").asLong()).as("the handshake and the 1000 bytes the host sent").isEqualTo(handshake + 1000);
            assertThat(hostPipe.get("paired").asBoolean()).isTrue();
            assertThat(hostPipe.get("address").asText()).startsWith("127.0.0.1:");
        }
        await().until(() -> server.adminJson("GET", "/api/v1/vcmi/rooms", null).get("games").isEmpty());
    }

    @Test
    void astronObjectsByZoneAndClientsWithTheirInterests() throws Exception {
        GameServerLink gs = server.gameServer();
        gs.createZone(5000);
        gs.createAvatar(6001, 5000, 10, "ann", 0, 0);
        gs.createAvatar(6002, 5000, 10, "bob", 0, 0);
        gs.createAvatar(6003, 5000, 11, "cid", 0, 0);
        gs.synced(6003);
        AstronClient client = server.astron();
        client.setField(EveryFrontServer.LOGIN, "LoginManager", "login", "ann");
        long channel = gs.loginSender();
        gs.establish(channel);
        await().until(() -> state(channel).equals("ESTABLISHED"));
        client.awaitInterestDone(client.addInterest(7, 5000, 10, 11));

        JsonNode objects = server.adminJson("GET", "/api/v1/astron/objects", null);
        assertThat(objects.get("zones")).extracting(z -> z.get("parent").asLong() + "/" + z.get("zone").asLong() + ":" + z.get("objects").asInt())
                .containsExactly("0/0:1", "5000/10:2", "5000/11:1");
        assertThat(objects.get("objects")).extracting(o -> o.get("id").asLong() + " " + o.get("dclass").asText())
                .containsExactly("5000 Zone", "6001 Avatar", "6002 Avatar", "6003 Avatar");

        JsonNode c = server.adminJson("GET", "/api/v1/astron/clients", null).get("clients").get(0);
        assertThat(c.get("channel").asLong()).isEqualTo(channel);
        assertThat(c.get("address").asText()).startsWith("127.0.0.1:");
        assertThat(c.get("interests")).singleElement().satisfies(i -> {
            assertThat(i.get("id").asInt()).isEqualTo(7);
            assertThat(i.get("parent").asLong()).isEqualTo(5000);
            assertThat(i.get("zones")).extracting(JsonNode::asLong).containsExactly(10L, 11L);
        });
    }

    private String state(long channel) throws Exception {
        for (JsonNode c : server.adminJson("GET", "/api/v1/astron/clients", null).get("clients")) {
            if (c.get("channel").asLong() == channel) {
                return c.get("state").asText();
            }
        }
        return "";
    }

    @Test
    void marauroaZonesWithTheirPlayersAndTheTurn() throws Exception {
        server.marauroa("mia", "mia");
        await().until(() -> server.adminJson("GET", "/api/v1/marauroa/zones", null).get("zones").size() > 0);
        JsonNode m = server.adminJson("GET", "/api/v1/marauroa/zones", null);
        assertThat(m.get("turn_ms").asLong()).isEqualTo(300);
        JsonNode zone = m.get("zones").get(0);
        assertThat(zone.get("players").asInt()).isEqualTo(1);
        assertThat(zone.get("objects").asInt()).isGreaterThanOrEqualTo(1);
        long turns = m.get("turns").asLong();
        server.clock.advance(Duration.ofMillis(300));
        await().until(() -> server.adminJson("GET", "/api/v1/marauroa/zones", null).get("turns").asLong() == turns + 1);
    }

    @Test
    void theEventStreamPushesThePictureWithTheKeyOnly() throws Exception {
        HttpResponse<InputStream> without = http.send(HttpRequest.newBuilder(URI.create(server.http() + ConsoleApi.EVENTS))
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(without.statusCode()).isEqualTo(401);
        without.body().close();

        server.control("ann");
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(server.http() + ConsoleApi.EVENTS))
                .header("Authorization", "Bearer " + EveryFrontServer.KEY).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertThat(in.readLine()).isEqualTo("event: history");
            JsonNode history = json.readTree(in.readLine().substring("data: ".length()));
            assertThat(history.get("every_seconds").asInt()).isEqualTo(5);
            assertThat(history.get("samples")).as("the first sample, taken at start").hasSize(1);
            assertThat(in.readLine()).isEmpty();
            for (int pushes = 0; pushes < 2; pushes++) {
                assertThat(in.readLine()).isEqualTo("event: snapshot");
                JsonNode p = json.readTree(in.readLine().substring("data: ".length()));
                assertThat(in.readLine()).isEmpty();
                assertThat(p.get("sessions")).extracting(s -> s.get("account").asText()).containsExactly("ann");
                assertThat(p.get("fronts")).hasSize(4);
                assertThat(p.get("views").get("vcmi").get("rooms")).isEmpty();
                assertThat(p.get("views").get("astron").get("clients")).isEmpty();
                assertThat(p.get("views").get("marauroa").get("turn_ms").asInt()).isEqualTo(300);
                assertThat(p.get("sample").get("connections").get("control").asInt()).isZero();
            }
        }
    }

    @Test
    void thePageNeedsNoKeyAndLoadsNothingFromElsewhere() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(server.http() + "/console")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(p -> assertThat(p)
                .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'"));
        assertThat(page.body()).contains("/console/console.js", "/console/console.css").doesNotContain("http://", "https://");
        for (String file : List.of("console.js", "console.css")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.http() + "/console/" + file)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(file).isEqualTo(200);
            assertThat(r.body().replace("http://www.w3.org/2000/svg", "")).as("nothing but the SVG namespace").doesNotContain("http://", "https://");
        }
        assertThat(http.send(HttpRequest.newBuilder(URI.create(server.http() + "/console/..%2Fadmin.key")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(server.http() + "/api/v1/fronts")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    private static List<String> names(JsonNode found) {
        List<String> out = new ArrayList<>();
        found.get("accounts").forEach(a -> out.add(a.get("username").asText()));
        return out;
    }
}
