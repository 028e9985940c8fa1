package io.gatehouse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gatehouse.client.control.ControlClient;
import io.gatehouse.client.control.ControlException;
import io.gatehouse.server.Gatehouse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that dies ({@code kill -9} of its process): the others notice within the node timeout,
 * its sessions leave their listings, its places in connection limits are given back, and its
 * clients resume on the nodes left.
 */
class ClusterNodeDeathTest {

    @TempDir
    Path dir;

    @Test
    void theClientsOfAKilledNodeResumeElsewhereAndItsPlacesAreGivenBack() throws Exception {
        try (ClusterNodes cluster = new ClusterNodes()) {
            Gatehouse b = cluster.start("b", "connection_limit: 1");
            String session;
            try (NodeProcess a = cluster.startProcess("a", "connection_limit: 1", dir)) {
                ControlClient onA = ControlClient.tcp(a.control);
                session = onA.auth(ClusterNodes.token(b, "gil")).sessionId();
                ControlClient heldOnA = ControlClient.tcp(a.control);
                heldOnA.auth(ClusterNodes.token(b, "hal"));
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(ClusterNodes.sessions(b)).as("b lists a's sessions").hasSize(2));
                try (ControlClient refused = ClusterNodes.control(b)) {
                    assertThatThrownBy(() -> refused.auth(ClusterNodes.token(b, "hal"))).as("hal's one place is taken on a")
                            .isInstanceOf(ControlException.class);
                }

                a.kill();
                onA.closed().get(10, java.util.concurrent.TimeUnit.SECONDS);
                heldOnA.close();
                onA.close();
            }
            try (ControlClient resumed = ClusterNodes.control(b)) {
                assertThat(resumed.reconnect(session).sessionId()).as("gil resumes on b").isNotEqualTo(session);
                assertThat(resumed.heartbeat(new byte[] {7})).containsExactly(7);
                await().atMost(Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(ControlException.class).untilAsserted(() -> {
                    try (ControlClient hal = ClusterNodes.control(b)) {
                        hal.auth(ClusterNodes.token(b, "hal"));
                    }
                });
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ClusterNodes.sessions(b))
                        .as("a's sessions left the listing; gil's is b's now").hasSize(1)
                        .allSatisfy(s -> assertThat(s.get("node").asText()).isEqualTo("b")));
            }
        }
    }
}
