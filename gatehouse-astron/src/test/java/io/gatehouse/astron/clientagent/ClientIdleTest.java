package io.gatehouse.astron.clientagent;

import static io.gatehouse.astron.clientagent.AstronCluster.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.astron.message.ClientAgentMessageType;
import io.gatehouse.astron.message.ClientMessageType;
import io.gatehouse.astron.message.EjectCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every state in which a client has proven nothing has a time limit (docs/protocol/astron.md,
 * section 11): NEW until CLIENT_HELLO ({@code hello_timeout}, 30 s), ANONYMOUS until the game
 * establishes it ({@code anonymous_timeout}, 10 minutes), heartbeats or not. astrond has
 * neither, and its {@code heartbeat_timeout} is off by default, so before, a socket that said
 * nothing stayed for good.
 */
class ClientIdleTest extends GameServerTestBase {

    private double closes(String reason) {
        return cluster.meters.get("gatehouse.closes").tag("front", "astron").tag("reason", reason).counter().count();
    }

    /** Waits until the agent has started a limit due at {@code due} (the connection's start ran). */
    private void limitStarted(long due) {
        await("the agent has started the connection's limit").until(() -> cluster.clock.dueTimes().contains(due));
    }

    @Test
    void aConnectionThatNeverSaysHelloIsEjectedWith107() throws Exception {
        long due = cluster.clock.nowMillis() + 30_000;
        try (RawClient c = cluster.client()) {
            limitStarted(due);
            cluster.clock.advance(Duration.ofSeconds(29));
            c.sendRaw(Bytes.le().u16(20).u16(ClientMessageType.HELLO.id()).u32(cluster.ca.hash()).array());
            cluster.clock.advance(Duration.ofSeconds(2));
            assertThat(c.expectEject(EjectCode.NO_HELLO.code())).as("half a HELLO is no HELLO")
                    .isEqualTo("No CLIENT_HELLO within 30 seconds.");
        }
        await().until(() -> closes("heartbeat_timeout") == 1);
    }

    @Test
    void aGreetedClientThatIsNeverEstablishedIsEjectedWith1EvenWhileItBeats() throws Exception {
        try (RawClient c = cluster.anonymousClient()) {
            long due = cluster.clock.nowMillis() + Duration.ofMinutes(10).toMillis();
            limitStarted(due);
            for (int minute = 1; minute < 10; minute++) {
                cluster.clock.advance(Duration.ofMinutes(1));
                c.send(Bytes.le().u16(ClientMessageType.HEARTBEAT.id()).array());
            }
            c.send(Bytes.le().u16(ClientMessageType.OBJECT_SET_FIELD.id()).u32(AstronCluster.LOGIN).u16(0).string("ann").array());
            assertThat(AstronCluster.Received.of(gs.receive()).type()).as("still served at 9 minutes")
                    .isEqualTo(io.gatehouse.astron.message.StateServerMessageType.OBJECT_SET_FIELD.id());
            cluster.clock.advance(Duration.ofMinutes(1));
            assertThat(c.expectEject(EjectCode.GENERIC.code())).isEqualTo("Client was not authenticated within 600 seconds.");
        }
        await().until(() -> closes("auth_failed") == 1);
    }

    @Test
    void anEstablishedClientHasNoLimitWithoutAHeartbeatTimeout() throws Exception {
        try (RawClient c = cluster.client()) {
            long channel = establish(cluster, gs, c);
            await("no limit left for it").until(() -> cluster.clock.pending() == 0);
            cluster.clock.advance(Duration.ofHours(5));
            send(gs, channel, GS, ClientAgentMessageType.SEND_DATAGRAM.id(), Bytes.le().u16(4).u16(999).u16(2));
            assertThat(Bytes.hex(c.receive())).isEqualTo("e7030200");

            send(gs, channel, GS, ClientAgentMessageType.SET_STATE.id(), Bytes.le().u16(1));
            long due = cluster.clock.nowMillis() + Duration.ofMinutes(10).toMillis();
            limitStarted(due);
            cluster.clock.advance(Duration.ofMinutes(10));
            assertThat(c.expectEject(EjectCode.GENERIC.code())).as("made ANONYMOUS again: the limit starts again")
                    .isEqualTo("Client was not authenticated within 600 seconds.");
        }
    }
}
