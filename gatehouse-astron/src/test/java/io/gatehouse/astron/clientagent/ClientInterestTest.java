package io.gatehouse.astron.clientagent;

import static io.gatehouse.astron.clientagent.AstronCluster.avatarRequired;
import static io.gatehouse.astron.clientagent.AstronCluster.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.astron.clientagent.AstronCluster.Received;
import io.gatehouse.astron.message.ClientMessageType;
import io.gatehouse.astron.message.StateServerMessageType;
import io.gatehouse.astron.stateserver.StateServerMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A full interest round and field security, with the State Server behind the Client Agent. */
class ClientInterestTest extends GameServerTestBase {

    /** Zone 5000 with avatars 6001 and 6002 in zone 10 and 6003 in zone 20. */
    private void populate() throws Exception {
        cluster.createZone(gs, ZONE);
        cluster.createAvatar(gs, 6001, ZONE, 10, "a");
        cluster.createAvatar(gs, 6002, ZONE, 10, "b");
        cluster.createAvatar(gs, 6003, ZONE, 20, "c");
        cluster.settle(gs, GS, ZONE);
    }

    private static String enter(long id, long zone, String name) {
        return Bytes.le().u16(ClientMessageType.ENTER_OBJECT_REQUIRED.id()).u32(id).u32(ZONE).u32(zone).u16(2)
                .bytes(avatarRequired(name).array()).hex();
    }

    @Test
    void aFullInterestRound() throws Exception {
        populate();
        try (RawClient c = cluster.client()) {
            establish(cluster, gs, c);
            c.send(Bytes.le().u16(ClientMessageType.ADD_INTEREST.id()).u32(7).u16(1).u32(ZONE).u32(10).array());
            List<String> entered = new ArrayList<>();
            entered.add(Bytes.hex(c.receive()));
            entered.add(Bytes.hex(c.receive()));
            assertThat(entered).containsExactlyInAnyOrder(enter(6001, 10, "a"), enter(6002, 10, "b"));
            assertThat(Bytes.hex(c.receive())).as("done, after every object").isEqualTo(Bytes.le().u16(204).u32(7).u16(1).hex());

            send(gs, 6003, GS, StateServerMessageType.OBJECT_SET_LOCATION.id(), Bytes.le().u32(ZONE).u32(10));
            assertThat(Bytes.hex(c.receive())).as("6003 moves in").isEqualTo(enter(6003, 10, "c"));

            send(gs, 6001, GS, StateServerMessageType.OBJECT_SET_LOCATION.id(), Bytes.le().u32(ZONE).u32(30));
            assertThat(Bytes.hex(c.receive())).as("6001 moves out").isEqualTo(Bytes.le().u16(132).u32(6001).hex());

            send(gs, 6002, GS, StateServerMessageType.OBJECT_SET_FIELD.id(), Bytes.le().u32(6002).u16(1).string("bb"));
            assertThat(Bytes.hex(c.receive())).as("a broadcast field update")
                    .isEqualTo(Bytes.le().u16(ClientMessageType.OBJECT_SET_FIELD.id()).u32(6002).u16(1).string("bb").hex());

            c.send(Bytes.le().u16(ClientMessageType.REMOVE_INTEREST.id()).u32(8).u16(1).array());
            assertThat(Bytes.hex(c.receive())).isEqualTo(Bytes.le().u16(132).u32(6002).hex());
            assertThat(Bytes.hex(c.receive())).isEqualTo(Bytes.le().u16(132).u32(6003).hex());
            assertThat(Bytes.hex(c.receive())).isEqualTo(Bytes.le().u16(204).u32(8).u16(1).hex());

            send(gs, 6002, GS, StateServerMessageType.OBJECT_SET_FIELD.id(), Bytes.le().u32(6002).u16(1).string("gone"));
            c.send(Bytes.le().u16(ClientMessageType.OBJECT_SET_FIELD.id()).u32(6002).u16(5).u8(1).array());
            c.send(Bytes.le().u16(ClientMessageType.OBJECT_SET_FIELD.id()).u32(424242).u16(5).u8(1).array());
            assertThat(c.expectEject(117))
                    .as("an update to an object seen before is dropped quietly; to one never seen, ejected")
                    .isEqualTo("Client tried to send update to nonexistent object 424242");
        }
    }

