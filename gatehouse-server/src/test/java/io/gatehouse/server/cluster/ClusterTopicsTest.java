package io.gatehouse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.client.control.ControlClient;
import io.gatehouse.control.codec.ControlBodies;
import io.gatehouse.control.message.ControlPacket;
import io.gatehouse.control.message.Notification;
import io.gatehouse.server.Gatehouse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Control topics across a cluster of two nodes on NATS: what a client or the HTTP API publishes
 * on one node reaches the subscribers on every node, once each; {@code delivered} counts the
 * publishing node's own subscribers (README, "Cluster").
 */
class ClusterTopicsTest {

    /** Another node's new subscription reaches NATS a moment after it is answered: publish probes until one arrives. */
    private static void settled(ControlClient publisher, String topic, ControlClient... subscribers) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            publisher.publish(topic, "probe".getBytes(StandardCharsets.UTF_8));
            for (ControlClient s : subscribers) {
                if (s.pushes().isEmpty()) {
                    return false;
                }
            }
            return true;
        });
    }

    /** What is left in the client's pushes, probes left out. */
    private static List<String> notProbes(ControlClient c) throws Exception {
        List<String> left = new ArrayList<>();
        for (ControlPacket.Push p : c.pushes()) {
            String text = new String(ControlBodies.decodeNotification(p.body()).data(), StandardCharsets.UTF_8);
            if (!text.equals("probe")) {
                left.add(text);
            }
        }
        return left;
    }

    /** The next push that is not a probe of {@link #settled} (probes still in flight may come first). */
    private static String next(ControlClient c) throws InterruptedException {
        while (true) {
            Notification n = c.nextNotification();
            String text = new String(n.data(), StandardCharsets.UTF_8);
            if (!text.equals("probe")) {
                return n.contentType() == Notification.CONTENT_JSON ? "json:" + text : text;
            }
        }
    }

    @Test
    void aPublishOnOneNodeReachesSubscribersOnEveryNodeOnce() throws Exception {
        try (ClusterNodes cluster = new ClusterNodes()) {
            Gatehouse a = cluster.start("a");
            Gatehouse b = cluster.start("b");
            try (ControlClient onA = ClusterNodes.authed(a, "alice");
                 ControlClient onB = ClusterNodes.authed(b, "bob");
                 ControlClient publisher = ClusterNodes.authed(a, "pub")) {
                onA.subscribe("news");
                onB.subscribe("news");
                settled(publisher, "news", onA, onB);

                assertThat(publisher.publish("news", "hello".getBytes(StandardCharsets.UTF_8)).delivered())
                        .as("the publishing node counts its own subscribers").isEqualTo(1);
                assertThat(next(onA)).isEqualTo("hello");
                assertThat(next(onB)).isEqualTo("hello");

                HttpResponse<String> resp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + b.httpPort() + "/api/v1/channels/news/publish"))
                        .header("Authorization", "Bearer " + ClusterNodes.ADMIN_KEY).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"x\":1}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(resp.statusCode()).isEqualTo(202);
                assertThat(resp.body()).contains("\"delivered\":1");
                assertThat(next(onA)).isEqualTo("json:{\"x\":1}");
                assertThat(next(onB)).isEqualTo("json:{\"x\":1}");

                assertThat(onA.heartbeat(new byte[] {7})).as("nothing more came before the heartbeat's answer").containsExactly(7);
                assertThat(onB.heartbeat(new byte[] {7})).containsExactly(7);
                assertThat(notProbes(onA)).as("each message once").isEmpty();
                assertThat(notProbes(onB)).as("each message once").isEmpty();
            }
        }
    }
}
