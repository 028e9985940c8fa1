package io.gatehouse.server.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.client.control.ControlClient;
import io.gatehouse.client.control.ControlException;
import io.gatehouse.control.message.CloseCode;
import io.gatehouse.server.ServerTestBase;
import io.gatehouse.server.TestServer;
import io.gatehouse.server.TestServer.Transport;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reconnect (spec 7.5) and duplicate connections (7.6). */
class ControlReconnectTest extends ServerTestBase {


    @ParameterizedTest
    @EnumSource(Transport.class)
    void reconnectIssuesANewIdAndSpendsTheOld(Transport t) {
        String first;
        try (ControlClient c = server.connect(t)) {
            first = c.auth(server.token("rex")).sessionId();
        }
        String second;
        try (ControlClient c = server.connect(t)) {
            var r = c.reconnect(first);
            second = r.sessionId();
            assertThat(second).isNotEqualTo(first);
            assertThat(r.expiresMillis()).isEqualTo(server.clock.nowMillis() + Duration.ofHours(24).toMillis());
            assertThat(c.heartbeat(new byte[] {7})).containsExactly(7);
        }
        try (ControlClient c = server.connect(t)) {
            assertThatThrownBy(() -> c.reconnect(first)).isInstanceOfSatisfying(ControlException.class,
                    e -> assertThat(e.status()).isEqualTo(5));
            assertThat(c.awaitClose().code()).isEqualTo(CloseCode.SESS_EXPIRED.wire());
        }
        try (ControlClient c = server.connect(t)) {
            assertThat(c.reconnect(second).sessionId()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void unknownSessionGetsSessExpired(Transport t) {
        try (ControlClient c = server.connect(t)) {
            assertThatThrownBy(() -> c.reconnect("no-such-session")).isInstanceOf(ControlException.class);
            assertThat(c.awaitClose().code()).isEqualTo(CloseCode.SESS_EXPIRED.wire());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void expiredSessionGetsSessExpired(Transport t) {
        String id;
        try (ControlClient c = server.connect(t)) {
            id = c.auth(server.token("old")).sessionId();
        }
        server.clock.advance(Duration.ofHours(24));
        try (ControlClient c = server.connect(t)) {
            assertThatThrownBy(() -> c.reconnect(id)).isInstanceOf(ControlException.class);
            assertThat(c.awaitClose().code()).isEqualTo(CloseCode.SESS_EXPIRED.wire());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sessionOnTwoConnectionsClosesTheOlder(Transport t) {
        try (ControlClient older = server.connect(t); ControlClient newer = server.connect(t)) {
            String id = older.auth(server.token("dup")).sessionId();
            assertThat(newer.reconnect(id).sessionId()).isNotEqualTo(id);
            assertThat(older.awaitClose().code()).isEqualTo(CloseCode.CONNECT_DUPLICATE.wire());
            assertThat(newer.heartbeat(new byte[] {1})).containsExactly(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void rejectNewerPolicyRefusesTheNewcomer(Transport t) {
        restart("  duplicate: reject_newer\n");
        try (ControlClient older = server.connect(t); ControlClient newer = server.connect(t)) {
            String id = older.auth(server.token("dup2")).sessionId();
            assertThatThrownBy(() -> newer.reconnect(id)).isInstanceOfSatisfying(ControlException.class,
                    e -> assertThat(e.status()).isEqualTo(6));
            assertThat(newer.awaitClose().code()).isEqualTo(CloseCode.CONNECT_DUPLICATE.wire());
            assertThat(older.heartbeat(new byte[] {2})).containsExactly(2);
        }
    }
}
