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
import io.gatehouse.server.config.ConfigLoader;
import io.gatehouse.vcmi.VcmiFront;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
    /** The State Server's control channel (the default config's). */
    private static final long STATE_SERVER = 402_000;
    private static final int UUID_LENGTH = 36;
    private static final String DC = """
            dclass LoginManager {
                login(string user) clsend;
            };
            dclass Zone {
            };
            dclass Avatar {
                setName(string) required broadcast ram;
            };
            """;

    public final ManualScheduler clock = new ManualScheduler(System.currentTimeMillis());
    public final Gatehouse gatehouse;
    private final Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final List<AutoCloseable> opened = new ArrayList<>();

    private EveryFrontServer() throws Exception {
        dir = Files.createTempDirectory("gatehouse-every-front");
        Files.writeString(dir.resolve("game.dc"), DC);
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

    /** A game server process on the Message Director, subscribed to its own channel and the login UberDOG's. */
    public GameServer gameServer() throws IOException {
        GameServer gs = opened(new GameServer(gatehouse.front(AstronFront.class).mdAddress().getPort()));
        gs.subscribe(GAME_SERVER);
        gs.subscribe(LOGIN);
        return gs;
    }

    /** Internal datagrams to and from the Message Director (docs/protocol/astron.md). */
    public static final class GameServer implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final DataInputStream in;

        GameServer(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            out = socket.getOutputStream();
            in = new DataInputStream(socket.getInputStream());
        }

        public void send(long to, int type, ByteBuffer args) throws IOException {
            args.flip();
            ByteBuffer d = ByteBuffer.allocate(2 + 1 + 8 + 8 + 2 + args.remaining()).order(ByteOrder.LITTLE_ENDIAN);
            d.putShort((short) (d.capacity() - 2)).put((byte) 1).putLong(to).putLong(GAME_SERVER).putShort((short) type).put(args);
            out.write(d.array());
            out.flush();
        }

        /** CONTROL_ADD_CHANNEL. */
        void subscribe(long channel) throws IOException {
            ByteBuffer d = ByteBuffer.allocate(2 + 1 + 8 + 2 + 8).order(ByteOrder.LITTLE_ENDIAN);
            d.putShort((short) 19).put((byte) 1).putLong(1).putShort((short) 9000).putLong(channel);
            out.write(d.array());
            out.flush();
        }

        /** STATESERVER_CREATE_OBJECT_WITH_REQUIRED of a Zone (class 1) at 0/0. */
        public void createZone(long doId) throws IOException {
            send(STATE_SERVER, 2000, args().putInt((int) doId).putInt(0).putInt(0).putShort((short) 1));
        }

        /** STATESERVER_CREATE_OBJECT_WITH_REQUIRED of an Avatar (class 2) named {@code name} in the parent's zone. */
        public void createAvatar(long doId, long parent, long zone, String name) throws IOException {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            send(STATE_SERVER, 2000, args().putInt((int) doId).putInt((int) parent).putInt((int) zone).putShort((short) 2)
                    .putShort((short) n.length).put(n));
        }

        /** Waits for the client's login field update to the UberDOG and returns the client's channel (its sender). */
        public long loginSender() throws IOException {
            for (;;) {
                ByteBuffer d = receive();
                long sender = d.getLong();
                if (d.getShort() == 2020) {
                    return sender;
                }
            }
        }

        /** CLIENTAGENT_SET_STATE ESTABLISHED for the client on {@code channel}. */
        public void establish(long channel) throws IOException {
            send(channel, 1000, args().putShort((short) 2));
        }

        private ByteBuffer receive() throws IOException {
            int length = in.readUnsignedByte() | in.readUnsignedByte() << 8;
            byte[] d = new byte[length];
            in.readFully(d);
            ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
            b.position(1 + 8 * (d[0] & 0xFF));
            return b;
        }

        private static ByteBuffer args() {
            return ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
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
