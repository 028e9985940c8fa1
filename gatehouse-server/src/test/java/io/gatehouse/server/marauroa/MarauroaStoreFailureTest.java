package io.gatehouse.server.marauroa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.marauroa.crypto.SecureLogin;
import io.gatehouse.marauroa.message.MarauroaMessage.*;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A login the store fails to decide gets no answer, as Marauroa's server gives none when its
 * database fails (its login command ends without a result); the connection keeps its promise,
 * so the login may be sent again. Gatehouse answered USERNAME_WRONG and closed before. Nor
 * does the failure count against the address in the failed-login throttle: it was no wrong password.
 */
class MarauroaStoreFailureTest extends MarauroaFixture {

    @Test
    void aLoginTheStoreFailsIsNotAnsweredAndMayBeSentAgain() throws Exception {
        start("  failed_logins_per_account: 1\n");
        try (MarauroaClient c = client(); Connection db = DriverManager.getConnection("jdbc:h2:file:" + dir + "/db");
                Statement sql = db.createStatement()) {
            c.createAccount("ann", "secret", "a@example.org");
            c.send(new LoginRequestKey("game", "1"));
            c.next();
            c.send(new LoginSendPromise(SecureLogin.md5(SecureLogin.nonce()), "en"));
            int clientId = c.next().clientId();

            sql.execute("ALTER TABLE accounts RENAME TO accounts_away");
            c.sendAs(clientId, new LoginSendUsernameAndPassword("ann", "secret"));
            await().until(() -> metrics().contains("gatehouse_auth_total{front=\"marauroa\",result=\"store_error\"} 1.0"));
            sql.execute("ALTER TABLE accounts_away RENAME TO accounts");

            c.sendAs(clientId, new LoginSendUsernameAndPassword("ann", "secret"));
            assertThat(c.next().message()).as("nothing came for the failed login; the connection kept its promise; the throttle did not count it")
                    .isInstanceOf(LoginAck.class);
            assertThat(c.next().message()).isInstanceOf(ServerInfo.class);
            assertThat(c.next().message()).isInstanceOf(CharacterList.class);
        }
    }
}
