package io.gatehouse.astron.clientagent;

import static io.gatehouse.astron.clientagent.AstronCluster.LOGIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.astron.clientagent.AstronCluster.Received;
import io.gatehouse.astron.message.ClientMessageType;
import io.gatehouse.astron.message.StateServerMessageType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A client datagram that fits its own length tag but would not fit one once it is an internal
 * datagram (recipients and sender added) is ejected with 106, and nothing of it reaches the
 * Message Director: the UberDOG's link stays in step.
 */
class ClientOversizedDatagramTest extends GameServerTestBase {

    /** type 2, doId 4, field 2, string length 2: the rest of a 65,535-byte datagram is the user name. */
    private static final int LONGEST_NAME = 0xFFFF - 10;

    @Test
    void aFieldUpdateTooLargeForTheMessageDirectorIs106() throws Exception {
        try (RawClient c = cluster.anonymousClient()) {
            char[] name = new char[LONGEST_NAME];
            Arrays.fill(name, 'a');
            byte[] update = Bytes.le().u16(ClientMessageType.OBJECT_SET_FIELD.id()).u32(LOGIN).u16(0).string(new String(name)).array();
            assertThat(update).hasSize(0xFFFF);
            c.send(update);
            assertThat(c.expectEject(106)).isEqualTo("ClientDatagram too large to be routed on MD.");
        }
        try (RawClient c = cluster.anonymousClient()) {
            c.send(Bytes.le().u16(ClientMessageType.OBJECT_SET_FIELD.id()).u32(LOGIN).u16(0).string("ann").array());
            Received login = Received.of(gs.receive());
            assertThat(login.type()).as("the next datagram the UberDOG reads is whole").isEqualTo(StateServerMessageType.OBJECT_SET_FIELD.id());
            assertThat(login.argsHex()).isEqualTo(Bytes.le().u32(LOGIN).u16(0).string("ann").hex());
        }
    }

    @Test
    void theLongestUpdateThatFitsIsForwarded() throws Exception {
        int fits = 0xFFFF - (1 + 8 + 8 + 2 + 4 + 2 + 2);
        try (RawClient c = cluster.anonymousClient()) {
            char[] name = new char[fits];
            Arrays.fill(name, 'b');
            c.send(Bytes.le().u16(ClientMessageType.OBJECT_SET_FIELD.id()).u32(LOGIN).u16(0).string(new String(name)).array());
            Received login = Received.of(gs.receive());
            assertThat(login.type()).isEqualTo(StateServerMessageType.OBJECT_SET_FIELD.id());
            assertThat(login.args()).hasSize(4 + 2 + 2 + fits);
        }
    }

    /** The client's ADD_INTEREST_MULTIPLE with that many zones (1, 2, ...) under parent ZONE. */
    private static byte[] interest(int zones) {
        Bytes b = Bytes.le().u16(ClientMessageType.ADD_INTEREST_MULTIPLE.id()).u32(1).u16(1).u32(ZONE).u16(zones);
        for (int z = 1; z <= zones; z++) {
            b.u32(z);
        }
        return b.array();
    }

    @Test
    void anInterestWhoseZoneQueryWouldNotFitOneDatagramIs106() throws Exception {
        try (RawClient c = cluster.client()) {
            establish(cluster, gs, c);
            c.send(interest(16_377));
            assertThat(c.expectEject(106)).isEqualTo("ClientDatagram too large to be routed on MD.");
        }
    }

    @Test
    void theLargestInterestThatFitsIsQueried() throws Exception {
        cluster.subscribe(gs, ZONE);
        try (RawClient c = cluster.client()) {
            establish(cluster, gs, c);
            c.send(interest(16_376));
            Received query = Received.of(gs.receive());
            assertThat(query.type()).isEqualTo(StateServerMessageType.OBJECT_GET_ZONES_OBJECTS.id());
            assertThat(query.args()).hasSize(10 + 4 * 16_376);
        }
    }
}
