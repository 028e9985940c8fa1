package io.gatehouse.server.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gatehouse.client.control.ControlClient;
import io.gatehouse.client.control.ControlException;
import io.gatehouse.control.message.CloseCode;
import io.gatehouse.control.message.ControlPacket;
import io.gatehouse.core.account.LoginResult;
import io.gatehouse.server.ServerTestBase;
import io.gatehouse.server.TestServer;
import io.gatehouse.server.TestServer.Transport;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Auth (spec 7.4) end to end, on TCP and WebSocket. */
class ControlAuthTest extends ServerTestBase {


    @ParameterizedTest
    @EnumSource(Transport.class)
    void tokenBuysASessionWithAbsoluteExpiry(Transport t) {
        try (ControlClient c = server.connect(t)) {
            var r = c.auth(server.token("ann"));
            assertThat(r.sessionId()).isNotEmpty();
            assertThat(r.expiresMillis()).isEqualTo(server.clock.nowMillis() + Duration.ofHours(24).toMillis());
            assertThat(r.limit()).isEqualTo(10);
            assertThat(r.online()).isEqualTo(1);
            assertThat(c.heartbeat()).isGreaterThanOrEqualTo(0);
            var account = server.services().accounts().find("ann").orElseThrow();
            var last = server.services().accounts().loginHistory(account.id(), 1).get(0);
            assertThat(last.result()).isEqualTo(LoginResult.SUCCESS);
            assertThat(last.front()).isEqualTo("control");
            assertThat(last.address()).startsWith("127.0.0.1:");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void badTokenGetsStatus5ThenCloseAuthError(Transport t) {
        try (ControlClient c = server.connect(t)) {
            assertThatThrownBy(() -> c.auth("forged")).isInstanceOfSatisfying(ControlException.class, e -> {
                assertThat(e.status()).isEqualTo(5);
                assertThat(e.error().code()).isEqualTo(401);
            });
            assertThat(c.awaitClose().code()).isEqualTo(CloseCode.AUTH_ERROR.wire());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void tokenWorksOnce(Transport t) {
        String token = server.token("bea");
        try (ControlClient first = server.connect(t); ControlClient second = server.connect(t)) {
            first.auth(token);
            assertThatThrownBy(() -> second.auth(token)).isInstanceOf(ControlException.class);
            assertThat(second.awaitClose().code()).isEqualTo(CloseCode.AUTH_ERROR.wire());
            assertThat(first.isOpen()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void expiredTokenIsRefused(Transport t) {
        String token = server.token("cid");
        server.clock.advance(Duration.ofSeconds(60));
        try (ControlClient c = server.connect(t)) {
            assertThatThrownBy(() -> c.auth(token)).isInstanceOf(ControlException.class);
            assertThat(c.awaitClose().code()).isEqualTo(CloseCode.AUTH_ERROR.wire());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void bannedAccountIsRefused(Transport t) {
        String token = server.token("dee");
        server.services().accounts().ban("dee", "griefing", null);
        try (ControlClient c = server.connect(t)) {
            assertThatThrownBy(() -> c.auth(token)).isInstanceOfSatisfying(ControlException.class,
                    e -> assertThat(e.error().code()).isEqualTo(403));
            assertThat(c.awaitClose().code()).isEqualTo(CloseCode.AUTH_ERROR.wire());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anyOtherFirstRequestIsRefused(Transport t) {
        try (ControlClient c = server.connect(t)) {
            var response = c.request(16, new byte[0], 0).join();
            assertThat(response.status()).isEqualTo(5);
            assertThat(c.awaitClose().code()).isEqualTo(CloseCode.AUTH_ERROR.wire());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void heartbeatsAreAnsweredBeforeAuth(Transport t) {
        try (ControlClient c = server.connect(t)) {
            assertThat(c.heartbeat(new byte[] {1, 2, 3})).containsExactly(1, 2, 3);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void noAuthWithinTheDeadlineClosesWithAuthError(Transport t) {
        try (ControlClient c = server.connect(t)) {
            c.heartbeat(new byte[0]);
            server.clock.advance(Duration.ofSeconds(10));
            assertThat(c.awaitClose().code()).isEqualTo(CloseCode.AUTH_ERROR.wire());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void secondAuthOnAnAuthenticatedConnectionIsABadRequest(Transport t) {
        try (ControlClient c = server.authed(t, "eve")) {
            ControlPacket.Response r = c.request(2, new byte[0], 0).join();
            assertThat(r.status()).isEqualTo(3);
            assertThat(c.isOpen()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void connectionLimitRefusesWithStatus6(Transport t) throws Exception {
        restart("  connection_limit: 1\n");
        try (ControlClient first = server.authed(t, "fin"); ControlClient second = server.connect(t)) {
            assertThatThrownBy(() -> second.auth(server.token("fin"))).isInstanceOfSatisfying(ControlException.class, e -> {
                assertThat(e.status()).isEqualTo(6);
                assertThat(e.error().code()).isEqualTo(429);
            });
            assertThat(second.awaitClose().code()).isEqualTo(CloseCode.AUTH_ERROR.wire());
            await().until(first::isOpen);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void reconnectAtTheLimitIsRefusedAndTheSessionKept(Transport t) throws Exception {
        restart("  connection_limit: 1\n");
        String idle;
        try (ControlClient c = server.connect(t)) {
            idle = c.auth(server.token("hal")).sessionId();
        }
        await().until(() -> server.services().sessions().live().join().isEmpty());
        try (ControlClient live = server.authed(t, "hal")) {
            try (ControlClient second = server.connect(t)) {
                assertThatThrownBy(() -> second.reconnect(idle)).isInstanceOfSatisfying(ControlException.class, e -> {
                    assertThat(e.status()).isEqualTo(6);
                    assertThat(e.error().code()).isEqualTo(429);
                });
                assertThat(second.awaitClose().code()).isEqualTo(CloseCode.AUTH_ERROR.wire());
            }
            assertThat(live.isOpen()).isTrue();
        }
        await().until(() -> server.services().sessions().live().join().isEmpty());
        try (ControlClient c = server.connect(t)) {
            assertThat(c.reconnect(idle).sessionId()).isNotEqualTo(idle);
        }
    }
}
