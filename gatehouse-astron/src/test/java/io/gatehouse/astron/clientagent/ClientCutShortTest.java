package io.gatehouse.astron.clientagent;

import static io.gatehouse.astron.clientagent.AstronCluster.LOGIN;
import static io.gatehouse.astron.clientagent.AstronCluster.send;
import static io.gatehouse.astron.clientagent.GameServerTestBase.GS;
import static io.gatehouse.astron.clientagent.GameServerTestBase.ZONE;
import static io.gatehouse.astron.clientagent.GameServerTestBase.establish;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.astron.md.MdLink;
import io.gatehouse.astron.message.ClientMessageType;
import io.gatehouse.astron.message.StateServerMessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a client datagram cut short, or one with bytes left over, gets (docs/protocol/astron.md,
 * section 11): astrond's checks that come before it reads (the state, the agent's policy, the
 * object) answer first; 109 only when a read would pass the end; 106 for excess only after the
 * message has been handled.
 */
class ClientCutShortTest {

    private static final byte[] LOCATION_CUT_IN_ITS_OBJECT = Bytes.le().u16(ClientMessageType.OBJECT_LOCATION.id()).u16(0x1771).array();
    private static final byte[] ADD_INTEREST_CUT = Bytes.le().u16(ClientMessageType.ADD_INTEREST.id()).u32(1).u16(1).array();

    private AstronCluster cluster;
    private MdLink gs;

    private void start(InterestPolicy interests, boolean relocate) throws Exception {
        ClientAgentConfig d = AstronCluster.config();
        cluster = new AstronCluster(new ClientAgentConfig(d.bind(), null, "/", d.version(), 0, d.channelMin(), d.channelMax(),
                d.heartbeatTimeout(), relocate, interests, d.maxDatagramSize(), d.interestTimeout(), d.maxOutboundBytes(), false, null,
                d.helloTimeout(), d.anonymousTimeout()));
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
    void theStateAndThePolicyComeBeforeTheCut() throws Exception {
        start(InterestPolicy.DISABLED, false);
        try (RawClient c = cluster.client()) {
            c.send(LOCATION_CUT_IN_ITS_OBJECT);
            assertThat(c.expectEject(107)).isEqualTo("First packet is not CLIENT_HELLO");
        }
        try (RawClient c = cluster.anonymousClient()) {
            c.send(LOCATION_CUT_IN_ITS_OBJECT);
            assertThat(c.expectEject(108)).isEqualTo("Message type 140 not allowed prior to authentication.");
        }
        try (RawClient c = cluster.client()) {
            establish(cluster, gs, c);
            c.send(LOCATION_CUT_IN_ITS_OBJECT);
            assertThat(c.expectEject(119)).isEqualTo("Owned object relocation is disabled by server.");
        }
        try (RawClient c = cluster.client()) {
            establish(cluster, gs, c);
            c.send(ADD_INTEREST_CUT);
            assertThat(c.expectEject(115)).isEqualTo("Client is not allowed to add interests.");
        }
    }

    @Test
    void aRelocationCutAfterItsObjectIsJudgedByTheObject() throws Exception {
        start(InterestPolicy.ENABLED, true);
        byte[] cutAfterObject = Bytes.le().u16(ClientMessageType.OBJECT_LOCATION.id()).u32(6001).u16(0).array();
        try (RawClient c = cluster.client()) {
            establish(cluster, gs, c);
            c.send(cutAfterObject);
            assertThat(c.expectEject(117)).as("an object the client has never seen").isEqualTo("Client tried to manipulate unknown object 6001");
        }
        try (RawClient c = cluster.client()) {
            long channel = establish(cluster, gs, c);
            send(gs, 6001, GS, StateServerMessageType.OBJECT_SET_OWNER.id(), Bytes.le().u64(channel));
            c.receive();
            c.send(cutAfterObject);
            assertThat(c.expectEject(109)).as("an owned object: the place is read, and is not there")
                    .isEqualTo("Datagram unexpectedly ended while iterating.");
        }
        try (RawClient c = cluster.client()) {
            establish(cluster, gs, c);
            c.send(ADD_INTEREST_CUT);
            assertThat(c.expectEject(109)).isEqualTo("Datagram unexpectedly ended while iterating.");
        }
    }

    @Test
    void excessIsJudgedAfterTheMessage() throws Exception {
        start(InterestPolicy.ENABLED, false);
        try (RawClient c = cluster.client()) {
            c.send(Bytes.le().u16(ClientMessageType.HELLO.id()).u32(cluster.ca.hash()).string(AstronCluster.VERSION).u8(0).array());
            assertThat(c.receive()).as("the HELLO is answered first").containsExactly(2, 0);
            assertThat(c.expectEject(106)).isEqualTo("Datagram contains excess data.");
        }
        try (RawClient c = cluster.client()) {
            c.send(Bytes.le().u16(ClientMessageType.HELLO.id()).u32(cluster.ca.hash()).string("other").u8(0).array());
            assertThat(c.expectEject(124)).as("a HELLO refused ends the client before its excess is judged")
                    .isEqualTo("Client version mismatch: client=other, server=" + AstronCluster.VERSION);
        }
    }
}
