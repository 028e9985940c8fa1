package io.gatehouse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.client.vcmi.VcmiLobbyClient;
import io.gatehouse.server.Gatehouse;
import io.gatehouse.vcmi.VcmiFront;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node of a vcmi cluster dies ({@code kill -9}, docs/protocol/vcmi.md section 12). The lobby
 * node: the users the other node forwarded to it are told the lobby is lost and closed, and the
 * other node, eldest now, runs a new lobby that they connect to again. Another node: its users
 * leave the lobby, and the others see them go.
 */
class ClusterVcmiLobbyNodeDeathTest {

    private ClusterNodes cluster;
    private Path dir;
    private NodeProcess process;

    @BeforeEach
    void start() throws Exception {
        cluster = new ClusterNodes();
        dir = Files.createTempDirectory("gatehouse-vcmi-death");
    }

    @AfterEach
    void stop() throws Exception {
        if (process != null) {
            process.close();
        }
        cluster.close();
    }

    @Test
    void whenTheLobbyNodeDiesTheOtherNodesUsersGetTheErrorAndAreClosedAndTheNextEldestRunsTheLobby() throws Exception {
        process = cluster.startProcessWithVcmi("node-p", dir);
        NodeProcess lobbyNode = process;
        Gatehouse b = cluster.startWithVcmi("node-b");
        try (VcmiLobbyClient erin = VcmiLobbyClient.connect(lobbyNode.vcmi);
             VcmiLobbyClient bob = VcmiLobbyClient.connect(b.front(VcmiFront.class).address())) {
            erin.hello(5, "", "<GREETINGS>erin<VER>1.5.0");
            erin.takeThrough("currently playing 0");
            bob.hello(5, "", "<GREETINGS>bob<VER>1.5.0");
            assertThat(bob.take(":>>USERS:2:erin:bob")).as("bob is in the lobby of the process node").isEqualTo(":>>USERS:2:erin:bob");
            bob.takeThrough("currently playing 0");
            lobbyNode.kill();
            assertThat(bob.takeThrough(":>>ERROR:Lobby server lost, please reconnect")).isEqualTo(":>>ERROR:Lobby server lost, please reconnect");
            assertThat(bob.awaitClosed()).isTrue();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> greetsAlone(b, "bob"));
    }

    @Test
    void whenAnotherNodeDiesItsUsersLeaveTheLobby() throws Exception {
        Gatehouse a = cluster.startWithVcmi("node-a");
        process = cluster.startProcessWithVcmi("node-p", dir);
        try (VcmiLobbyClient alice = VcmiLobbyClient.connect(a.front(VcmiFront.class).address());
             VcmiLobbyClient frank = VcmiLobbyClient.connect(process.vcmi)) {
            alice.hello(5, "", "<GREETINGS>alice<VER>1.5.0");
            alice.takeThrough("currently playing 0");
            frank.hello(5, "", "<GREETINGS>frank<VER>1.5.0");
            frank.takeThrough("currently playing 0");
            assertThat(alice.take(":>>USERS:2:alice:frank")).isEqualTo(":>>USERS:2:alice:frank");
            process.kill();
            assertThat(alice.take(":>>USERS:1:alice")).as("frank left with his node").isEqualTo(":>>USERS:1:alice");
        }
    }

    private static boolean greetsAlone(Gatehouse node, String name) throws InterruptedException {
        try (VcmiLobbyClient c = VcmiLobbyClient.connect(node.front(VcmiFront.class).address())) {
            c.timeout(Duration.ofSeconds(2));
            c.hello(5, "", "<GREETINGS>" + name + "<VER>1.5.0");
            String first = ":>>USERS:1:" + name;
            return c.take(first).equals(first);
        } catch (AssertionError | RuntimeException e) {
            return false;
        }
    }
}
