package io.gatehouse.server.marauroa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.client.marauroa.MarauroaClient.LoginRefused;
import io.gatehouse.marauroa.message.MarauroaMessage.LogoutAck;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The marauroa front's meters in /metrics: connections, logged-in players, login results, packets and closes. */
class MarauroaMetricsTest extends MarauroaFixture {

    @Test
    void loginsPlayersAndClosesAreCounted() throws Exception {
        start("");
        try (MarauroaClient c = client()) {
            c.createAccount("kim", "secret", "k@example.org");
            assertThatThrownBy(() -> c.login("kim", "wrong", "game", "1")).isInstanceOf(LoginRefused.class);
            c.login("kim", "secret", "game", "1");
            String m = metrics();
            assertThat(m).contains("gatehouse_connections{front=\"marauroa\"} 1.0");
            assertThat(m).contains("gatehouse_sessions{front=\"marauroa\"} 1.0");
            assertThat(m).contains("gatehouse_auth_total{front=\"marauroa\",result=\"bad_password\"} 1.0");
            assertThat(m).contains("gatehouse_auth_total{front=\"marauroa\",result=\"success\"} 1.0");
            assertThat(m).containsPattern("gatehouse_packets_in_total\\{front=\"marauroa\"} [1-9]");
            assertThat(m).containsPattern("gatehouse_packets_out_total\\{front=\"marauroa\"} [1-9]");
            assertThat(c.logout()).isInstanceOf(LogoutAck.class);
            assertThat(metrics()).contains("gatehouse_sessions{front=\"marauroa\"} 0.0");
        }
        await().until(() -> metrics().contains("gatehouse_connections{front=\"marauroa\"} 0.0"));
        assertThat(metrics()).contains("gatehouse_closes_total{front=\"marauroa\",reason=\"client_closed\"} 1.0");
    }

    @Test
    void aSilentPlayerIsClosedAsATimeout() throws Exception {
        start("");
        try (MarauroaClient c = loggedIn("sam")) {
            clock.advance(Duration.ofMinutes(10));
            await().until(() -> metrics().contains("gatehouse_closes_total{front=\"marauroa\",reason=\"heartbeat_timeout\"} 1.0"));
            assertThat(metrics()).contains("gatehouse_sessions{front=\"marauroa\"} 0.0");
        }
    }
}
