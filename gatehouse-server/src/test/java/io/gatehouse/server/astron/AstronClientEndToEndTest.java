package io.gatehouse.server.astron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.astron.AstronFront;
import io.gatehouse.astron.md.DatagramOverflowException;
import io.gatehouse.client.astron.AstronClient;
import io.gatehouse.client.astron.AstronEjectedException;
import io.gatehouse.client.astron.ViewObject;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.server.Gatehouse;
import io.gatehouse.server.config.ConfigLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java astron client against a running Gatehouse, with a game server on the Message
 * Director port: login through an anonymous UberDOG, an interest with decoded objects, field
 * updates both ways, heartbeats, and a post-remove when the client goes.
 */
class AstronClientEndToEndTest {

    private static final long LOGIN = 4665;
    private static final long GS = 777;

    @TempDir
    Path dir;
    private Gatehouse gatehouse;
    /** The clock of the Client Agent's time limits (the heartbeat among them): it moves when a test says. */
    private final ManualScheduler clock = new ManualScheduler();
    private GameServerLink gs;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(dir.resolve("game.dc"), GameServerLink.DC);
        gatehouse = Gatehouse.start(ConfigLoader.parse("""
                data_dir: data
                database: {url: "jdbc:h2:mem:astron-e2e;DB_CLOSE_DELAY=-1"}
                http: {enabled: false}
                control: {enabled: false}
                vcmi: {enabled: false}
                marauroa: {enabled: false}
                astron:
                  enabled: true
                  bind: 127.0.0.1:0
                  md_bind: 127.0.0.1:0
                  dc_files: [game.dc]
                  version: e2e
                  heartbeat_timeout: 500ms
                  interests: enabled
                  anonymous_uberdogs: [{id: 4665, class: LoginManager}]
                """, dir), clock);
        gs = new GameServerLink(gatehouse.front(AstronFront.class).mdAddress(), GS);
        gs.subscribe(GS);
        gs.subscribe(LOGIN);
    }

    @AfterEach
    void stop() throws Exception {
        gs.close();
        gatehouse.close();
    }

    private AstronClient client() throws InterruptedException {
        return new AstronClient(gatehouse.front(AstronFront.class).clientAgent().address(), gatehouse.front(AstronFront.class).dc());
    }

    @Test
    void theClientSendsNoDatagramItsLengthTagCannotSay() throws Exception {
        gs.createZone(5000);
        gs.synced(5000); // the subscriptions are in place before the client's login is routed
        try (AstronClient client = client()) {
            assertThatThrownBy(() -> client.hello("v".repeat(0x10000))).isInstanceOf(DatagramOverflowException.class)
                    .hasMessage("version 65536 bytes (max 65535)");
            client.hello("e2e");
            String longest = "n".repeat(0xFFFF - 10);
            assertThatThrownBy(() -> client.setField(LOGIN, "LoginManager", "login", longest + "n"))
                    .isInstanceOf(DatagramOverflowException.class).hasMessage("client datagram 65536 bytes (max 65535)");
            assertThatThrownBy(() -> client.sendDatagram(new byte[0x10000])).isInstanceOf(DatagramOverflowException.class)
                    .hasMessage("client datagram 65536 bytes (max 65535)");
            client.setField(LOGIN, "LoginManager", "login", "ann");
            ByteBuffer login = gs.receive();
            login.getLong();
            assertThat(login.getShort()).as("the connection is in step after the refusals").isEqualTo((short) 2020);
            assertThat(login.getInt()).isEqualTo((int) LOGIN);
            assertThat(login.getShort()).isZero();
            assertThat(login.getShort()).isEqualTo((short) 3);
        }
    }

    @Test
    void loginInterestFieldsAndPostRemove() throws Exception {
        // the world: Zone 5000, Avatar 6001 in zone 10
        gs.send(402_000, 2000, GameServerLink.args().putInt(5000).putInt(0).putInt(0).putShort((short) 1));
        byte[] name = "ann".getBytes(StandardCharsets.UTF_8);
        gs.send(402_000, 2000, GameServerLink.args().putInt(6001).putInt(5000).putInt(10).putShort((short) 2)
                .putShort((short) name.length).put(name).putShort((short) 3).putShort((short) 45));
        gs.synced(6001); // the subscriptions and the world are in place before the client's login is routed

        try (AstronClient client = client()) {
            client.hello("e2e");
            client.startHeartbeat(Duration.ofMillis(100));
            client.setField(LOGIN, "LoginManager", "login", "ann");
            ByteBuffer login = gs.receive();
            long channel = login.getLong();
            assertThat(login.getShort()).as("STATESERVER_OBJECT_SET_FIELD to the UberDOG").isEqualTo((short) 2020);

            byte[] postRemove = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN)
                    .put((byte) 1).putLong(GS).putLong(channel).putShort((short) 4242).array();
            gs.send(channel, 1110, GameServerLink.args().putShort((short) postRemove.length).put(postRemove));
            gs.send(channel, 1000, GameServerLink.args().putShort((short) 2));
            gs.send(channel, 1002, GameServerLink.args().putShort((short) 2).putShort((short) 999));
            client.awaitView(v -> client.receivedCount(999) == 1, "the datagram the game server sends after SET_STATE");

            long context = client.addInterest(1, 5000, 10);
            client.awaitInterestDone(context);
            ViewObject avatar = client.objects().get(6001L);
            assertThat(avatar).isNotNull();
            assertThat(avatar.className()).isEqualTo("Avatar");
            assertThat(avatar.value("setName")).isEqualTo("ann");
            assertThat(avatar.fields().get("setXY")).containsExactly(3L, 4.5);

            gs.send(6001, 2020, GameServerLink.args().putInt(6001).putShort((short) 2).putShort((short) 3).putShort((short) 45));
            client.awaitView(v -> v.get(6001L) != null && v.get(6001L).fields().get("setXY").equals(List.of(3L, 4.5))
                    && client.receivedCount(120) == 1, "the broadcast update");

            gs.subscribe((5000L << 32) | 10);
            gs.synced(6001);
            client.setField(6001, "Avatar", "setHp", 77);
            ByteBuffer hp = gs.receive();
            assertThat(hp.getLong()).isEqualTo(channel);
            assertThat(hp.getShort()).isEqualTo((short) 2020);
            assertThat(hp.getInt()).isEqualTo(6001);
            assertThat(hp.getShort()).as("setHp").isEqualTo((short) 3);
            assertThat(hp.get()).isEqualTo((byte) 77);

            Thread.sleep(1200);
            long again = client.addInterest(2, 5000, 11);
            client.awaitInterestDone(again);
            assertThat(client.objects()).as("still connected past twice the heartbeat timeout").containsKey(6001L);

            client.disconnect();
            assertThat(client.awaitClose()).as("closed without an eject").isNull();
        }
        ByteBuffer farewell = gs.receive();
        assertThat(farewell.getLong()).as("the sender the post-remove was written with").isEqualTo(1_000_000_000L);
        assertThat(farewell.getShort()).as("the post-remove, sent when the client went").isEqualTo((short) 4242);
    }

    @Test
    void aWrongVersionIsReportedAsTheEject() throws Exception {
        try (AstronClient client = client()) {
            try {
                client.hello("old");
                throw new AssertionError("hello with a wrong version was accepted");
            } catch (AstronEjectedException e) {
                assertThat(e.code()).isEqualTo(124);
                assertThat(e.reason()).isEqualTo("Client version mismatch: client=old, server=e2e");
            }
        }
    }

    @Test
    void aClientWithoutHeartbeatsIsEjectedWith345() throws Exception {
        try (AstronClient client = client()) {
            client.hello("e2e");
            clock.advance(Duration.ofMillis(500));
            AstronEjectedException e = client.awaitClose();
            assertThat(e).isNotNull();
            assertThat(e.code()).isEqualTo(345);
        }
    }

}
