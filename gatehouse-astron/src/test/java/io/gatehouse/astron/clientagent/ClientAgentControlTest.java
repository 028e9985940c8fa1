package io.gatehouse.astron.clientagent;

import static io.gatehouse.astron.clientagent.AstronCluster.LOGIN;
import static io.gatehouse.astron.clientagent.AstronCluster.avatarRequired;
import static io.gatehouse.astron.clientagent.AstronCluster.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.astron.clientagent.AstronCluster.Received;
import io.gatehouse.astron.md.MdLink;
import io.gatehouse.astron.message.ClientAgentMessageType;
import io.gatehouse.astron.message.ClientMessageType;
import io.gatehouse.astron.message.StateServerMessageType;
import io.gatehouse.astron.stateserver.StateServerMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every CLIENTAGENT_* message a game server sends to a client's channel, and its effect. */
class ClientAgentControlTest extends GameServerTestBase {

    @Test
    void ejectAndDrop() throws Exception {
        try (RawClient c = cluster.client()) {
            long channel = establish(cluster, gs, c);
            send(gs, channel, GS, ClientAgentMessageType.EJECT.id(), Bytes.le().u16(154).string("Maintenance"));
            assertThat(c.expectEject(154)).isEqualTo("Maintenance");
        }
        try (RawClient c = cluster.client()) {
            long channel = establish(cluster, gs, c);
            send(gs, channel, GS, ClientAgentMessageType.DROP.id(), Bytes.le());
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void setStateBackToAnonymousClosesTheGame() throws Exception {
        try (RawClient c = cluster.client()) {
            long channel = establish(cluster, gs, c);
            send(gs, channel, GS, ClientAgentMessageType.SET_STATE.id(), Bytes.le().u16(1));
            send(gs, channel, GS, ClientAgentMessageType.SEND_DATAGRAM.id(), Bytes.le().u16(2).u16(5));
            c.receive();
            c.send(Bytes.le().u16(ClientMessageType.ADD_INTEREST.id()).u32(1).u16(1).u32(ZONE).u32(1).array());
            assertThat(c.expectEject(108)).isEqualTo("Message type 200 not allowed prior to authentication.");
        }
    }

    @Test
    void clientIdOpenAndCloseChannel() throws Exception {
        try (RawClient c = cluster.client()) {
            long channel = establish(cluster, gs, c);
            send(gs, channel, GS, ClientAgentMessageType.SET_CLIENT_ID.id(), Bytes.le().u64(1L << 32 | 77));
            send(gs, 1L << 32 | 77, GS, ClientAgentMessageType.SEND_DATAGRAM.id(), Bytes.le().u16(2).u16(11));
            assertThat(Bytes.hex(c.receive())).as("reached on its new id").isEqualTo("0b00");

            send(gs, channel, GS, ClientAgentMessageType.OPEN_CHANNEL.id(), Bytes.le().u64(31337));
            send(gs, 31337, GS, ClientAgentMessageType.SEND_DATAGRAM.id(), Bytes.le().u16(2).u16(12));
            assertThat(Bytes.hex(c.receive())).as("reached on an opened channel").isEqualTo("0c00");
            send(gs, channel, GS, ClientAgentMessageType.CLOSE_CHANNEL.id(), Bytes.le().u64(31337));
            send(gs, 31337, GS, ClientAgentMessageType.SEND_DATAGRAM.id(), Bytes.le().u16(2).u16(13));
            send(gs, channel, GS, ClientAgentMessageType.SEND_DATAGRAM.id(), Bytes.le().u16(2).u16(14));
            assertThat(Bytes.hex(c.receive())).as("the closed channel no longer reaches it").isEqualTo("0e00");
        }
    }

    @Test
    void postRemovesAreSentWhenTheClientGoesAndCanBeCleared() throws Exception {
        cluster.subscribe(gs, 5555);
        byte[] farewell = MdLink.datagram(new long[] {5555}, 42, 9, new byte[] {1, 2, 3});
        byte[] cleared = MdLink.datagram(new long[] {5555}, 42, 10, new byte[0]);
        try (RawClient c = cluster.client()) {
            long channel = establish(cluster, gs, c);
            send(gs, channel, GS, ClientAgentMessageType.ADD_POST_REMOVE.id(), Bytes.le().u16(cleared.length).bytes(cleared));
            send(gs, channel, GS, ClientAgentMessageType.CLEAR_POST_REMOVES.id(), Bytes.le());
            send(gs, channel, GS, ClientAgentMessageType.ADD_POST_REMOVE.id(), Bytes.le().u16(farewell.length).bytes(farewell));
            send(gs, channel, GS, ClientAgentMessageType.SEND_DATAGRAM.id(), Bytes.le().u16(2).u16(1));
            c.receive();
        }
        assertThat(gs.receive()).as("only the post-remove added after the clear").isEqualTo(farewell);
    }

    @Test
    void declaredObjectsAndSendableFields() throws Exception {
        cluster.createZone(gs, ZONE);
        cluster.createAvatar(gs, 6001, ZONE, 10, "a");
        cluster.settle(gs, GS, ZONE);
        cluster.subscribe(gs, StateServerMessage.location(ZONE, 10));
        try (RawClient c = cluster.client()) {
            long channel = establish(cluster, gs, c);
            send(gs, channel, GS, ClientAgentMessageType.DECLARE_OBJECT.id(), Bytes.le().u32(6001).u16(2));
            send(gs, channel, GS, ClientAgentMessageType.SET_FIELDS_SENDABLE.id(), Bytes.le().u32(6001).u16(1).u16(6));
            send(gs, channel, GS, ClientAgentMessageType.SEND_DATAGRAM.id(), Bytes.le().u16(2).u16(1));
            c.receive();
            c.send(Bytes.le().u16(ClientMessageType.OBJECT_SET_FIELD.id()).u32(6001).u16(6).u8(9).array());
            Received r = Received.of(gs.receive());
            assertThat(r.sender()).isEqualTo(channel);
            assertThat(r.argsHex()).as("setAdmin made sendable for a declared object").isEqualTo(Bytes.le().u32(6001).u16(6).u8(9).hex());

            send(gs, channel, GS, ClientAgentMessageType.UNDECLARE_OBJECT.id(), Bytes.le().u32(6001));
            send(gs, channel, GS, ClientAgentMessageType.SEND_DATAGRAM.id(), Bytes.le().u16(2).u16(1));
            c.receive();
            c.send(Bytes.le().u16(ClientMessageType.OBJECT_SET_FIELD.id()).u32(6001).u16(6).u8(9).array());
            assertThat(c.expectEject(117)).isEqualTo("Client tried to send update to nonexistent object 6001");
        }
    }

    @Test
    void ownershipOwnsendAndRelocation() throws Exception {
        cluster.createZone(gs, ZONE);
        cluster.createAvatar(gs, 6001, ZONE, 10, "a");
        cluster.settle(gs, GS, ZONE);
        try (RawClient c = cluster.client()) {
            long channel = establish(cluster, gs, c);
            send(gs, 6001, GS, StateServerMessageType.OBJECT_SET_OWNER.id(), Bytes.le().u64(channel));
            byte[] entered = c.receive();
            String head = Bytes.le().u32(6001).u32(ZONE).u32(10).u16(2).bytes(avatarRequired("a").array()).hex();
            assertThat(Bytes.hex(entered)).isIn(Bytes.le().u16(172).hex() + head, Bytes.le().u16(173).hex() + head + "0000");

            cluster.subscribe(gs, StateServerMessage.location(ZONE, 10));
            c.send(Bytes.le().u16(ClientMessageType.OBJECT_SET_FIELD.id()).u32(6001).u16(3).string("hi").array());
            Received chat = Received.of(gs.receive());
            assertThat(chat.argsHex()).as("ownsend from the owner").isEqualTo(Bytes.le().u32(6001).u16(3).string("hi").hex());

            c.send(Bytes.le().u16(ClientMessageType.OBJECT_LOCATION.id()).u32(6001).u32(ZONE).u32(11).array());
            assertThat(c.expectEject(119)).isEqualTo("Owned object relocation is disabled by server.");
        }
    }

    @Test
    void sessionObjectsEjectWhenLostAndAreDeletedWhenTheClientGoes() throws Exception {
        cluster.createZone(gs, ZONE);
        cluster.createAvatar(gs, 6001, ZONE, 10, "a");
        cluster.createAvatar(gs, 6002, ZONE, 10, "b");
        cluster.settle(gs, GS, ZONE);
        cluster.subscribe(gs, StateServerMessage.location(ZONE, 10));
        try (RawClient c = cluster.client()) {
            long channel = establish(cluster, gs, c);
            send(gs, channel, GS, ClientAgentMessageType.DECLARE_OBJECT.id(), Bytes.le().u32(6001).u16(2));
            send(gs, channel, GS, ClientAgentMessageType.ADD_SESSION_OBJECT.id(), Bytes.le().u32(6001));
            send(gs, channel, GS, ClientAgentMessageType.SEND_DATAGRAM.id(), Bytes.le().u16(2).u16(1));
            c.receive();
        }
        Received deleted = Received.of(gs.receive());
        assertThat(deleted.type()).as("the session object is deleted when its client goes").isEqualTo(StateServerMessageType.OBJECT_DELETE_RAM.id());
        assertThat(deleted.argsHex()).isEqualTo(Bytes.le().u32(6001).hex());

        try (RawClient c = cluster.client()) {
            long channel = establish(cluster, gs, c);
            send(gs, channel, GS, ClientAgentMessageType.DECLARE_OBJECT.id(), Bytes.le().u32(6002).u16(2));
            send(gs, channel, GS, ClientAgentMessageType.ADD_SESSION_OBJECT.id(), Bytes.le().u32(6002));
            send(gs, channel, GS, ClientAgentMessageType.OPEN_CHANNEL.id(), Bytes.le().u64(StateServerMessage.location(ZONE, 10)));
            send(gs, 6002, GS, StateServerMessageType.OBJECT_DELETE_RAM.id(), Bytes.le().u32(6002));
            assertThat(c.expectEject(153)).isEqualTo("The session object with id 6002 has been unexpectedly deleted.");
        }
    }

    @Test
    void aRemovedSessionObjectIsAnOrdinaryObjectAgain() throws Exception {
        cluster.createZone(gs, ZONE);
        cluster.createAvatar(gs, 6001, ZONE, 10, "a");
        cluster.settle(gs, GS, ZONE);
        try (RawClient c = cluster.client()) {
            long channel = establish(cluster, gs, c);
            c.send(Bytes.le().u16(ClientMessageType.ADD_INTEREST.id()).u32(1).u16(1).u32(ZONE).u32(10).array());
            c.receive();
            c.receive();
            send(gs, channel, GS, ClientAgentMessageType.ADD_SESSION_OBJECT.id(), Bytes.le().u32(6001));
            send(gs, channel, GS, ClientAgentMessageType.REMOVE_SESSION_OBJECT.id(), Bytes.le().u32(6001));
            send(gs, 6001, GS, StateServerMessageType.OBJECT_DELETE_RAM.id(), Bytes.le().u32(6001));
            assertThat(Bytes.hex(c.receive())).as("it just leaves").isEqualTo(Bytes.le().u16(132).u32(6001).hex());
        }
    }

    @Test
    void serverAddedInterestsAnswerTheCaller() throws Exception {
        cluster.createZone(gs, ZONE);
        cluster.createAvatar(gs, 6001, ZONE, 10, "a");
        cluster.settle(gs, GS, ZONE);
        try (RawClient c = cluster.client()) {
            long channel = establish(cluster, gs, c);
            send(gs, channel, GS, ClientAgentMessageType.ADD_INTEREST_MULTIPLE.id(), Bytes.le().u16(4).u32(ZONE).u16(2).u32(10).u32(11));
            assertThat(Bytes.hex(c.receive())).as("the client hears of the interest, context 0")
                    .isEqualTo(Bytes.le().u16(201).u32(0).u16(4).u32(ZONE).u16(2).u32(10).u32(11).hex());
            assertThat(c.receive()[0] & 0xFF).isEqualTo(142);
            assertThat(Bytes.hex(c.receive())).isEqualTo(Bytes.le().u16(204).u32(0).u16(4).hex());
            Received done = Received.of(gs.receive());
            assertThat(done.type()).isEqualTo(ClientAgentMessageType.DONE_INTEREST_RESP.id());
            assertThat(done.recipients()).containsExactly(GS);
            assertThat(done.argsHex()).isEqualTo(Bytes.le().u64(channel).u16(4).hex());

            send(gs, channel, GS, ClientAgentMessageType.REMOVE_INTEREST.id(), Bytes.le().u16(4));
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                got.add(Bytes.hex(c.receive()));
            }
            assertThat(got).containsExactly(Bytes.le().u16(203).u32(2).u16(4).hex(), Bytes.le().u16(132).u32(6001).hex(),
                    Bytes.le().u16(204).u32(2).u16(4).hex());
            assertThat(Received.of(gs.receive()).type()).isEqualTo(ClientAgentMessageType.DONE_INTEREST_RESP.id());
        }
    }

    @Test
    void networkAddressAndTlvs() throws Exception {
        try (RawClient c = cluster.client()) {
            long channel = establish(cluster, gs, c);
            send(gs, channel, GS, ClientAgentMessageType.GET_NETWORK_ADDRESS.id(), Bytes.le().u32(66));
            Received r = Received.of(gs.receive());
            assertThat(r.type()).isEqualTo(ClientAgentMessageType.GET_NETWORK_ADDRESS_RESP.id());
            assertThat(r.sender()).isEqualTo(channel);
            String prefix = Bytes.le().u32(66).string("127.0.0.1").hex();
            assertThat(r.argsHex()).startsWith(prefix);
            assertThat(r.args()).hasSize(4 + 11 + 2 + 11 + 2);
            send(gs, channel, GS, ClientAgentMessageType.GET_TLVS.id(), Bytes.le().u32(67));
            assertThat(Received.of(gs.receive()).argsHex()).isEqualTo(Bytes.le().u32(67).u16(0).hex());
        }
    }

    @Test
    void aClientThatDoesNotReadIsDroppedWhenItsQueueIsFull() throws Exception {
        ClientAgentConfig d = AstronCluster.config();
        cluster.close();
        cluster = new AstronCluster(new ClientAgentConfig(d.bind(), null, "/", d.version(), 0, d.channelMin(), d.channelMax(),
                d.heartbeatTimeout(), false, d.interests(), d.maxDatagramSize(), d.interestTimeout(), 64 * 1024, false, null, d.helloTimeout(), d.anonymousTimeout()));
        gs.close();
        gs = cluster.gameServer(GS, LOGIN);
        try (RawClient slow = cluster.slowClient(); RawClient other = cluster.client()) {
            long channel = establish(cluster, gs, slow);
            byte[] chunk = new byte[60_000];
            for (int i = 0; i < 200; i++) {
                send(gs, channel, GS, ClientAgentMessageType.SEND_DATAGRAM.id(), Bytes.le().u16(chunk.length).bytes(chunk));
            }
            AstronCluster.send(gs, channel, GS, ClientAgentMessageType.SEND_DATAGRAM.id(), Bytes.le().u16(2).u16(1));
            // the director has routed all of it before the client reads a byte, so what the
            // client takes in while draining cannot keep the agent's queue short
            cluster.subscribe(gs);
            long drained = 0;
            try {
                while (true) {
                    drained += slow.receive().length;
                }
            } catch (java.net.SocketTimeoutException stillOpen) {
                throw new AssertionError("the slow client was not dropped (" + drained + " bytes came)", stillOpen);
            } catch (java.io.IOException closed) {
                // the agent closed the connection once more than 64 KiB waited for the client
            }
            assertThat(drained).as("far less than was sent").isLessThan(200L * 60_000);
            long otherChannel = establish(cluster, gs, other);
            assertThat(otherChannel).as("the agent still serves others").isNotEqualTo(channel);
        }
    }
}
