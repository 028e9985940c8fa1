package io.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.client.control.ControlClient;
import io.gatehouse.client.control.ControlException;
import io.gatehouse.core.account.ApiKeySignature;
import io.gatehouse.control.message.CloseCode;
import io.gatehouse.server.ServerTestBase;
import io.gatehouse.server.TestServer;
import io.gatehouse.server.TestServer.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class HttpApiTest extends ServerTestBase {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.http() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode admin(String method, String path, String body, int expectStatus) throws Exception {
        HttpResponse<String> r = send(method, path, TestServer.ADMIN_KEY, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expectStatus);
        return r.body().isEmpty() ? null : json.readTree(r.body());
    }

    @Test
    void healthAndMetrics() throws Exception {
        HttpResponse<String> h = send("GET", "/health", null, null);
        assertThat(h.statusCode()).isEqualTo(200);
        assertThat(json.readTree(h.body()).get("status").asText()).isEqualTo("ok");
        try (ControlClient c = server.authed(Transport.TCP, "m")) {
            c.heartbeat(new byte[0]);
            String m = send("GET", "/metrics", null, null).body();
            assertThat(m).contains("gatehouse_connections{front=\"control\"} 1.0");
            assertThat(m).contains("gatehouse_sessions{front=\"control\"} 1.0");
            assertThat(m).contains("gatehouse_auth_total{front=\"control\",result=\"success\"} 1.0");
            assertThat(m).contains("gatehouse_packets_in_total{front=\"control\"}");
            assertThat(m).contains("gatehouse_closes_total{front=\"control\",reason=\"heartbeat_timeout\"}");
        }
    }

    @Test
    void adminCallsNeedTheKey() throws Exception {
        assertThat(send("POST", "/api/v1/accounts", null, "{}").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/v1/accounts", "wrong", "{}").statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/sessions", null, null).statusCode()).isEqualTo(401);
        assertThat(send("DELETE", "/api/v1/sessions/x", "wrong", null).statusCode()).isEqualTo(403);
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() throws Exception {
        for (String scheme : new String[] {"bearer", "BEARER", "Bearer", "bEaReR"}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.http() + "/api/v1/sessions"))
                    .header("Authorization", scheme + " " + TestServer.ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("scheme %s (RFC 7235 2.1)", scheme).isEqualTo(200);
        }
        HttpResponse<String> basic = http.send(HttpRequest.newBuilder(URI.create(server.http() + "/api/v1/sessions"))
                .header("Authorization", "Basic " + TestServer.ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(basic.statusCode()).as("another scheme").isEqualTo(401);
    }

    @Test
    void accountsTokensAndConflicts() throws Exception {
        JsonNode a = admin("POST", "/api/v1/accounts", "{\"username\":\"kim\",\"password\":\"pw\"}", 201);
        assertThat(a.get("username").asText()).isEqualTo("kim");
        admin("POST", "/api/v1/accounts", "{\"username\":\"kim\",\"password\":\"other\"}", 409);
        admin("POST", "/api/v1/accounts", "{\"username\":\"bad name\",\"password\":\"x\"}", 400);
        admin("POST", "/api/v1/accounts", "not json", 400);
        admin("POST", "/api/v1/tokens", "{\"username\":\"nobody\",\"ttl_seconds\":30}", 404);
        admin("POST", "/api/v1/tokens", "{\"username\":\"kim\",\"ttl_seconds\":0}", 400);

        JsonNode t = admin("POST", "/api/v1/tokens", "{\"username\":\"kim\",\"ttl_seconds\":30}", 201);
        assertThat(t.get("expires_at").asText()).isNotEmpty();
        try (ControlClient c = server.connect(Transport.TCP)) {
            assertThat(c.auth(t.get("token").asText()).sessionId()).isNotEmpty();
        }
    }

    @Test
    void sessionsAreListedAndKicked() throws Exception {
        try (ControlClient c = server.authed(Transport.WS, "kicked")) {
            JsonNode list = admin("GET", "/api/v1/sessions", null, 200).get("sessions");
            assertThat(list).hasSize(1);
            assertThat(list.get(0).get("front").asText()).isEqualTo("control");
            assertThat(list.get(0).get("account").asText()).isEqualTo("kicked");
            assertThat(list.get(0).get("address").asText()).startsWith("127.0.0.1:");
            assertThat(list.get(0).get("expires_at").asText()).isNotEmpty();
            assertThat(admin("GET", "/api/v1/sessions?front=control", null, 200).get("sessions")).hasSize(1);
            assertThat(admin("GET", "/api/v1/sessions?front=vcmi", null, 200).get("sessions")).isEmpty();
            JsonNode health = json.readTree(send("GET", "/health", null, null).body());
            assertThat(health.get("sessions").asInt()).isEqualTo(1);
            assertThat(health.get("sessions_by_front").get("control").asInt()).isEqualTo(1);
            String id = list.get(0).get("id").asText();
            JsonNode kicked = admin("DELETE", "/api/v1/sessions/" + id, null, 200);
            assertThat(kicked.get("kicked").asText()).isEqualTo(id);
            assertThat(kicked.get("front").asText()).isEqualTo("control");
            assertThat(kicked.get("answer").asText()).isEqualTo("Close SessExpired (code 5), then WebSocket close 1008");
            var close = c.awaitClose();
            assertThat(close.code()).isEqualTo(CloseCode.SESS_EXPIRED.wire());
            assertThat(close.reason()).contains("kicked");
            admin("DELETE", "/api/v1/sessions/" + id, null, 404);
        }
    }

    @Test
    void aBanClosesTheAccountsSessionsAndRefusesItsLoginsUntilLifted() throws Exception {
        try (ControlClient banned = server.authed(Transport.TCP, "mallory"); ControlClient other = server.authed(Transport.TCP, "trent")) {
            JsonNode ban = admin("POST", "/api/v1/accounts/mallory/ban", "{\"reason\":\"cheating\",\"seconds\":3600}", 200);
            assertThat(ban.get("status").asText()).isEqualTo("banned");
            assertThat(ban.get("sessions_closed").asInt()).isEqualTo(1);
            assertThat(ban.get("until").asText()).isNotEmpty();
            assertThat(banned.awaitClose().code()).isEqualTo(CloseCode.SESS_EXPIRED.wire());
            other.heartbeat(new byte[0]);
            assertThat(admin("GET", "/api/v1/sessions", null, 200).get("sessions")).extracting(n -> n.get("account").asText())
                    .containsExactly("trent");
        }
        String token = admin("POST", "/api/v1/tokens", "{\"username\":\"mallory\"}", 201).get("token").asText();
        try (ControlClient c = server.connect(Transport.TCP)) {
            assertThatThrownBy(() -> c.auth(token)).isInstanceOfSatisfying(ControlException.class,
                    e -> assertThat(e.error().code()).isEqualTo(403));
            assertThat(c.awaitClose().code()).isEqualTo(CloseCode.AUTH_ERROR.wire());
        }
        admin("DELETE", "/api/v1/accounts/mallory/ban", null, 200);
        String again = admin("POST", "/api/v1/tokens", "{\"username\":\"mallory\"}", 201).get("token").asText();
        try (ControlClient c = server.connect(Transport.TCP)) {
            assertThat(c.auth(again).sessionId()).isNotEmpty();
        }
        admin("POST", "/api/v1/accounts/nobody/ban", "{\"reason\":\"x\"}", 404);
        admin("POST", "/api/v1/accounts/mallory/ban", "{}", 400);
        admin("POST", "/api/v1/accounts/mallory/ban", "{\"reason\":\"x\",\"seconds\":0}", 400);
    }

    @Test
    void socketTokenWithAValidSignature() throws Exception {
        admin("POST", "/api/v1/accounts", "{\"username\":\"sdk\",\"password\":\"pw\"}", 201);
        JsonNode key = admin("POST", "/api/v1/accounts/sdk/api-keys", null, 201);
        String appKey = key.get("app_key").asText();
        String secret = key.get("app_secret").asText();
        admin("POST", "/api/v1/accounts/nobody/api-keys", null, 404);

        HttpResponse<String> ok = signedTokenRequest("/v1/socket/token", appKey, secret, false);
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode env = json.readTree(ok.body());
        assertThat(env.get("code").asInt()).isZero();
        assertThat(env.get("message").asText()).isEmpty();
        assertThat(env.get("data").get("limit").asInt()).isEqualTo(10);
        assertThat(env.get("data").get("online").asInt()).isZero();
        try (ControlClient c = server.connect(Transport.TCP)) {
            assertThat(c.auth(env.get("data").get("otp").asText()).sessionId()).isNotEmpty();
        }
        assertThat(signedTokenRequest("/v2/socket/token", appKey, secret, false).statusCode()).isEqualTo(200);

        HttpResponse<String> tampered = signedTokenRequest("/v1/socket/token", appKey, secret, true);
        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(json.readTree(tampered.body()).get("code").asInt()).isNotZero();
        assertThat(send("GET", "/v1/socket/token", null, null).statusCode()).isEqualTo(401);
    }

    /** Signs as the official SDK does (spec 8.1); {@code tamper} changes the access token after signing. */
    private HttpResponse<String> signedTokenRequest(String path, String appKey, String secret, boolean tamper) throws Exception {
        String timestamp = String.valueOf(server.clock.nowMillis() / 1000);
        String authorization = "access-token-123";
        var req = new ApiKeySignature.Request("GET", path, "", authorization, appKey, timestamp, new byte[0]);
        String signature = ApiKeySignature.header(req, secret);
        return http.send(HttpRequest.newBuilder(URI.create(server.http() + path))
                .header("Authorization", tamper ? authorization + "x" : authorization)
                .header("X-Api-Key", appKey)
                .header("X-Timestamp", timestamp)
                .header("X-Api-Signature", signature)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
