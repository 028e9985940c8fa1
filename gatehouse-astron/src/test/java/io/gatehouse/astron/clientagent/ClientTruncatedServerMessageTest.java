package io.gatehouse.astron.clientagent;

import static io.gatehouse.astron.clientagent.AstronCluster.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.gatehouse.astron.message.ClientAgentMessageType;
import io.gatehouse.astron.message.StateServerMessageType;
import io.gatehouse.core.testing.LogLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A message from the cluster to a client's channel that ends before its arguments do is
 * dropped, as astrond drops it: the client is not ejected, nothing reaches it, and the next
 * message is served. It is counted as {@code truncated_server_message} and logged once per
 * client at INFO (the rest at DEBUG), so that a game server sending bad datagrams to many
 * clients cannot flood the log. Before, each one was an ERROR line, read by catching
 * {@code IndexOutOfBoundsException}.
 */
class ClientTruncatedServerMessageTest extends GameServerTestBase {

    @RegisterExtension
    final LogLines lines = new LogLines(GameServerControl.class, Level.INFO);

    private double faults() {
        var c = cluster.meters.find("gatehouse.client.faults").tag("front", "astron").tag("kind", "truncated_server_message").counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void truncatedControlMessagesAreDroppedAndTheNextOneIsServed() throws Exception {
        try (RawClient c = cluster.client()) {
            long channel = establish(cluster, gs, c);
            send(gs, channel, GS, ClientAgentMessageType.EJECT.id(), Bytes.le().u16(154).u16(20).string("short"));
            send(gs, channel, GS, ClientAgentMessageType.SEND_DATAGRAM.id(), Bytes.le().u16(9).u16(1));
            send(gs, channel, GS, ClientAgentMessageType.SET_CLIENT_ID.id(), Bytes.le().u32(77));
            send(gs, channel, GS, ClientAgentMessageType.ADD_INTEREST_MULTIPLE.id(), Bytes.le().u16(1).u32(ZONE).u16(3).u32(1));
            send(gs, channel, GS, StateServerMessageType.OBJECT_ENTER_OWNER_WITH_REQUIRED.id(), Bytes.le().u32(1).u32(2));
            send(gs, channel, GS, ClientAgentMessageType.SEND_DATAGRAM.id(), Bytes.le().u16(2).u16(42));
            assertThat(Bytes.hex(c.receive())).as("nothing of the bad ones; the good one after them").isEqualTo("2a00");
            await().until(() -> faults() == 5);
            send(gs, channel, GS, ClientAgentMessageType.SEND_DATAGRAM.id(), Bytes.le().u16(2).u16(43));
            assertThat(Bytes.hex(c.receive())).as("the channel id did not change").isEqualTo("2b00");
        }
        assertThat(lines.list().stream().filter(e -> e.getLevel() == Level.INFO).map(ILoggingEvent::getFormattedMessage))
                .as("one INFO line for the client, the rest at DEBUG")
                .singleElement().asString().contains("a truncated EJECT from " + GS + "; dropped");
    }

    @Test
    void aDatagramCutShortInsideItsHeaderIsDroppedToo() throws Exception {
        try (RawClient c = cluster.client()) {
            long channel = establish(cluster, gs, c);
            gs.send(Bytes.le().u8(1).u64(channel).u32(GS).array());
            send(gs, channel, GS, ClientAgentMessageType.SEND_DATAGRAM.id(), Bytes.le().u16(2).u16(42));
            assertThat(Bytes.hex(c.receive())).isEqualTo("2a00");
            await().until(() -> faults() == 1);
        }
    }
}
