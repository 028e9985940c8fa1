package io.gatehouse.server.marauroa;

import io.gatehouse.marauroa.MarauroaFront;
import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.server.Gatehouse;
import io.gatehouse.server.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the marauroa server tests share: a Gatehouse with only the marauroa front (and the
 * HTTP API, for its metrics) on loopback ports, cheap Argon2id and a 512-bit key, on a manual clock, its database in the
 * test's temporary folder (so that a restart finds it again); stopped after each test.
 */
abstract class MarauroaFixture {

    @TempDir
    Path dir;
    /** The turn of the default config. */
    static final Duration TURN = Duration.ofMillis(300);
    final ManualScheduler clock = new ManualScheduler(System.currentTimeMillis());
    Gatehouse gatehouse;

    /**
     * Starts the server (again, after {@code gatehouse.close()}, for a restart);
     * {@code marauroaKeys}: more keys of the marauroa section, each line indented two spaces.
     */
    Gatehouse start(String marauroaKeys) throws Exception {
        gatehouse = Gatehouse.start(ConfigLoader.parse("""
                data_dir: data
                database: {url: "%s"}
                http: {bind: "127.0.0.1:0", admin_key: k}
                control: {enabled: false}
                vcmi: {enabled: false}
                accounts: {argon2_memory_kib: 64, argon2_iterations: 1}
                marauroa:
                  enabled: true
                  bind: 127.0.0.1:0
                  key_bits: 512
                %s""".formatted(databaseUrl(), marauroaKeys), dir), clock);
        return gatehouse;
    }

    /** The server's store: an H2 file in the test's folder, unless a test says otherwise. */
    String databaseUrl() {
        return "jdbc:h2:file:" + dir + "/db";
    }

    @AfterEach
    void stopGatehouse() {
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    /**
     * Moves the clock one turn on once the turn loop has finished what it was doing: a turn
     * still running when the next falls due makes that one skip (as on a real clock), and a
     * test that has just read the last turn's perception could otherwise outrun its end.
     */
    void playTurn() throws Exception {
        gatehouse.front(MarauroaFront.class).services().loop().call(() -> null).get(10, TimeUnit.SECONDS);
        clock.advance(TURN);
    }

    /** The Prometheus text of {@code /metrics}. */
    String metrics() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.httpPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    MarauroaClient client() throws InterruptedException {
        return new MarauroaClient(gatehouse.front(MarauroaFront.class).address());
    }

    /** A client with a new account, logged in. */
    MarauroaClient loggedIn(String user) throws Exception {
        MarauroaClient c = client();
        c.createAccount(user, "secret", user + "@example.org");
        c.login(user, "secret", "game", "1");
        return c;
    }
}
