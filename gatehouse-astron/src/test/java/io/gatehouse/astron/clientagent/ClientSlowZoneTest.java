package io.gatehouse.astron.clientagent;

import static io.gatehouse.astron.clientagent.AstronCluster.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.astron.message.ClientMessageType;
import io.gatehouse.astron.message.StateServerMessageType;
import java.io.IOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading while it has interest in a busy zone is dropped once more than
 * {@code max_outbound_bytes} wait for it, as one flooded by CLIENTAGENT_SEND_DATAGRAM is
 * (ClientAgentControlTest): what the zone's objects broadcast goes through the same bounded
 * queue (docs/protocol/astron.md, section 11).
 */
class ClientSlowZoneTest extends GameServerTestBase {

    @Test
    void aClientThatDoesNotReadItsZoneIsDropped() throws Exception {
        cluster.close();
        ClientAgentConfig d = AstronCluster.config();
        cluster = new AstronCluster(new ClientAgentConfig(d.bind(), null, "/", d.version(), 0, d.channelMin(), d.channelMax(),
                d.heartbeatTimeout(), false, d.interests(), d.maxDatagramSize(), d.interestTimeout(), 64 * 1024, false, null,
                d.helloTimeout(), d.anonymousTimeout()));
        gs.close();
        gs = cluster.gameServer(GS, AstronCluster.LOGIN);
        cluster.createZone(gs, ZONE);
        cluster.createAvatar(gs, 6001, ZONE, 10, "busy");
        cluster.settle(gs, GS, ZONE);
        try (RawClient slow = cluster.slowClient(); RawClient other = cluster.client()) {
            establish(cluster, gs, slow);
            slow.send(Bytes.le().u16(ClientMessageType.ADD_INTEREST.id()).u32(7).u16(1).u32(ZONE).u32(10).array());
            assertThat(Bytes.hex(slow.receive()).substring(0, 4)).as("the avatar enters").isEqualTo("8e00");
            assertThat(Bytes.hex(slow.receive())).isEqualTo(Bytes.le().u16(204).u32(7).u16(1).hex());

            String chat = "x".repeat(60_000);
            int updates = 200;
            for (int i = 0; i < updates; i++) {
                send(gs, 6001, GS, StateServerMessageType.OBJECT_SET_FIELD.id(), Bytes.le().u32(6001).u16(3).string(chat));
            }
            await().until(() -> cluster.meters.get("gatehouse.closes").tag("front", "astron").tag("reason", "slow_consumer")
                    .counter().count() == 1);
            long drained = 0;
            try {
                while (true) {
                    drained += slow.receive().length;
                }
            } catch (SocketTimeoutException stillOpen) {
                throw new AssertionError("the slow client was not dropped (" + drained + " bytes came)", stillOpen);
            } catch (IOException closed) {
                // dropped with the rest unread
            }
            assertThat(drained).as("far less than the zone sent").isLessThan((long) updates * chat.length());
            establish(cluster, gs, other);
        }
    }
}
