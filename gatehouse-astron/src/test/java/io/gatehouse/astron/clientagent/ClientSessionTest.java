package io.gatehouse.astron.clientagent;

import static io.gatehouse.astron.clientagent.AstronCluster.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.astron.message.ClientAgentMessageType;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.testing.RecordingSessions.Attached;
import org.junit.jupiter.api.Test;

/**
 * A client is a core session from its HELLO until it goes; a game server's
 * CLIENTAGENT_SET_CLIENT_ID names its account; the core ends it with CLIENT_EJECT 151.
 */
class ClientSessionTest extends GameServerTestBase {

    @Test
    void aClientIsASessionFromItsHelloUntilItGoes() throws Exception {
        try (RawClient c = cluster.anonymousClient()) {
            await().until(() -> cluster.sessions.live().size() == 1);
            Attached s = cluster.sessions.live().get(0);
            assertThat(s.connection().front()).isEqualTo("astron");
            assertThat(s.account()).as("no game server has named it").isNull();
            assertThat(s.connection().remoteAddress()).startsWith("127.0.0.1:");
        }
        await().until(() -> cluster.sessions.live().isEmpty());
    }

    @Test
    void setClientIdNamesTheSessionsAccount() throws Exception {
        try (RawClient c = cluster.client()) {
            long channel = establish(cluster, gs, c);
            send(gs, channel, GS, ClientAgentMessageType.SET_CLIENT_ID.id(), Bytes.le().u64(1L << 32 | 77));
            send(gs, 1L << 32 | 77, GS, ClientAgentMessageType.SEND_DATAGRAM.id(), Bytes.le().u16(2).u16(11));
            c.receive();
            assertThat(cluster.sessions.live()).singleElement().extracting(Attached::account)
                    .isEqualTo(Long.toUnsignedString(1L << 32 | 77));
        }
    }

    @Test
    void theCoreEndsASessionWithEject151AndTheCoresWords() throws Exception {
        try (RawClient c = cluster.client()) {
            establish(cluster, gs, c);
            Attached s = cluster.sessions.live().get(0);
            assertThat(s.connection().answerTo(CloseReason.KICKED)).isEqualTo("CLIENT_EJECT 151 (logged out by an administrator)");
            s.connection().close(CloseReason.KICKED, "kicked by an operator");
            assertThat(c.expectEject(151)).isEqualTo("kicked by an operator");
        }
        await().until(() -> cluster.sessions.live().isEmpty());
    }
}
