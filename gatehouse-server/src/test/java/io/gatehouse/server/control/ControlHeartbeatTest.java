package io.gatehouse.server.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.client.control.ControlClient;
import io.gatehouse.control.message.CloseCode;
import io.gatehouse.server.ServerTestBase;
import io.gatehouse.server.TestServer;
import io.gatehouse.server.TestServer.Transport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Heartbeats (spec 7.3): byte-for-byte echo, silence timeout, WebSocket Pings. */
class ControlHeartbeatTest extends ServerTestBase {


    @ParameterizedTest
    @EnumSource(Transport.class)
    void bodyIsEchoedByteForByte(Transport t) {
        try (ControlClient c = server.authed(t, "hb")) {
            byte[] notProtobuf = {(byte) 0xFF, 0x00, 0x7F, 'x', (byte) 0x80};
            assertThat(c.heartbeat(notProtobuf)).containsExactly(notProtobuf);
            assertThat(c.heartbeat(new byte[0])).isEmpty();
            assertThat(c.heartbeat()).as("measured round trip").isBetween(0L, 5000L);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void silenceClosesWithHeartbeatTimeout(Transport t) {
        // No Pings during the test: a WebSocket client's Pongs would count as traffic.
        restart("  ping_interval: 1h\n");
        try (ControlClient c = server.authed(t, "quiet")) {
            server.clock.advance(Duration.ofSeconds(119));
            c.heartbeat(new byte[0]);
            server.clock.advance(Duration.ofSeconds(119));
            assertThat(c.isOpen()).as("the heartbeat moved the deadline").isTrue();
            server.clock.advance(Duration.ofSeconds(1));
            assertThat(c.awaitClose().code()).isEqualTo(CloseCode.HEARTBEAT_TIMEOUT.wire());
        }
    }

    @Test
    void webSocketServerPingsEveryInterval() {
        try (ControlClient c = server.authed(Transport.WS, "pinged")) {
            assertThat(c.pingsReceived()).isZero();
            server.clock.advance(Duration.ofSeconds(30));
            await().until(() -> c.pingsReceived() == 1);
            server.clock.advance(Duration.ofSeconds(30));
            await().until(() -> c.pingsReceived() == 2);
            // The client's Pongs count as traffic: four minutes of Pings and Pongs keep it open.
            for (int i = 0; i < 8; i++) {
                int before = c.pingsReceived();
                server.clock.advance(Duration.ofSeconds(30));
                await().until(() -> c.pingsReceived() == before + 1);
            }
            assertThat(c.isOpen()).isTrue();
        }
    }
}
