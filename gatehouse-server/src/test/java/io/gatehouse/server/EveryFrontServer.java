package io.gatehouse.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.astron.AstronFront;
import io.gatehouse.client.astron.AstronClient;
import io.gatehouse.client.control.ControlClient;
import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.client.vcmi.VcmiLobbyClient;
import io.gatehouse.control.ControlFront;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.marauroa.MarauroaFront;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.server.astron.GameServerLink;
import io.gatehouse.server.config.ConfigLoader;
import io.gatehouse.vcmi.VcmiFront;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A whole Gatehouse with all four fronts on loopback ports and a manual clock, with what the
 * console's tests put in it: a client of each front, a vcmi game with its pipes, an astron game
 * server on the Message Director that makes objects and lets a client in, a marauroa player in
 * the world. Close it to stop the server and every client it made.
 */
public final class EveryFrontServer implements AutoCloseable {

    public static final String KEY = "console-admin-key";
    /** The astron UberDOG a client logs in through, and the game server's own channel. */
    public static final long LOGIN = 4665;
    public static final long GAME_SERVER = 777;
    private static final int UUID_LENGTH = 36;

    public final ManualScheduler clock = new ManualScheduler(System.currentTimeMillis());
    public final Gatehouse gatehouse;
    private final Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final List<AutoCloseable> opened = new ArrayList<>();

    private EveryFrontServer() throws Exception {
        dir = Files.createTempDirectory("gatehouse-every-front");
        Files.writeString(dir.resolve("game.dc"), GameServerLink.DC);
        gatehouse = Gatehouse.start(ConfigLoader.parse("""
                data_dir: data
                database: {url: "jdbc:h2:mem:every-front-%s;DB_CLOSE_DELAY=-1"}
                http: {bind: "127.0.0.1:0", admin_key: %s}
                accounts: {argon2_memory_kib: 64, argon2_iterations: 1}
                control: {bind: "127.0.0.1:0", websocket: "off"}
                marauroa: {bind: "127.0.0.1:0", key_bits: 512}
                vcmi: {bind: "127.0.0.1:0", healthcheck: 0}
                astron:
                  enabled: true
                  bind: 127.0.0.1:0
                  md_bind: 127.0.0.1:0
                  dc_files: [game.dc]
                  version: console
                  interests: enabled
                  anonymous_uberdogs: [{id: 4665, class: LoginManager}]
                """.formatted(UUID.randomUUID(), KEY), dir), clock);
    }

    public static EveryFrontServer start() throws Exception {
        return new EveryFrontServer();
    }

    public String http() {
        return "http://127.0.0.1:" + gatehouse.httpPort();
    }

    /** An admin call with the key; {@code body} null for none. */
    public HttpResponse<String> admin(String method, String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(http() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An admin call that must answer 200; its JSON. */
    public JsonNode adminJson(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = admin(method, path, body);
        if (r.statusCode() != 200) {
            throw new AssertionError(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return json.readTree(r.body());
    }

    private <T extends AutoCloseable> T opened(T c) {
        opened.add(c);
        return c;
    }

    /** A control client authenticated as {@code account} (made when missing). */
    public ControlClient control(String account) throws Exception {
        gatehouse.services().accounts().find(account).orElseGet(() -> gatehouse.services().accounts().create(account, "pw".toCharArray()));
        String token = gatehouse.services().tokens().issue(account, Duration.ofMinutes(10)).token();
        ControlClient c = opened(ControlClient.tcp(gatehouse.front(ControlFront.class).tcpAddress()));
        c.auth(token);
        return c;
    }

    /** A greeted vcmi lobby user. */
    public VcmiLobbyClient vcmi(String name) throws Exception {
        VcmiLobbyClient c = opened(VcmiLobbyClient.connect(gatehouse.front(VcmiFront.class).address()));
        c.hello(5, "", "<GREETINGS>" + name + "<VER>1.5.0");
        c.takeThrough("currently playing 0");
        return c;
    }

    /**
     * Starts a two-player vcmi game in room {@code room} between two new users, whose lobby
     * connections then close; returns {host uuid, host's client uuid, guest's client uuid}.
     */
    public String[] vcmiGame(String room, String host, String guest) throws Exception {
        VcmiLobbyClient a = vcmi(host);
        VcmiLobbyClient b = vcmi(guest);
        a.send("<NEW>" + room + "<PSWD><COUNT>2");
        a.takeThrough("You are in the room chat.");
        b.send("<JOIN>" + room + "<PSWD>");
        b.takeThrough(":>>GAMEMODE:0");
        a.send("<READY>" + room);
        b.send("<READY>" + room);
        a.takeThrough(":>>HOST:");
        String hostUuid = new String(a.take(UUID_LENGTH), StandardCharsets.US_ASCII);
        a.takeThrough(":1:>>START:");
        String hostClient = new String(a.take(UUID_LENGTH), StandardCharsets.US_ASCII);
        b.takeThrough(":>>START:");
        String guestClient = new String(b.take(UUID_LENGTH), StandardCharsets.US_ASCII);
        return new String[] {hostUuid, hostClient, guestClient};
    }

    /** A marauroa player with a new account and character, in the game. */
    public MarauroaClient marauroa(String user, String character) throws Exception {
        MarauroaClient c = opened(new MarauroaClient(gatehouse.front(MarauroaFront.class).address()));
        c.createAccount(user, "secret", user + "@example.org");
        c.login(user, "secret", "game", "1");
        c.createCharacter(character, new RPObject(c.classes().get("player")));
        c.next();
        c.chooseCharacter(character);
        return c;
    }

    /** An astron client past its HELLO, anonymous. */
    public AstronClient astron() throws Exception {
        AstronFront front = gatehouse.front(AstronFront.class);
        AstronClient c = opened(new AstronClient(front.clientAgent().address(), front.dc()));
        c.hello("console");
        return c;
    }

    /**
     * A game server process on the Message Director, subscribed to its own channel and the login
     * UberDOG's; the subscriptions hold once a {@link GameServerLink#synced} has returned.
     */
    public GameServerLink gameServer() throws IOException {
        GameServerLink gs = opened(new GameServerLink(gatehouse.front(AstronFront.class).mdAddress(), GAME_SERVER));
        gs.subscribe(GAME_SERVER);
        gs.subscribe(LOGIN);
        return gs;
    }


    @Override
    public void close() {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception ignored) {
                // a client already gone
            }
        }
        gatehouse.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
