package io.gatehouse.server.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.client.control.ControlClient;
import io.gatehouse.client.control.ControlException;
import io.gatehouse.control.message.Notification;
import io.gatehouse.core.session.AccountClosures;
import io.gatehouse.server.ServerTestBase;
import io.gatehouse.server.TestServer;
import io.gatehouse.server.TestServer.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** After auth a client subscribes to topics and receives what others publish there. */
class ControlTopicsTest extends ServerTestBase {


    @ParameterizedTest
    @EnumSource(Transport.class)
    void subscribePublishUnsubscribe(Transport t) throws Exception {
        try (ControlClient sub = server.authed(t, "sub"); ControlClient tcpPub = server.authed(Transport.TCP, "pub")) {
            var r = sub.subscribe("lobby", "");
            assertThat(r.success()).containsExactly("lobby");
            assertThat(r.fail()).singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("empty topic"));
            assertThat(r.current()).containsExactly("lobby");

            assertThat(tcpPub.publish("lobby", "hello".getBytes(StandardCharsets.UTF_8)).delivered()).isEqualTo(1);
            Notification n = sub.nextNotification();
            assertThat(n.topic()).isEqualTo("lobby");
            assertThat(n.dispatchType()).isEqualTo(Notification.DISPATCH_BROADCAST);
            assertThat(new String(n.data(), StandardCharsets.UTF_8)).isEqualTo("hello");

            assertThat(sub.unsubscribe("lobby").current()).isEmpty();
            assertThat(tcpPub.publish("lobby", new byte[] {1}).delivered()).isZero();
            assertThat(sub.heartbeat(new byte[] {9})).as("no push came in between").containsExactly(9);
            assertThat(sub.pushes()).isEmpty();
        }
    }

    @Test
    void theServersOwnTopicsAreOutOfEveryClientsReach() throws Exception {
        try (ControlClient c = server.authed(Transport.TCP, "mallory"); ControlClient victim = server.authed(Transport.TCP, "victim")) {
            String closeAccount = AccountClosures.TOPIC;
            var r = c.subscribe(closeAccount, "lobby");
            assertThat(r.success()).containsExactly("lobby");
            assertThat(r.fail()).singleElement().satisfies(f -> assertThat(f.reason())
                    .isEqualTo("topics beginning with 'gatehouse.' are the server's own"));
            assertThatThrownBy(() -> c.publish(closeAccount, "victim".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(ControlException.class, e -> assertThat(e.status()).isEqualTo(3));
            HttpResponse<String> resp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(server.http() + "/api/v1/channels/" + closeAccount + "/publish"))
                    .header("Authorization", "Bearer " + TestServer.ADMIN_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString("victim")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(resp.statusCode()).isEqualTo(400);
            assertThat(resp.body()).contains("channel names beginning with 'gatehouse.' are the server's own");
            assertThat(victim.heartbeat(new byte[] {5})).as("still connected").containsExactly(5);
        }
    }

    @Test
    void httpPublishReachesEverySubscriberOnBothTransports() throws Exception {
        try (ControlClient a = server.authed(Transport.TCP, "a"); ControlClient b = server.authed(Transport.WS, "b")) {
            a.subscribe("news");
            b.subscribe("news");
            HttpResponse<String> resp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.http() + "/api/v1/channels/news/publish"))
                    .header("Authorization", "Bearer " + TestServer.ADMIN_KEY)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"x\":1}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(resp.statusCode()).isEqualTo(202);
            assertThat(resp.body()).contains("\"delivered\":2");
            for (ControlClient c : new ControlClient[] {a, b}) {
                Notification n = c.nextNotification();
                assertThat(n.contentType()).isEqualTo(Notification.CONTENT_JSON);
                assertThat(new String(n.data(), StandardCharsets.UTF_8)).isEqualTo("{\"x\":1}");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void quoteProfileAndTradeSubscribeAnswerStatus0(Transport t) {
        try (ControlClient c = server.authed(t, "sdk")) {
            assertThat(c.request(4, new byte[0], 30000).join().status()).isZero();
            assertThat(c.request(16, new byte[0], 30000).join().status()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void unknownCommandAndBadBodyAreBadRequests(Transport t) {
        try (ControlClient c = server.authed(t, "odd")) {
            assertThat(c.request(99, new byte[0], 0).join().status()).isEqualTo(3);
            assertThat(c.request(16, new byte[] {0x0A, 0x7F}, 0).join().status()).isEqualTo(3);
            assertThat(c.isOpen()).isTrue();
        }
    }
}
