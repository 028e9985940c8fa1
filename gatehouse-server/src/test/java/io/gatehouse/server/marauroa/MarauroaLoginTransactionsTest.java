package io.gatehouse.server.marauroa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.core.testing.CommitCounter;
import io.gatehouse.core.testing.TestDatabases;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.message.MarauroaMessage.CharacterList;
import io.gatehouse.marauroa.message.MarauroaMessage.CreateCharacterAck;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: a successful secure login — C2S_LOGIN_REQUESTKEY, the promise, the encrypted
 * password, and S2C_LOGIN_ACK, S2C_SERVERINFO and S2C_CHARACTERLIST back — costs the server
 * one store transaction, counted by the commits of the store's connections, on H2 and on
 * PostgreSQL. Its login event is written with the others of its second, and the next login
 * names it as the previous one either way.
 */
class MarauroaLoginTransactionsTest extends MarauroaFixture {

    private String url;

    @Override
    String databaseUrl() {
        return url;
    }

    @Test
    void aSecureLoginIsOneTransactionOnH2() throws Exception {
        oneTransactionALogin("jdbc:h2:file:" + dir + "/db;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void aSecureLoginIsOneTransactionOnPostgres() throws Exception {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema()) {
            try {
                oneTransactionALogin(schema.url());
            } finally {
                gatehouse.close();
            }
        }
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

    /** The login events stored, read past the counter. */
    private static int loginEvents(String realUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(realUrl); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM login_events")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
