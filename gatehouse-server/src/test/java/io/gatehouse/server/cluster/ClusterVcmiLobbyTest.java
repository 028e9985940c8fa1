package io.gatehouse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.client.vcmi.VcmiLobbyClient;
import io.gatehouse.client.vcmi.VcmiPipeClient;
import io.gatehouse.server.Gatehouse;
import io.gatehouse.vcmi.VcmiFront;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One vcmi lobby across two real nodes (docs/protocol/vcmi.md, "Lobby across cluster nodes"):
 * node A joined first and runs the lobby; a user who connects to node B is a member of it
 * through B, sees A's users, chats, joins their rooms and starts games with them, whose pipes
 * pair wherever they land. When A stops, B's lobby users are told and closed, and B runs the
 * lobby from then on.
 */
class ClusterVcmiLobbyTest {

    private static final int UUID_LENGTH = 36;

    private ClusterNodes cluster;
    private Gatehouse a;
    private Gatehouse b;

    @BeforeEach
    void start() throws Exception {
        cluster = new ClusterNodes();
        a = cluster.startWithVcmi("node-a");
        b = cluster.startWithVcmi("node-b");
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @Test
    void usersOnBothNodesSeeEachOtherChatShareARoomAndStartAGameWhosePipesPairAcrossNodes() throws Exception {
        String host;
        String guest;
        try (VcmiLobbyClient alice = VcmiLobbyClient.connect(vcmi(a));
             VcmiLobbyClient bob = VcmiLobbyClient.connect(vcmi(b))) {
            alice.hello(5, "", "<GREETINGS>alice<VER>1.5.0");
            alice.take(":>>USERS:1:alice:>>SESSIONS:0:>>USERS:1:alice:>>MSG:System:Here available 0 users, currently playing 0");
            bob.hello(5, "", "<GREETINGS>bob<VER>1.5.0");
            assertThat(alice.take(":>>USERS:2:alice:bob")).isEqualTo(":>>USERS:2:alice:bob");
            String bobSees = ":>>USERS:2:alice:bob:>>SESSIONS:0:>>USERS:2:alice:bob:>>MSG:System:Here available 1 users, currently playing 0";
            assertThat(bob.take(bobSees)).isEqualTo(bobSees);

            alice.send("<MSG>hello bob");
            assertThat(bob.take(":>>MSGCH:alice:global:hello bob")).isEqualTo(":>>MSGCH:alice:global:hello bob");
            bob.send("<MSG>hello alice");
            assertThat(alice.takeThrough(":>>MSGCH:bob:global:hello alice")).endsWith(":>>MSGCH:alice:global:hello bob:>>MSGCH:bob:global:hello alice");

            alice.send("<NEW>arena<PSWD><COUNT>2");
            alice.takeThrough("You are in the room chat.");
            assertThat(bob.takeThrough(":>>SESSIONS:1:arena:1:2:False")).endsWith(":>>MSGCH:bob:global:hello alice:>>SESSIONS:1:arena:1:2:False");
            bob.send("<JOIN>arena<PSWD>");
            assertThat(alice.takeThrough(":>>STATUS:2:alice:False:bob:False")).contains(":>>JOIN:arena:bob");
            bob.takeThrough(":>>GAMEMODE:0");
            alice.send("<READY>arena");
            bob.send("<READY>arena");
            alice.takeThrough(":>>STATUS:2:alice:True:bob:True");
            bob.takeThrough(":>>STATUS:2:alice:True:bob:True");
            alice.takeThrough(":>>HOST:");
            host = new String(alice.take(UUID_LENGTH));
            bob.takeThrough(":>>START:");
            guest = new String(bob.take(UUID_LENGTH));
            assertThat(alice.awaitClosed()).isTrue();
            assertThat(bob.awaitClosed()).as("the lobby closes a started player's connection on its node too").isTrue();
        }
        try (VcmiPipeClient server = VcmiPipeClient.open(vcmi(a), "server", host);
             VcmiPipeClient client = VcmiPipeClient.open(vcmi(b), "client", guest)) {
            assertThat(client.take(VcmiPipeClient.handshakeBytes("server", host).length)).isEqualTo(VcmiPipeClient.handshakeBytes("server", host));
            assertThat(server.take(VcmiPipeClient.handshakeBytes("client", guest).length)).isEqualTo(VcmiPipeClient.handshakeBytes("client", guest));
            server.sendRaw("to the guest".getBytes());
            client.sendRaw("to the host".getBytes());
            assertThat(new String(client.take("to the guest".length()))).isEqualTo("to the guest");
            assertThat(new String(server.take("to the host".length()))).isEqualTo("to the host");
        }
    }

    @Test
    void aUserWhoseConnectionOnTheOtherNodeClosesLeavesTheLobby() throws Exception {
        try (VcmiLobbyClient alice = VcmiLobbyClient.connect(vcmi(a))) {
            alice.hello(5, "", "<GREETINGS>alice<VER>1.5.0");
            alice.takeThrough("currently playing 0");
            try (VcmiLobbyClient carol = VcmiLobbyClient.connect(vcmi(b))) {
                carol.hello(5, "", "<GREETINGS>carol<VER>1.5.0");
                carol.takeThrough("currently playing 0");
                assertThat(alice.take(":>>USERS:2:alice:carol")).isEqualTo(":>>USERS:2:alice:carol");
                alice.send("<NEW>keep<PSWD><COUNT>3");
                alice.takeThrough("You are in the room chat.");
                carol.send("<JOIN>keep<PSWD>");
                carol.takeThrough(":>>GAMEMODE:0");
            }
            assertThat(alice.takeThrough(":>>USERS:1:alice"))
                    .contains(":>>JOIN:keep:carol")
                    .contains(":>>KICK:keep:carol:>>STATUS:1:alice:False")
                    .endsWith(":>>SESSIONS:1:keep:1:3:False:>>USERS:1:alice");
        }
    }

    @Test
    void aPacketTooLargeForOneNatsMessageClosesItsConnectionAndLeavesTheLobbyAsItWas() throws Exception {
        try (VcmiLobbyClient alice = VcmiLobbyClient.connect(vcmi(a));
             VcmiLobbyClient bob = VcmiLobbyClient.connect(vcmi(b))) {
            alice.hello(5, "", "<GREETINGS>alice<VER>1.5.0");
            alice.takeThrough("currently playing 0");
            bob.hello(5, "", "<GREETINGS>bob<VER>1.5.0");
            bob.takeThrough("currently playing 0");
            alice.take(":>>USERS:2:alice:bob");
            // within max_packet_bytes (1 MiB), but not within NATS's 1 MiB payload once the node's name and the connection's number go with it
            byte[] big = new byte[1024 * 1024 - 8];
            java.util.Arrays.fill(big, (byte) 'x');
            big[0] = '<';
            bob.sendPacket(big);
            assertThat(bob.awaitClosed()).isTrue();
            assertThat(alice.take(":>>USERS:1:alice")).isEqualTo(":>>USERS:1:alice");
        }
    }

    @Test
    void whenTheLobbyNodeStopsTheOtherNodesUsersAreToldAndClosedAndItRunsTheLobbyThen() throws Exception {
        try (VcmiLobbyClient bob = VcmiLobbyClient.connect(vcmi(b))) {
            bob.hello(5, "", "<GREETINGS>bob<VER>1.5.0");
            bob.takeThrough("currently playing 0");
            cluster.stop(a);
            assertThat(bob.takeThrough(":>>ERROR:Server is shutting down")).endsWith(":>>ERROR:Server is shutting down");
            assertThat(bob.awaitClosed()).isTrue();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> greetsAlone(b, "dave"));
    }

    /** Whether a new user greeting on the node is alone in its lobby (false while the node still forwards to a lobby gone). */
    private static boolean greetsAlone(Gatehouse node, String name) throws InterruptedException {
        try (VcmiLobbyClient c = VcmiLobbyClient.connect(vcmi(node))) {
            c.timeout(Duration.ofSeconds(2));
            c.hello(5, "", "<GREETINGS>" + name + "<VER>1.5.0");
            String first = ":>>USERS:1:" + name;
            return c.take(first).equals(first);
        } catch (AssertionError | RuntimeException e) {
            return false;
        }
    }

    private static InetSocketAddress vcmi(Gatehouse node) {
        return node.front(VcmiFront.class).address();
    }
}
