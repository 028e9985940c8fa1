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
 * The cluster's vcmi lobby node dies ({@code kill -9}, docs/protocol/vcmi.md section 12): the
 * users the other node forwarded to it are told the lobby is lost and closed, and the other
 * node, eldest now, runs a new lobby that they connect to again.
 */
class ClusterVcmiLobbyNodeDeathTest {

    private ClusterNodes cluster;
    private NodeProcess lobbyNode;
    private Gatehouse b;

    @BeforeEach
    void start() throws Exception {
        cluster = new ClusterNodes();
        Path dir = Files.createTempDirectory("gatehouse-vcmi-death");
        lobbyNode = cluster.startProcessWithVcmi("node-p", dir);
        b = cluster.startWithVcmi("node-b");
    }

    @AfterEach
    void stop() throws Exception {
        lobbyNode.close();
        cluster.close();
    }

    @Test
    void theOtherNodesUsersGetTheErrorAndAreClosedAndTheNextEldestRunsTheLobby() throws Exception {
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
