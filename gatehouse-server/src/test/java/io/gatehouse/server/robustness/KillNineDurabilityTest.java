package io.gatehouse.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.client.control.ControlClient;
import io.gatehouse.client.control.ControlException;
import io.gatehouse.core.testing.TestDatabases;
import io.gatehouse.server.Main;
import io.gatehouse.server.PrintedPorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ARCHITECTURE's promise, "nothing the server acknowledged to a client is lost if the process
 * is killed", against the real process: client threads create accounts over the HTTP API,
 * issue tokens and spend some of them with control auth, while the server is killed with
 * SIGKILL and started again on the same data; afterwards every acknowledged account exists,
 * every acknowledged spend is refused as spent, every session an auth answered still resumes,
 * and every acknowledged unspent token still authenticates. Writes in flight at the kill were never acknowledged, so they may go either way.
 */
class KillNineDurabilityTest {

    private static final Pattern CONTROL_LINE = Pattern.compile("gatehouse: control {2}tcp {2}127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern HTTP_LINE = Pattern.compile("gatehouse: http {5}api {2}http://127\\.0\\.0\\.1:(\\d+)/");
    private static final String ADMIN_KEY = "kill-nine-admin-key";
    private static final int KILLS = 2;
    private static final int THREADS = 3;
    private static final int OPS_PER_THREAD = 40;
    /** Acknowledged writes in a round before the kill: enough that it lands mid-way. */
    private static final int KILL_AFTER = 24;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Every write the server acknowledged, by kind. */
    private final Queue<String> accounts = new ConcurrentLinkedQueue<>();
    private final Queue<String> spentTokens = new ConcurrentLinkedQueue<>();
    private final Queue<String> unspentTokens = new ConcurrentLinkedQueue<>();
    private final Queue<String> sessions = new ConcurrentLinkedQueue<>();

    @Test
    void embeddedH2LosesNoAcknowledgedWrite() throws Exception {
        killAndCount("");
    }

    @Test
    void postgresLosesNoAcknowledgedWrite() throws Exception {
        String url = postgresUrl();
        String schema = "kill_" + UUID.randomUUID().toString().replace("-", "");
        sql(url, "CREATE SCHEMA " + schema);
        try {
            killAndCount(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        } finally {
            sql(url, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /**
     * The login journal's own promise, made certain rather than likely: while a transaction holds
     * the tokens' table and the journal's checkpoint table, auths are answered from the journal
     * alone (their rows cannot reach the store, and their spent tokens are only ever in the
     * journal); the process is killed, and the next start applies them.
     */
    @Test
    void postgresKeepsWhatOnlyTheLoginJournalHeldAtTheKill() throws Exception {
        String url = postgresUrl();
        String schema = "journal_" + UUID.randomUUID().toString().replace("-", "");
        sql(url, "CREATE SCHEMA " + schema);
        String inSchema = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try {
            Path config = config(inSchema);
            List<String> spent = new ArrayList<>();
            List<String> resumable = new ArrayList<>();
            List<String> unspent = new ArrayList<>();
            try (Server s = Server.start(config); Connection lock = DriverManager.getConnection(inSchema)) {
                assertThat(post(s, "/api/v1/accounts", "{\"username\":\"jo\",\"password\":\"pw\"}").statusCode()).isEqualTo(201);
                List<String> tokens = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    tokens.add(field(post(s, "/api/v1/tokens", "{\"username\":\"jo\",\"ttl_seconds\":3600}").body(), "token"));
                }
                lock.setAutoCommit(false);
                try (Statement st = lock.createStatement()) {
                    st.execute("LOCK TABLE auth_tokens, journal_applied IN EXCLUSIVE MODE");
                }
                for (int i = 0; i < 3; i++) {
                    try (ControlClient c = ControlClient.tcp(s.control).timeout(Duration.ofSeconds(5))) {
                        resumable.add(c.auth(tokens.get(i)).sessionId());
                    }
                    spent.add(tokens.get(i));
                }
                unspent.addAll(tokens.subList(3, 5));
                assertThat(count(lock, "SELECT COUNT(*) FROM sessions")).as("the answered sessions are not rows yet").isZero();
                s.process.destroyForcibly();
                assertThat(s.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                lock.rollback();
            }
            try (Server s = Server.start(config)) {
                for (String token : spent) {
                    assertThat(authenticates(s, token)).as("a token spent before the kill").isFalse();
                }
                for (String session : resumable) {
                    assertThat(resumes(s, session)).as("a session answered before the kill").isTrue();
                }
                for (String token : unspent) {
                    assertThat(authenticates(s, token)).as("a token never spent").isTrue();
                }
            }
        } finally {
            sql(url, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /**
     * A spent token is only in the login journal (it is never a row while the node runs): killed,
     * and started again with the journal off, the node still finds it spent.
     */
    @Test
    void aSpendOnlyTheJournalHeldStaysSpentWhenTheNextRunHasNoJournal() throws Exception {
        String spent;
        String unspent;
        try (Server s = Server.start(config(""))) {
            assertThat(post(s, "/api/v1/accounts", "{\"username\":\"kit\",\"password\":\"pw\"}").statusCode()).isEqualTo(201);
            spent = field(post(s, "/api/v1/tokens", "{\"username\":\"kit\",\"ttl_seconds\":3600}").body(), "token");
            unspent = field(post(s, "/api/v1/tokens", "{\"username\":\"kit\",\"ttl_seconds\":3600}").body(), "token");
            assertThat(authenticates(s, spent)).isTrue();
            s.process.destroyForcibly();
            assertThat(s.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (Server s = Server.start(config("", "off"))) {
            assertThat(authenticates(s, spent)).as("the token spent before the kill").isFalse();
            assertThat(authenticates(s, unspent)).as("a token never spent").isTrue();
        }
        assertThat(dir.resolve("data").resolve("journal")).as("its files made rows and deleted").isEmptyDirectory();
    }

    /** The suite's PostgreSQL; the test is skipped without one, unless the test command requires it. */
    private static String postgresUrl() {
        String url = System.getenv(TestDatabases.POSTGRES_ENV);
        if (url == null || url.isBlank()) {
            assertThat(System.getenv(TestDatabases.REQUIRE_ENV)).as("PostgreSQL is required by the test command").isNotEqualTo("1");
            Assumptions.abort(TestDatabases.POSTGRES_ENV + " not set; run the suite with ./gatehouse test to include PostgreSQL");
        }
        return url;
    }

    private static long count(Connection c, String query) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Path config(String databaseUrl) throws IOException {
        return config(databaseUrl, "write");
    }

    private Path config(String databaseUrl, String journal) throws IOException {
        Path config = dir.resolve("g-" + journal + ".yml");
        Files.writeString(config, """
                data_dir: %s
                database: {url: "%s", journal: %s}
                http: {bind: "127.0.0.1:0", admin_key: "%s"}
                accounts: {argon2_memory_kib: 64, argon2_iterations: 1}
                control: {bind: "127.0.0.1:0", websocket: "off"}
                vcmi: {enabled: false}
                marauroa: {enabled: false}
                astron: {enabled: false}
                """.formatted(dir.resolve("data"), databaseUrl, journal, ADMIN_KEY));
        return config;
    }

    private void killAndCount(String databaseUrl) throws Exception {
        Path config = config(databaseUrl);
        for (int round = 0; round < KILLS; round++) {
            try (Server s = Server.start(config)) {
                List<Thread> clients = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    String prefix = "r" + round + "t" + t + "n";
                    Thread c = new Thread(() -> writeUntilKilled(s, prefix), "kill-nine-client-" + t);
                    c.start();
                    clients.add(c);
                }
                int before = acknowledged();
                await().atMost(Duration.ofMinutes(2))
                        .until(() -> acknowledged() - before >= KILL_AFTER || clients.stream().noneMatch(Thread::isAlive));
                s.process.destroyForcibly(); // SIGKILL, while the clients are still writing
                assertThat(s.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                for (Thread c : clients) {
                    c.join(Duration.ofMinutes(1).toMillis());
                    assertThat(c.isAlive()).as("client thread stopped after the kill").isFalse();
                }
            }
        }
        assertThat(accounts).as("accounts acknowledged before the kills").hasSizeGreaterThanOrEqualTo(KILLS * 4);
        assertThat(spentTokens).as("spends acknowledged").isNotEmpty();
        assertThat(unspentTokens).as("unspent tokens acknowledged").isNotEmpty();

        try (Server s = Server.start(config)) {
            List<String> missing = new ArrayList<>();
            for (String name : accounts) {
                int status = post(s, "/api/v1/accounts", "{\"username\":\"" + name + "\",\"password\":\"pw\"}").statusCode();
                if (status != 409) {
                    missing.add("account " + name + " (creating it again answered " + status + ")");
                }
            }
            for (String token : spentTokens) {
                if (authenticates(s, token)) {
                    missing.add("spend of token " + token + " (it authenticated again)");
                }
            }
            for (String token : unspentTokens) {
                if (!authenticates(s, token)) {
                    missing.add("issued token " + token + " (refused, never spent)");
                }
            }
            for (String session : sessions) {
                if (!resumes(s, session)) {
                    missing.add("session " + session + " (its reconnect was refused)");
                }
            }
            System.out.printf("kill -9 durability (%s): %d kills; acknowledged %d accounts, %d spends, %d sessions, %d unspent tokens;"
                    + " %d missing%n", databaseUrl.isEmpty() ? "H2" : "PostgreSQL", KILLS, accounts.size(), spentTokens.size(),
                    sessions.size(), unspentTokens.size(), missing.size());
            assertThat(missing).as("acknowledged writes missing after %d kills (of %d accounts, %d spends, %d tokens)",
                    KILLS, accounts.size(), spentTokens.size(), unspentTokens.size()).isEmpty();
        }
    }

    private int acknowledged() {
        return accounts.size() + spentTokens.size() + unspentTokens.size();
    }

    /** One client: account, token, and every other token spent; stops at the first failure (the kill). */
    private void writeUntilKilled(Server s, String prefix) {
        try {
            for (int i = 0; i < OPS_PER_THREAD; i++) {
                String name = prefix + i;
                HttpResponse<String> created = post(s, "/api/v1/accounts", "{\"username\":\"" + name + "\",\"password\":\"pw\"}");
                if (created.statusCode() != 201) {
                    return;
                }
                accounts.add(name);
                HttpResponse<String> issued = post(s, "/api/v1/tokens", "{\"username\":\"" + name + "\",\"ttl_seconds\":3600}");
                if (issued.statusCode() != 201) {
                    return;
                }
                String token = field(issued.body(), "token");
                if (i % 2 == 1) {
                    unspentTokens.add(token);
                    continue;
                }
                String session;
                try (ControlClient c = ControlClient.tcp(s.control).timeout(Duration.ofSeconds(5))) {
                    session = c.auth(token).sessionId();
                }
                spentTokens.add(token);
                sessions.add(session);
            }
        } catch (Exception killed) {
            // The server went away mid-write: that write was never acknowledged.
        }
    }

    private boolean authenticates(Server s, String token) throws InterruptedException {
        try (ControlClient c = ControlClient.tcp(s.control)) {
            c.auth(token);
            return true;
        } catch (ControlException refused) {
            return false;
        }
    }

    private boolean resumes(Server s, String session) throws InterruptedException {
        try (ControlClient c = ControlClient.tcp(s.control)) {
            c.reconnect(session);
            return true;
        } catch (ControlException refused) {
            return false;
        }
    }

    private HttpResponse<String> post(Server s, String path, String body) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.httpPort + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as("%s in %s", name, json).isTrue();
        return m.group(1);
    }

    private static void sql(String url, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** The server process started from this test's class path, with the ports it printed. */
    private record Server(Process process, InetSocketAddress control, int httpPort) implements AutoCloseable {

        static Server start(Path config) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "serve", "--config", config.toString())
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            int[] ports = PrintedPorts.read(out, CONTROL_LINE, HTTP_LINE);
            int control = ports[0];
            int httpPort = ports[1];
            if (control < 0 || httpPort < 0) {
                p.destroyForcibly();
                throw new AssertionError("the server did not print its control and HTTP ports");
            }
            // Keep reading its output so that a full pipe never blocks the server.
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // discard
                    }
                } catch (IOException ignored) {
                    // the process is gone
                }
            }, "kill-nine-drain");
            drain.setDaemon(true);
            drain.start();
            return new Server(p, new InetSocketAddress("127.0.0.1", control), httpPort);
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
