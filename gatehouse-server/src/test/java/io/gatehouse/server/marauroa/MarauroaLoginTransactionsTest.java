package io.gatehouse.server.marauroa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.core.testing.CommitCounter;
import io.gatehouse.core.testing.TestDatabases;
import io.gatehouse.marauroa.MarauroaFront;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.message.MarauroaMessage.CharacterList;
import io.gatehouse.marauroa.message.MarauroaMessage.CreateCharacterAck;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: a successful secure login — C2S_LOGIN_REQUESTKEY, the promise, the encrypted
 * password, and S2C_LOGIN_ACK, S2C_SERVERINFO and S2C_CHARACTERLIST back — costs the server
 * one store transaction, counted by the commits of the store's connections, on H2 and on
 * PostgreSQL. Its login event is written with the others of its second, and the next login
 * names it as the previous one either way. A browser's token login (section 11.6) is one
 * transaction too, which spends the token and writes the success.
 */
class MarauroaLoginTransactionsTest extends MarauroaFixture {

    private String url;

    @Override
    String databaseUrl() {
        return url;
    }

    /** A test's steps on a store at a real JDBC URL. */
    @FunctionalInterface
    private interface OnStore {
        void run(String realUrl) throws Exception;
    }

    private void onH2(OnStore steps) throws Exception {
        steps.run("jdbc:h2:file:" + dir + "/db;DB_CLOSE_ON_EXIT=FALSE");
    }

    private void onPostgres(OnStore steps) throws Exception {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema()) {
            try {
                steps.run(schema.url());
            } finally {
                gatehouse.close();
            }
        }
    }

    @Test
    void aSecureLoginIsOneTransactionOnH2() throws Exception {
        onH2(this::oneTransactionALogin);
    }

    @Test
    void aSecureLoginIsOneTransactionOnPostgres() throws Exception {
        onPostgres(this::oneTransactionALogin);
    }

    @Test
    void aBrowsersTokenLoginIsOneTransactionOnH2() throws Exception {
        onH2(this::oneTransactionABrowserLogin);
    }

    @Test
    void aBrowsersTokenLoginIsOneTransactionOnPostgres() throws Exception {
        onPostgres(this::oneTransactionABrowserLogin);
    }

    private void oneTransactionALogin(String realUrl) throws Exception {
        CommitCounter counter = CommitCounter.over(realUrl);
        url = counter.url();
        start("");
        try (MarauroaClient c = loggedIn("ann")) {
            assertThat(c.createCharacter("hero", new RPObject(c.classes().get("player")).put("name", "hero")))
                    .isInstanceOf(CreateCharacterAck.class);
            assertThat(c.next().message()).isInstanceOf(CharacterList.class);
        }
        clock.advance(Duration.ofSeconds(1));
        await().until(() -> loginEvents(realUrl) == 1);

        long before = counter.commits();
        MarauroaClient.Login in;
        try (MarauroaClient c = client()) {
            in = c.login("ann", "secret", "game", "1");
        }
        assertThat(counter.commits() - before).as("store transactions of one successful login").isEqualTo(1);
        assertThat(in.characters()).containsExactly("hero");
        assertThat(in.previousLogins()).singleElement().asString().as("the first login, written in its batch")
                .startsWith("Login successful at ");

        long beforeAgain = counter.commits();
        try (MarauroaClient c = client()) {
            assertThat(c.login("ann", "secret", "game", "1").previousLogins()).singleElement().asString()
                    .as("the login before, still waiting for its batch").startsWith("Login successful at ");
        }
        assertThat(counter.commits() - beforeAgain).isEqualTo(1);
        assertThat(loginEvents(realUrl)).as("neither login's event is written yet").isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        await().until(() -> loginEvents(realUrl) == 3);
        assertThat(counter.commits() - before).as("both logins' events in one write").isEqualTo(3);
    }

    /** Section 11.6: the token is spent, and the success written with it, in the login's one transaction. */
    private void oneTransactionABrowserLogin(String realUrl) throws Exception {
        CommitCounter counter = CommitCounter.over(realUrl);
        url = counter.url();
        start("  websocket: 127.0.0.1:0/ws/\n");
        var s = gatehouse.services();
        s.accounts().create("webby", "secret".toCharArray());
        String token = s.tokens().issue("webby", Duration.ofMinutes(1)).token();
        MarauroaWebSocketTest.Browser web = new MarauroaWebSocketTest.Browser();
        web.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + gatehouse.front(MarauroaFront.class).webSocketAddress().getPort() + "/ws/"), web)
                .get(10, TimeUnit.SECONDS);
        String greeting = web.next();
        String id = greeting.substring(greeting.indexOf("\"c\": \"") + 6, greeting.indexOf("\",\"s\""));

        long before = counter.commits();
        web.send("{\"t\":\"34\",\"c\":\"" + id + "\",\"s\":\"1\",\"u\":\"webby\",\"p\":\"" + token + "\"}");
        assertThat(web.next()).as("S2C_LOGIN_ACK").startsWith("{\"t\": \"13\"");
        assertThat(web.next()).as("S2C_SERVERINFO").startsWith("{\"t\": \"20\"");
        assertThat(web.next()).as("S2C_CHARACTERLIST").startsWith("{\"t\": \"9\"");
        assertThat(counter.commits() - before).as("store transactions of one browser login").isEqualTo(1);
        assertThat(loginEvents(realUrl)).as("its event committed with the spent token").isEqualTo(1);
        web.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
    }

    /** The login events stored, read past the counter. */
    private static int loginEvents(String realUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(realUrl); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM login_events")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
