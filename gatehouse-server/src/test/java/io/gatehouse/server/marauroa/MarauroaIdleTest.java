package io.gatehouse.server.marauroa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.marauroa.message.MarauroaMessage.CreateAccountAck;
import io.gatehouse.marauroa.message.MarauroaMessage.LoginRequestKey;
import io.gatehouse.marauroa.message.MarauroaMessage.LoginSendKey;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Before its login promise a connection has proven nothing, so it may not stay silent for
 * longer than pre_login_timeout (docs/protocol/marauroa.md, section 7); Marauroa keeps such
 * sockets for good.
 */
class MarauroaIdleTest extends MarauroaFixture {

    @Test
    void aSocketThatNeverSendsAnythingIsClosedAfterThePreLoginTimeout() throws Exception {
        start("  pre_login_timeout: 20s\n");
        long due = clock.nowMillis() + 20_000;
        try (MarauroaClient c = client().timeout(Duration.ofSeconds(2))) {
            await("the server has started the connection's limit").atMost(Duration.ofSeconds(10))
                    .until(() -> clock.dueTimes().contains(due));
            clock.advance(Duration.ofSeconds(19));
            assertThat(c.closedByServer()).as("still open at 19 s").isFalse();
            clock.advance(Duration.ofSeconds(2));
            assertThat(c.timeout(Duration.ofSeconds(10)).closedByServer()).as("closed at 21 s").isTrue();
        }
        assertThat(metrics()).contains("gatehouse_closes_total{front=\"marauroa\",reason=\"heartbeat_timeout\"} 1.0");
    }

    @Test
    void aClientThatAskedForTheKeyAndWentSilentIsClosedToo() throws Exception {
        start("  pre_login_timeout: 20s\n");
        long due = clock.nowMillis() + 20_000;
        try (MarauroaClient c = client()) {
            await("the server has started the connection's limit").atMost(Duration.ofSeconds(10))
                    .until(() -> clock.dueTimes().contains(due));
            clock.advance(Duration.ofSeconds(15));
            c.send(new LoginRequestKey("game", "1"));
            assertThat(c.next().message()).isInstanceOf(LoginSendKey.class);
            clock.advance(Duration.ofSeconds(15));
            assertThat(c.createAccount("busy", "secret", "b@example.org")).as("each message restarts the limit")
                    .isEqualTo(new CreateAccountAck("busy"));
            clock.advance(Duration.ofSeconds(21));
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void aLoggedInClientIsUnderThePreGameTimeoutInstead() throws Exception {
        start("  pre_login_timeout: 20s\n");
        try (MarauroaClient c = loggedIn("sam")) {
            clock.advance(Duration.ofMinutes(5));
            assertThat(c.chooseCharacter("nobody")).as("logged in: 10 minutes before the game")
                    .isEqualTo(new io.gatehouse.marauroa.message.MarauroaMessage.ChooseCharacterNack());
        }
    }
}