    @Test
    void anInterestOnAnEmptyZoneIsDoneAtOnce() throws Exception {
        populate();
        try (RawClient c = cluster.client()) {
            establish(cluster, gs, c);
            c.send(Bytes.le().u16(ClientMessageType.ADD_INTEREST_MULTIPLE.id()).u32(3).u16(2).u32(ZONE).u16(2).u32(40).u32(41).array());
            assertThat(Bytes.hex(c.receive())).isEqualTo(Bytes.le().u16(204).u32(3).u16(2).hex());
        }
    }

    @Test
    void fieldUpdatesFollowTheDcRules() throws Exception {
        populate();
        cluster.subscribe(gs, StateServerMessage.location(ZONE, 10));
        try (RawClient c = cluster.client()) {
            long channel = establish(cluster, gs, c);
            c.send(Bytes.le().u16(ClientMessageType.ADD_INTEREST.id()).u32(7).u16(1).u32(ZONE).u32(10).array());
            for (int i = 0; i < 3; i++) {
                c.receive();
            }
            c.send(Bytes.le().u16(ClientMessageType.OBJECT_SET_FIELD.id()).u32(6002).u16(5).u8(50).array());
            Received update = Received.of(gs.receive());
            assertThat(update.sender()).as("the object broadcasts the clsend update as the client").isEqualTo(channel);
            assertThat(update.type()).isEqualTo(StateServerMessageType.OBJECT_SET_FIELD.id());
            assertThat(update.argsHex()).isEqualTo(Bytes.le().u32(6002).u16(5).u8(50).hex());

            c.send(Bytes.le().u16(ClientMessageType.OBJECT_SET_FIELD.id()).u32(6002).u16(5).u8(150).array());
            assertThat(c.expectEject(127)).isEqualTo(
                    "Client tried to send update that violates the constraints for field Avatar(6002).setHp: value 150 outside (0-100)");
        }
        try (RawClient c = cluster.client()) {
            establish(cluster, gs, c);
            c.send(Bytes.le().u16(ClientMessageType.ADD_INTEREST.id()).u32(7).u16(1).u32(ZONE).u32(10).array());
            for (int i = 0; i < 3; i++) {
                c.receive();
            }
            c.send(Bytes.le().u16(ClientMessageType.OBJECT_SET_FIELD.id()).u32(6002).u16(6).u8(1).array());
            assertThat(c.expectEject(118)).isEqualTo("Client tried to send update for non-sendable field: Avatar(6002).setAdmin");
        }
        try (RawClient c = cluster.client()) {
            establish(cluster, gs, c);
            c.send(Bytes.le().u16(ClientMessageType.ADD_INTEREST.id()).u32(7).u16(1).u32(ZONE).u32(10).array());
            for (int i = 0; i < 3; i++) {
                c.receive();
            }
            c.send(Bytes.le().u16(ClientMessageType.OBJECT_SET_FIELD.id()).u32(6002).u16(0).string("x").array());
            assertThat(c.expectEject(118)).isEqualTo("Client tried to send update for nonexistent field 0 to object Avatar(6002)");
        }
    }

    @Test
    void anonymousClientsReachOnlyAnonymousUberdogs() throws Exception {
        try (RawClient c = cluster.anonymousClient()) {
            c.send(Bytes.le().u16(ClientMessageType.OBJECT_SET_FIELD.id()).u32(AstronCluster.PRIVATE_UD).u16(0).string("x").array());
            assertThat(c.expectEject(113)).isEqualTo("Client tried to send update to non-anonymous object LoginManager(4666)");
        }
        try (RawClient c = cluster.anonymousClient()) {
            c.send(Bytes.le().u16(ClientMessageType.OBJECT_SET_FIELD.id()).u32(6001).u16(0).string("x").array());
            assertThat(c.expectEject(117)).isEqualTo("Client tried to send update to nonexistent object 6001");
        }
    }
}
