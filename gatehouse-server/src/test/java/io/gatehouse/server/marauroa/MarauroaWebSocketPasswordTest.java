package io.gatehouse.server.marauroa;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.marauroa.MarauroaFront;
import io.gatehouse.marauroa.crypto.SecureLogin;
import io.gatehouse.server.marauroa.MarauroaWebSocketTest.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code marauroa.websocket_passwords: true} (docs/protocol/marauroa.md, section 11.6): the password stands in for a token. */
class MarauroaWebSocketPasswordTest extends MarauroaFixture {

    @BeforeEach
    void start() throws Exception {
        start("  websocket: 127.0.0.1:0/ws\n  websocket_passwords: true\n");
    }

    private Browser open() throws Exception {
        Browser b = new Browser();
        URI uri = URI.create("ws://127.0.0.1:" + gatehouse.front(MarauroaFront.class).webSocketAddress().getPort() + "/ws?from=site");
        b.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, b).get(10, TimeUnit.SECONDS);
        return b;
    }

    private static String login(Browser b, String user, String secret) throws Exception {
        String greeting = b.next();
        String id = greeting.replaceAll("^\\{\"t\": \"15\",\"c\": \"(\\d+)\".*", "$1");
        b.send("{\"t\":\"34\",\"c\":\"" + id + "\",\"s\":\"1\",\"u\":\"" + user + "\",\"p\":\"" + secret + "\"}");
        return b.next();
    }

    @Test
    void thePasswordOrATokenSignsIn() throws Exception {
        gatehouse.services().accounts().create("pia", SecureLogin.credential("secret"));
        assertThat(login(open(), "pia", "secret")).startsWith("{\"t\": \"13\"");
        assertThat(login(open(), "pia", "wrong")).contains("\"reason\":\"USERNAME_WRONG\"");
        String token = gatehouse.services().tokens().issue("pia", Duration.ofMinutes(1)).token();
        assertThat(login(open(), "pia", token)).as("a query after the path is still the upgrade").startsWith("{\"t\": \"13\"");
    }
}
