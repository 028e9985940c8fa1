package io.gatehouse.server.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gatehouse.client.ClientSockets;
import io.gatehouse.client.control.ControlClient;
import io.gatehouse.client.control.ControlException;
import io.gatehouse.control.message.CloseCode;
import io.gatehouse.server.ServerTestBase;
import io.gatehouse.server.TestServer.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Failed auths and reconnects per address (docs/protocol/control.md, "Limits"): past
 * {@code failed_logins_per_address} an address gets status 6, {@code Error{429}} and Close
 * AuthError before its token is looked at, while other addresses and good tokens are not held
 * back; and a failed attempt costs no store write.
 */
class ControlLoginThrottleTest extends ServerTestBase {

    private static final int LIMIT = 3;

    @Override
    protected String controlConfig() {
        return "  failed_logins_per_address: " + LIMIT + "\n  failed_login_window: 1m\n";
    }

    private void failAuth(Transport t) {
        try (ControlClient c = server.connect(t)) {
            assertThatThrownBy(() -> c.auth("forged")).isInstanceOfSatisfying(ControlException.class,
                    e -> assertThat(e.status()).isEqualTo(5));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pastItsLimitAnAddressIsRefusedWithStatus6AndError429WhileAnotherAddressLogsIn(Transport t) throws Exception {
        for (int i = 0; i < LIMIT; i++) {
            failAuth(t);
        }
        String token = server.token("ann");
        try (ControlClient c = server.connect(t)) {
            assertThatThrownBy(() -> c.auth(token)).isInstanceOfSatisfying(ControlException.class, e -> {
                assertThat(e.status()).isEqualTo(6);
                assertThat(e.error().code()).isEqualTo(429);
                assertThat(e.error().msg()).isEqualTo("too many failed attempts from this address; retry in 20 s");
            });
            assertThat(c.awaitClose().code()).isEqualTo(CloseCode.AUTH_ERROR.wire());
        }
        try (ControlClient c = server.connect(t)) {
            assertThatThrownBy(() -> c.reconnect("any-session")).isInstanceOfSatisfying(ControlException.class,
                    e -> assertThat(e.error().code()).as("reconnect shares the limit").isEqualTo(429));
        }
        try (ControlClient other = ControlClient.tcp(server.tcp(), new InetSocketAddress("127.0.0.2", 0), ClientSockets.sharedGroup(), true)) {
            assertThat(other.auth(token).sessionId()).as("the throttled attempt did not spend the token; 127.0.0.2 is not held back")
                    .isNotEmpty();
        }
        assertThat(server.metrics()).contains("gatehouse_refused_total{front=\"control\",reason=\"attempts_per_address\"} 2.0")
                .contains("gatehouse_auth_total{front=\"control\",result=\"throttled\"} 2.0");

        server.clock.advance(Duration.ofSeconds(20));
        try (ControlClient c = server.connect(t)) {
            assertThat(c.auth(server.token("ann")).sessionId()).as("one attempt back every window / limit").isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void goodTokensDoNotCount(Transport t) {
        for (int i = 0; i < 3 * LIMIT; i++) {
            try (ControlClient c = server.connect(t)) {
                c.auth(server.token("bea"));
            }
        }
        failAuth(t);
        try (ControlClient c = server.connect(t)) {
            assertThat(c.auth(server.token("bea")).sessionId()).isNotEmpty();
        }
    }

    /** The outside finding: each bad control token wrote a login event and a failure row (~3.6 KB of store). */
    @Test
    void aFailedAuthWritesNothingToTheStore() {
        restart("  failed_logins_per_address: 0\n");
        for (int i = 0; i < 100; i++) {
            failAuth(i % 2 == 0 ? Transport.TCP : Transport.WS);
        }
        try (ControlClient c = server.connect(Transport.TCP)) {
            assertThatThrownBy(() -> c.reconnect("no-such-session")).isInstanceOf(ControlException.class);
        }
        assertThat(server.rows("login_events")).as("no row per failed attempt").isZero();
        assertThat(server.metrics()).as("counted in the meters instead")
                .contains("gatehouse_auth_total{front=\"control\",result=\"bad_token\"} 100.0")
                .contains("gatehouse_auth_total{front=\"control\",result=\"bad_session\"} 1.0");
        try (ControlClient c = server.connect(Transport.TCP)) {
            c.auth(server.token("cid"));
        }
        // the login journal makes it a row within its apply interval
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(server.rows("login_events")).as("a success is the login history's").isEqualTo(1));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(server.metrics()).as("the journal's meters")
                .contains("gatehouse_journal_unapplied 0.0", "gatehouse_journal_refused_total 0.0", "gatehouse_journal_skipped_total 0.0",
                        "gatehouse_journal_held_bytes 0.0"));
    }
}
