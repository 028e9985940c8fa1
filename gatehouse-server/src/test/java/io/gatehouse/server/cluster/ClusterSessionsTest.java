package io.gatehouse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.client.control.ControlClient;
import io.gatehouse.client.control.ControlException;
import io.gatehouse.control.message.AuthResponse;
import io.gatehouse.server.Gatehouse;
import io.gatehouse.control.message.CloseCode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    @Test
    void aBanOnOneNodeClosesTheAccountsSessionsOnEveryNode() throws Exception {
        try (ClusterNodes cluster = new ClusterNodes()) {
            Gatehouse a = cluster.start("a");
            Gatehouse b = cluster.start("b");
            try (ControlClient onB = ClusterNodes.authed(b, "mallory"); ControlClient other = ClusterNodes.authed(b, "trent")) {
                HttpResponse<String> resp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + a.httpPort() + "/api/v1/accounts/mallory/ban"))
                        .header("Authorization", "Bearer " + ClusterNodes.ADMIN_KEY).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"cheating\"}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(resp.statusCode()).isEqualTo(200);
                assertThat(resp.body()).as("node a had none of them").contains("\"sessions_closed\":0");
                assertThat(onB.awaitClose().code()).as("closed on node b as a kick").isEqualTo(CloseCode.SESS_EXPIRED.wire());
                assertThat(other.heartbeat(new byte[] {3})).as("another account stays").containsExactly(3);
            }
            try (ControlClient again = ClusterNodes.control(b)) {
                assertThatThrownBy(() -> again.auth(ClusterNodes.token(a, "mallory"))).isInstanceOf(ControlException.class);
            }
        }
    }
}
