package io.gatehouse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.client.control.ControlClient;
import io.gatehouse.client.control.ControlException;
import io.gatehouse.control.message.CloseCode;
import io.gatehouse.server.Gatehouse;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The core's session rules held across the nodes of a cluster: the listing and kicks of every
 * node's sessions, the duplicate policy and the connection limit, and a node that leaves.
 */
class ClusterSessionRulesTest {

    private static final Duration NOTICED = Duration.ofSeconds(10);

    @Test
    void everyNodeListsTheWholeClusterAndKicksWhereverASessionLives() throws Exception {
        try (ClusterNodes cluster = new ClusterNodes()) {
            Gatehouse a = cluster.start("a");
            Gatehouse b = cluster.start("b");
            try (ControlClient onA = ClusterNodes.authed(a, "ann"); ControlClient onB = ClusterNodes.authed(b, "bob")) {
                await().atMost(NOTICED).untilAsserted(() -> {
                    for (Gatehouse node : List.of(a, b)) {
                        assertThat(accountsAndNodes(ClusterNodes.sessions(node))).containsExactlyInAnyOrder("ann@a", "bob@b");
                    }
                });
                String bobs = idOf(ClusterNodes.sessions(a), "bob");
                HttpResponse<String> kicked = ClusterNodes.api(a, "DELETE", "/api/v1/sessions/" + bobs);
                assertThat(kicked.statusCode()).isEqualTo(200);
                assertThat(kicked.body()).contains("\"front\":\"control\"").contains("\"answer\":\"Close SessExpired (code 5)\"");
                assertThat(onB.awaitClose().code()).as("node b's client got control's kick").isEqualTo(CloseCode.SESS_EXPIRED.wire());
                assertThat(onA.heartbeat(new byte[] {1})).containsExactly(1);
                await().atMost(NOTICED).untilAsserted(() ->
                        assertThat(accountsAndNodes(ClusterNodes.sessions(b))).containsExactly("ann@a"));
                assertThat(ClusterNodes.api(b, "DELETE", "/api/v1/sessions/" + bobs).statusCode())
                        .as("a kicked session is gone everywhere").isEqualTo(404);
            }
        }
    }

    @Test
    void aResumeOnAnotherNodeClosesTheOlderConnectionThere() throws Exception {
        try (ClusterNodes cluster = new ClusterNodes()) {
            Gatehouse a = cluster.start("a");
            Gatehouse b = cluster.start("b");
            try (ControlClient older = ClusterNodes.control(a); ControlClient newer = ClusterNodes.control(b)) {
                String id = older.auth(ClusterNodes.token(a, "cid")).sessionId();
                assertThat(newer.reconnect(id).sessionId()).isNotEqualTo(id);
                assertThat(older.awaitClose().code()).isEqualTo(CloseCode.CONNECT_DUPLICATE.wire());
                assertThat(newer.heartbeat(new byte[] {2})).containsExactly(2);
            }
        }
    }

    @Test
    void rejectNewerRefusesAResumeOfASessionLiveOnAnotherNode() throws Exception {
        try (ClusterNodes cluster = new ClusterNodes()) {
            Gatehouse a = cluster.start("a", "duplicate: reject_newer");
            Gatehouse b = cluster.start("b", "duplicate: reject_newer");
            try (ControlClient older = ClusterNodes.control(a); ControlClient newer = ClusterNodes.control(b)) {
                String id = older.auth(ClusterNodes.token(a, "dee")).sessionId();
                assertThatThrownBy(() -> newer.reconnect(id)).isInstanceOfSatisfying(ControlException.class,
                        e -> assertThat(e.status()).isEqualTo(6));
                assertThat(newer.awaitClose().code()).isEqualTo(CloseCode.CONNECT_DUPLICATE.wire());
                assertThat(older.heartbeat(new byte[] {3})).as("the older connection keeps its session").containsExactly(3);
            }
        }
    }

    @Test
    void theConnectionLimitCountsEveryNodesConnections() throws Exception {
        try (ClusterNodes cluster = new ClusterNodes()) {
            Gatehouse a = cluster.start("a", "connection_limit: 2");
            Gatehouse b = cluster.start("b", "connection_limit: 2");
            List<ControlClient> held = new ArrayList<>();
            try {
                held.add(ClusterNodes.authed(a, "eve"));
                held.add(ClusterNodes.authed(b, "eve"));
                for (Gatehouse node : List.of(a, b)) {
                    try (ControlClient third = ClusterNodes.control(node)) {
                        assertThatThrownBy(() -> third.auth(ClusterNodes.token(node, "eve"))).as("a third place, on " + node)
                                .isInstanceOfSatisfying(ControlException.class, e -> assertThat(e.error().code()).isEqualTo(429));
                    }
                }
                held.remove(0).close();
                await().atMost(NOTICED).ignoreExceptionsInstanceOf(ControlException.class).untilAsserted(() -> {
                    try (ControlClient again = ClusterNodes.control(b)) {
                        again.auth(ClusterNodes.token(b, "eve"));
                    }
                });
            } finally {
                held.forEach(ControlClient::close);
            }
        }
    }

    @Test
    void aNodeThatLeavesGivesItsPlacesBackAndLeavesTheListing() throws Exception {
        try (ClusterNodes cluster = new ClusterNodes()) {
            Gatehouse a = cluster.start("a", "connection_limit: 1");
            Gatehouse b = cluster.start("b", "connection_limit: 1");
            ControlClient onA = ClusterNodes.authed(a, "fay");
            await().atMost(NOTICED).untilAsserted(() -> assertThat(accountsAndNodes(ClusterNodes.sessions(b))).containsExactly("fay@a"));
            try (ControlClient refused = ClusterNodes.control(b)) {
                assertThatThrownBy(() -> refused.auth(ClusterNodes.token(b, "fay"))).isInstanceOf(ControlException.class);
            }
            cluster.stop(a);
            assertThat(onA.awaitClose().code()).isEqualTo(CloseCode.SERVER_SHUTDOWN.wire());
            assertThat(accountsAndNodes(ClusterNodes.sessions(b))).isEmpty();
            try (ControlClient now = ClusterNodes.authed(b, "fay")) {
                assertThat(now.heartbeat(new byte[] {4})).containsExactly(4);
            }
        }
    }

    private static List<String> accountsAndNodes(JsonNode sessions) {
        return StreamSupport.stream(sessions.spliterator(), false)
                .map(s -> s.get("account").asText() + "@" + s.get("node").asText())
                .toList();
    }

    private static String idOf(JsonNode sessions, String account) {
        return StreamSupport.stream(sessions.spliterator(), false)
                .filter(s -> s.get("account").asText().equals(account))
                .map(s -> s.get("id").asText())
                .findFirst().orElseThrow();
    }
}
