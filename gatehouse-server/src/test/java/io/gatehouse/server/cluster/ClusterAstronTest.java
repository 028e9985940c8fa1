package io.gatehouse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.astron.AstronFront;
import io.gatehouse.client.astron.AstronClient;
import io.gatehouse.client.astron.ViewObject;
import io.gatehouse.server.Gatehouse;
import io.gatehouse.server.astron.GameServerLink;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Astron split over two nodes of one cluster: node A runs only a Client Agent, node B the State
 * Server and the Database Server, and their Message Directors share channels over NATS. A client
 * on A logs in through an UberDOG whose game server is on B, sees B's objects through its
 * interest, gets their updates from a game server on either node, and its post-remove reaches B
 * when it goes; a game server on A creates a database object on B.
 */
class ClusterAstronTest {

    private static final long LOGIN = 4665;
    private static final long GS_A = 777;
    private static final long GS_B = 778;
    private static final long DATABASE = 402_001;

    @TempDir
    Path dir;
    private ClusterNodes cluster;
    private Gatehouse a;
    private Gatehouse b;
    private GameServerLink onA;
    private GameServerLink onB;

    @BeforeEach
    void start() throws Exception {
        Path dc = Files.writeString(dir.resolve("game.dc"), GameServerLink.DC);
        cluster = new ClusterNodes();
        a = cluster.startWithAstron("astron-a", "clientagent", dc, 1_000_000_000L);
        b = cluster.startWithAstron("astron-b", "stateserver, database", dc, 1_001_000_000L);
        onA = new GameServerLink(a.front(AstronFront.class).mdAddress(), GS_A);
        onB = new GameServerLink(b.front(AstronFront.class).mdAddress(), GS_B);
        onB.subscribe(GS_B);
        onB.subscribe(LOGIN);
        onA.subscribe(GS_A);
    }

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            onA.close();
            onB.close();
            cluster.close();
        }
    }

    @Test
    void aSecondNodeForTheSameStateServerOrDatabaseChannelIsRefusedUntilTheFirstLeaves() throws Exception {
        Path dc = dir.resolve("game.dc");
        assertThatThrownBy(() -> cluster.startWithAstron("astron-c", "stateserver", dc, 1_002_000_000L))
                .hasMessageContaining("the State Server channel 402000 is served by node astron-b already");
        assertThatThrownBy(() -> cluster.startWithAstron("astron-c", "database", dc, 1_002_000_000L))
                .hasMessageContaining("the Database Server channel " + DATABASE + " is served by node astron-b already");
        cluster.stop(b);
        Gatehouse c = cluster.startWithAstron("astron-c", "stateserver, database", dc, 1_002_000_000L);
        assertThat(c.front(AstronFront.class).listeners()).extracting(l -> l.kind()).contains("db");
    }

    @Test
    void eachNodeRunsOnlyTheRolesItNames() {
        assertThat(a.front(AstronFront.class).clientAgents()).hasSize(1);
        assertThat(b.front(AstronFront.class).clientAgents()).isEmpty();
        assertThat(a.front(AstronFront.class).listeners()).extracting(l -> l.kind()).doesNotContain("db");
        assertThat(b.front(AstronFront.class).listeners()).extracting(l -> l.kind()).contains("db");
    }

    @Test
    void aClientOnOneNodePlaysAgainstTheStateServerOnTheOther() throws Exception {
        onB.createZone(5000);
        onB.createAvatar(6001, 5000, 10, "ann", 3, 45);
        onB.synced(6001);
        onA.synced(6001);

        long channel;
        try (AstronClient client = new AstronClient(a.front(AstronFront.class).clientAgent().address(), a.front(AstronFront.class).dc())) {
            client.hello("cluster");
            client.setField(LOGIN, "LoginManager", "login", "ann");
            channel = onB.loginSender();
            assertThat(channel).as("a channel of node A's Client Agent").isBetween(1_000_000_000L, 1_000_999_999L);

            byte[] postRemove = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN)
                    .put((byte) 1).putLong(GS_B).putLong(channel).putShort((short) 4242).array();
            onB.send(channel, 1110, GameServerLink.args().putShort((short) postRemove.length).put(postRemove));
            onB.establish(channel);
            onB.send(channel, 1002, GameServerLink.args().putShort((short) 2).putShort((short) 999));
            client.awaitView(v -> client.receivedCount(999) == 1, "a datagram node B sent after CLIENTAGENT_SET_STATE");

            client.awaitInterestDone(client.addInterest(1, 5000, 10));
            ViewObject avatar = client.objects().get(6001L);
            assertThat(avatar).as("the avatar node B's State Server holds").isNotNull();
            assertThat(avatar.value("setName")).isEqualTo("ann");
            assertThat(avatar.fields().get("setXY")).containsExactly(3L, 4.5);

            // node B's game server joins the zone's location channel, so it hears what is broadcast there
            onB.subscribe((5000L << 32) | 10);
            onB.synced(6001);
            onA.send(6001, 2020, GameServerLink.args().putInt(6001).putShort((short) 2).putShort((short) 7).putShort((short) 15));
            client.awaitView(v -> v.get(6001L).fields().get("setXY").equals(List.of(7L, 1.5)),
                    "an update sent by a game server on node A, broadcast by node B's State Server");
            ByteBuffer xy = onB.receive();
            assertThat(xy.getLong()).as("the broadcast keeps the sender on node A").isEqualTo(GS_A);
            assertThat(xy.getShort()).isEqualTo((short) 2020);
            assertThat(xy.getInt()).isEqualTo(6001);
            assertThat(xy.getShort()).as("setXY").isEqualTo((short) 2);

            client.setField(6001, "Avatar", "setHp", 77);
            ByteBuffer hp = onB.receive();
            assertThat(hp.getLong()).as("sent by the client on node A").isEqualTo(channel);
            assertThat(hp.getShort()).isEqualTo((short) 2020);
            assertThat(hp.getInt()).isEqualTo(6001);
            assertThat(hp.getShort()).as("setHp").isEqualTo((short) 3);
            assertThat(hp.get()).isEqualTo((byte) 77);

            client.disconnect();
        }
        ByteBuffer farewell = onB.receive();
        assertThat(farewell.getLong()).as("the sender the post-remove was written with").isEqualTo(channel);
        assertThat(farewell.getShort()).as("the post-remove, sent by node A's Client Agent when the client went").isEqualTo((short) 4242);
    }

    @Test
    void aGameServerOnOneNodeUsesTheDatabaseServerOnTheOther() throws Exception {
        onA.send(DATABASE, 3000, GameServerLink.args().putInt(31).putShort((short) 3).putShort((short) 1).putShort((short) 4).putShort((short) 12));
        ByteBuffer created = onA.receive();
        assertThat(created.getLong()).as("from the database's control channel").isEqualTo(DATABASE);
        assertThat(created.getShort()).as("DBSERVER_CREATE_OBJECT_RESP").isEqualTo((short) 3001);
        assertThat(created.getInt()).isEqualTo(31);
        long doId = created.getInt() & 0xFFFF_FFFFL;
        assertThat(doId).as("an id from the database's range").isGreaterThanOrEqualTo(100_000_000L);

        onA.send(DATABASE, 3010, GameServerLink.args().putInt(32).putInt((int) doId).putShort((short) 4));
        ByteBuffer field = onA.receive();
        field.getLong();
        assertThat(field.getShort()).as("DBSERVER_OBJECT_GET_FIELD_RESP").isEqualTo((short) 3011);
        assertThat(field.getInt()).isEqualTo(32);
        assertThat(field.get()).as("found").isEqualTo((byte) 1);
        assertThat(field.getShort()).as("setLevel").isEqualTo((short) 4);
        assertThat(field.getShort()).as("setLevel as created").isEqualTo((short) 12);
    }
}
