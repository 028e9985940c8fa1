package io.gatehouse.server;

import io.gatehouse.core.front.CoreServices;
import io.gatehouse.vcmi.VcmiFront;
import io.gatehouse.control.ControlFront;
import io.gatehouse.client.control.ControlClient;
import io.gatehouse.core.account.NoSuchAccountException;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.marauroa.MarauroaFront;
import io.gatehouse.server.config.ConfigLoader;
import io.gatehouse.server.config.GatehouseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * A whole Gatehouse on loopback ports the OS picks, with an in-memory database and a
 * manual clock: tests advance time instead of sleeping. Close it to stop the server.
 */
public final class TestServer implements AutoCloseable {

    public static final String ADMIN_KEY = "test-admin-key";

    public final ManualScheduler clock = new ManualScheduler(System.currentTimeMillis());
    public final Gatehouse gatehouse;
    private final Path dataDir;
    private final String databaseUrl = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    private TestServer(String controlExtra, String vcmiExtra) {
        try {
            dataDir = Files.createTempDirectory("gatehouse-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String yaml = "data_dir: " + dataDir + "\n"
                + "database: {url: '" + databaseUrl + "'}\n"
                + "http: {bind: '127.0.0.1:0', admin_key: " + ADMIN_KEY + "}\n"
                + "accounts: {argon2_memory_kib: 64, argon2_iterations: 1}\n"
                + "control:\n  bind: '127.0.0.1:0'\n  websocket: '127.0.0.1:0/v2'\n" + controlExtra
                + "marauroa:\n  bind: '127.0.0.1:0'\n  websocket: '127.0.0.1:0/ws/'\n  key_bits: 512\n"
                + "vcmi:\n  bind: '127.0.0.1:0'\n" + vcmiExtra;
        GatehouseConfig config = ConfigLoader.parse(yaml, dataDir);
        try {
            gatehouse = Gatehouse.start(config, clock);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static TestServer start() {
        return new TestServer("", "");
    }

    /** With extra lines for the control section, each indented two spaces, like {@code "  duplicate: reject_newer\n"}. */
    public static TestServer start(String controlExtra) {
        return new TestServer(controlExtra, "");
    }

    /** With extra lines for the control and vcmi sections, each indented two spaces, like {@code "  capacity: 3\n"}. */
    public static TestServer start(String controlExtra, String vcmiExtra) {
        return new TestServer(controlExtra, vcmiExtra);
    }

    public InetSocketAddress vcmi() {
        return gatehouse.front(VcmiFront.class).address();
    }

    public CoreServices services() {
        return gatehouse.services();
    }

    public InetSocketAddress tcp() {
        return gatehouse.front(ControlFront.class).tcpAddress();
    }

    public URI ws() {
        return ControlClient.webSocketUri(gatehouse.front(ControlFront.class).webSocketAddress(), "/v2");
    }

    /** The marauroa front's browser listener: its WebSocket on /ws/, and its pages. */
    public String marauroaWeb() {
        return "http://127.0.0.1:" + gatehouse.front(MarauroaFront.class).webSocketAddress().getPort();
    }

    public String http() {
        return "http://127.0.0.1:" + gatehouse.httpPort();
    }

    /** What {@code GET /metrics} answers now. */
    public String metrics() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The rows of a table of the server's database now: for tests that count what was written. */
    public int rows(String table) {
        try (Connection c = DriverManager.getConnection(databaseUrl); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client on the given transport, handshake sent. */
    public ControlClient connect(Transport t) {
        try {
            return t == Transport.TCP ? ControlClient.tcp(tcp()) : ControlClient.webSocket(ws());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates the account when it does not exist, then issues a 60 s token for it. */
    public String token(String username) {
        try {
            services().accounts().find(username).orElseGet(() -> services().accounts().create(username, "pw".toCharArray()));
            return services().tokens().issue(username, Duration.ofSeconds(60)).token();
        } catch (NoSuchAccountException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client that has authenticated as {@code username}. */
    public ControlClient authed(Transport t, String username) {
        ControlClient c = connect(t);
        c.auth(token(username));
        return c;
    }

    @Override
    public void close() {
        gatehouse.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }

    public enum Transport { TCP, WS }
}
