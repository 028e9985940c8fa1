package io.gatehouse.astron.clientagent;

import static io.gatehouse.astron.clientagent.AstronCluster.LOGIN;
import static io.gatehouse.astron.clientagent.AstronCluster.send;
import static io.gatehouse.astron.clientagent.GameServerTestBase.GS;
import static io.gatehouse.astron.clientagent.GameServerTestBase.ZONE;
import static io.gatehouse.astron.clientagent.GameServerTestBase.establish;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.astron.md.MdLink;
import io.gatehouse.astron.message.ClientAgentMessageType;
import io.gatehouse.astron.message.ClientMessageType;
import io.gatehouse.astron.message.StateServerMessageType;
import io.gatehouse.astron.stateserver.StateServerMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent's policies: who may open interests, and who may move objects. */
class ClientPolicyTest {

    private AstronCluster cluster;
    private MdLink gs;

    private void start(InterestPolicy interests, boolean relocate) throws Exception {
        ClientAgentConfig d = AstronCluster.config();
        cluster = new AstronCluster(new ClientAgentConfig(d.bind(), null, "/", d.version(), 0, d.channelMin(), d.channelMax(),
                d.heartbeatTimeout(), relocate, interests, d.maxDatagramSize(), d.interestTimeout(), d.maxOutboundBytes(), false, null, d.helloTimeout(), d.anonymousTimeout()));
        gs = cluster.gameServer(GS, LOGIN);
        cluster.createZone(gs, ZONE);
        cluster.createAvatar(gs, 6001, ZONE, 10, "a");
        cluster.settle(gs, GS, ZONE);
    }

    @AfterEach
    void stop() throws Exception {
        gs.close();
        cluster.close();
    }

    @Test
    void disabledInterestsAre115() throws Exception {
        start(InterestPolicy.DISABLED, false);
        try (RawClient c = cluster.client()) {
            establish(cluster, gs, c);
            c.send(Bytes.le().u16(ClientMessageType.ADD_INTEREST.id()).u32(1).u16(1).u32(ZONE).u32(10).array());
            assertThat(c.expectEject(115)).isEqualTo("Client is not allowed to add interests.");
        }
    }

    @Test
    void visibleOnlyInterestsNeedAVisibleParent() throws Exception {
        start(InterestPolicy.VISIBLE, false);
        try (RawClient c = cluster.client()) {
            establish(cluster, gs, c);
            c.send(Bytes.le().u16(ClientMessageType.ADD_INTEREST.id()).u32(1).u16(1).u32(ZONE).u32(10).array());
            assertThat(c.expectEject(115)).isEqualTo("Cannot add interest to parent with id 5000 because parent is not visible to client.");
        }
        try (RawClient c = cluster.client()) {
            long channel = establish(cluster, gs, c);
            send(gs, channel, GS, ClientAgentMessageType.DECLARE_OBJECT.id(), Bytes.le().u32(ZONE).u16(1));
            send(gs, channel, GS, ClientAgentMessageType.SEND_DATAGRAM.id(), Bytes.le().u16(2).u16(1));
            c.receive();
            c.send(Bytes.le().u16(ClientMessageType.ADD_INTEREST.id()).u32(1).u16(1).u32(ZONE).u32(10).array());
            assertThat(c.receive()[0] & 0xFF).as("a declared parent is visible").isEqualTo(142);
            assertThat(Bytes.hex(c.receive())).isEqualTo(Bytes.le().u16(204).u32(1).u16(1).hex());
            c.send(Bytes.le().u16(ClientMessageType.REMOVE_INTEREST.id()).u32(2).u16(9).array());
            assertThat(c.expectEject(1)).isEqualTo("Tried to remove a non-existing interest.");
        }
    }

    @Test
    void relocationOfOwnedObjectsOnly() throws Exception {
        start(InterestPolicy.ENABLED, true);
        try (RawClient c = cluster.client()) {
            long channel = establish(cluster, gs, c);
            c.send(Bytes.le().u16(ClientMessageType.ADD_INTEREST.id()).u32(1).u16(1).u32(ZONE).u32(10).array());
            c.receive();
            c.receive();
            c.send(Bytes.le().u16(ClientMessageType.OBJECT_LOCATION.id()).u32(6001).u32(ZONE).u32(11).array());
            assertThat(c.expectEject(119)).isEqualTo("Can't relocate an object the client doesn't own");
        }
        try (RawClient c = cluster.client()) {
            long channel = establish(cluster, gs, c);
            send(gs, 6001, GS, StateServerMessageType.OBJECT_SET_OWNER.id(), Bytes.le().u64(channel));
            c.receive();
            cluster.subscribe(gs, StateServerMessage.location(ZONE, 11));
            c.send(Bytes.le().u16(ClientMessageType.OBJECT_LOCATION.id()).u32(6001).u32(ZONE).u32(11).array());
            AstronCluster.Received moved = AstronCluster.Received.of(gs.receive());
            assertThat(moved.type()).as("the owner moved its object").isEqualTo(StateServerMessageType.OBJECT_ENTER_LOCATION_WITH_REQUIRED.id());
            assertThat(moved.recipients()).containsExactly(StateServerMessage.location(ZONE, 11));
            c.send(Bytes.le().u16(ClientMessageType.OBJECT_LOCATION.id()).u32(9999).u32(ZONE).u32(11).array());
            assertThat(c.expectEject(117)).isEqualTo("Client tried to manipulate unknown object 9999");
        }
    }

    @Test
    void aSessionObjectLeavingTheInterestIs153() throws Exception {
        start(InterestPolicy.ENABLED, false);
        try (RawClient c = cluster.client()) {
            long channel = establish(cluster, gs, c);
            c.send(Bytes.le().u16(ClientMessageType.ADD_INTEREST.id()).u32(1).u16(1).u32(ZONE).u32(10).array());
            c.receive();
            c.receive();
            send(gs, channel, GS, ClientAgentMessageType.ADD_SESSION_OBJECT.id(), Bytes.le().u32(6001));
            send(gs, 6001, GS, StateServerMessageType.OBJECT_SET_LOCATION.id(), Bytes.le().u32(ZONE).u32(12));
            assertThat(c.expectEject(153)).isEqualTo("The session object with id 6001 has unexpectedly left interest.");
        }
    }
}
