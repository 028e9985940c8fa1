package io.gatehouse.server.cluster;

import static io.gatehouse.server.vcmi.PipeBytes.concat;
import static io.gatehouse.server.vcmi.PipeBytes.receive;
import static io.gatehouse.server.vcmi.PipeBytes.sendOdd;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.client.vcmi.VcmiLobbyClient;
import io.gatehouse.client.vcmi.VcmiPipeClient;
import io.gatehouse.server.Gatehouse;
import io.gatehouse.vcmi.VcmiFront;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A vcmi game's pipes across two real nodes (docs/protocol/vcmi.md, section 4, "Across cluster
 * nodes"): the game is started in node A's lobby, and its pipes pair wherever they land, the
 * bytes intact both ways; when A goes, the pipes of its games on B are closed.
 */
class ClusterVcmiTest {

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
    void hostOnOneNodeAndGuestOnTheOtherRelayMegabytesIntactBothWays() throws Exception {
        String[] ids = startGame(a);
        try (VcmiPipeClient host = VcmiPipeClient.open(vcmi(a), "server", ids[0])) {
            host.sendRaw("early from host".getBytes());
            try (VcmiPipeClient guest = VcmiPipeClient.open(vcmi(b), "client", ids[1])) {
                byte[] toGuest = concat(VcmiPipeClient.handshakeBytes("server", ids[0]), "early from host".getBytes());
                assertThat(guest.take(toGuest.length)).isEqualTo(toGuest);
                assertThat(host.take(VcmiPipeClient.handshakeBytes("client", ids[1]).length))
                        .isEqualTo(VcmiPipeClient.handshakeBytes("client", ids[1]));
                relaysBothWays(host, guest, 8 * 1024 * 1024 + 5);
            }
        }
    }

    @Test
    void bothPipesOnTheNodeWithoutTheLobbyPairThere() throws Exception {
        String[] ids = startGame(a);
        try (VcmiPipeClient host = VcmiPipeClient.open(vcmi(b), "server", ids[0]);
             VcmiPipeClient guest = VcmiPipeClient.open(vcmi(b), "client", ids[1])) {
            assertThat(guest.take(VcmiPipeClient.handshakeBytes("server", ids[0]).length))
                    .isEqualTo(VcmiPipeClient.handshakeBytes("server", ids[0]));
            assertThat(host.take(VcmiPipeClient.handshakeBytes("client", ids[1]).length))
                    .isEqualTo(VcmiPipeClient.handshakeBytes("client", ids[1]));
            relaysBothWays(host, guest, 2 * 1024 * 1024 + 1);
        }
    }

    @Test
    void aPipeWhoseGameNoNodeHoldsIsClosed() throws Exception {
        try (VcmiPipeClient stray = VcmiPipeClient.open(vcmi(b), "client", "00000000-0000-0000-0000-000000000000")) {
            assertThat(stray.awaitClosed()).isTrue();
        }
    }

    @Test
    void whenTheGamesNodeStopsItsPipesOnTheOtherNodeClose() throws Exception {
        String[] ids = startGame(a);
        try (VcmiPipeClient host = VcmiPipeClient.open(vcmi(a), "server", ids[0]);
             VcmiPipeClient guest = VcmiPipeClient.open(vcmi(b), "client", ids[1])) {
            guest.take(VcmiPipeClient.handshakeBytes("server", ids[0]).length);
            cluster.stop(a);
            assertThat(host.awaitClosed()).isTrue();
            assertThat(guest.awaitClosed()).as("the game went with its node").isTrue();
            assertThat(b.front(VcmiFront.class).relay().pipeCount()).isZero();
        }
    }

    /** Starts a two-player game in the node's lobby; returns {host uuid, the guest's client uuid}. */
    private static String[] startGame(Gatehouse node) throws InterruptedException {
        try (VcmiLobbyClient alice = VcmiLobbyClient.connect(vcmi(node));
             VcmiLobbyClient bob = VcmiLobbyClient.connect(vcmi(node))) {
            alice.hello(5, "", "<GREETINGS>alice<VER>1.5.0");
            alice.takeThrough("currently playing 0");
            bob.hello(5, "", "<GREETINGS>bob<VER>1.5.0");
            bob.takeThrough("currently playing 0");
            alice.send("<NEW>arena<PSWD><COUNT>2");
            alice.takeThrough("You are in the room chat.");
            bob.takeThrough(":arena:1:2:False");
            bob.send("<JOIN>arena<PSWD>");
            bob.takeThrough(":>>GAMEMODE:0");
            alice.send("<READY>arena");
            bob.send("<READY>arena");
            alice.takeThrough(":>>STATUS:2:alice:True:bob:True");
            bob.takeThrough(":>>STATUS:2:alice:True:bob:True");
            alice.takeThrough(":>>HOST:");
            String host = new String(alice.take(UUID_LENGTH));
            bob.takeThrough(":>>START:");
            String guest = new String(bob.take(UUID_LENGTH));
            return new String[] {host, guest};
        }
    }

    private static void relaysBothWays(VcmiPipeClient host, VcmiPipeClient guest, int size) throws Exception {
        CompletableFuture<byte[]> atHost = CompletableFuture.supplyAsync(() -> receive(host, size));
        CompletableFuture<byte[]> atGuest = CompletableFuture.supplyAsync(() -> receive(guest, size));
        CompletableFuture<byte[]> byGuest = CompletableFuture.supplyAsync(() -> sendOdd(guest, size, 1));
        CompletableFuture<byte[]> byHost = CompletableFuture.supplyAsync(() -> sendOdd(host, size, 2));
        assertThat(atHost.get(120, TimeUnit.SECONDS)).isEqualTo(byGuest.get(120, TimeUnit.SECONDS));
        assertThat(atGuest.get(120, TimeUnit.SECONDS)).isEqualTo(byHost.get(120, TimeUnit.SECONDS));
    }

    private static InetSocketAddress vcmi(Gatehouse node) {
        return node.front(VcmiFront.class).address();
    }
}
