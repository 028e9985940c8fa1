package io.gatehouse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.client.control.ControlClient;
import io.gatehouse.client.control.ControlException;
import io.gatehouse.control.message.AuthResponse;
import io.gatehouse.server.Gatehouse;
import org.junit.jupiter.api.Test;

/** Control sessions in a cluster: their rows are in the shared store, so any node resumes them. */
class ClusterSessionsTest {

    @Test
    void aSessionOpenedOnOneNodeResumesOnAnother() throws Exception {
        try (ClusterNodes cluster = new ClusterNodes()) {
            Gatehouse a = cluster.start("a");
            Gatehouse b = cluster.start("b");
            String sessionId;
            try (ControlClient first = ClusterNodes.control(a)) {
                sessionId = first.auth(ClusterNodes.token(a, "carol")).sessionId();
            }
            try (ControlClient again = ClusterNodes.control(b)) {
                AuthResponse resumed = again.reconnect(sessionId);
                assertThat(resumed.sessionId()).as("renewed under a new id").isNotEmpty().isNotEqualTo(sessionId);
                assertThat(again.heartbeat(new byte[] {1})).containsExactly(1);
            }
            try (ControlClient stale = ClusterNodes.control(a)) {
                assertThatThrownBy(() -> stale.reconnect(sessionId)).as("the old id stopped working on every node")
                        .isInstanceOf(ControlException.class);
            }
        }
    }
}
