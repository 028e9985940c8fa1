package io.gatehouse.server.marauroa;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.marauroa.MarauroaFront;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.message.MarauroaMessage.ChooseCharacterAck;
import io.gatehouse.marauroa.message.MarauroaMessage.CreateCharacterAck;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The browser transport (docs/protocol/marauroa.md, section 11) at the level of its JSON text,
 * with the JDK's WebSocket client: the greeting, the token sign-in, a browser and a TCP player
 * in one world, bad input answered as section 11.1 says, and the pages.
 */
class MarauroaWebSocketTest extends MarauroaFixture {

    private static final Pattern GREETING =
            Pattern.compile("\\{\"t\": \"15\",\"c\": \"(\\d+)\",\"s\": \"-?\\d+\",\"n\":\"\\d+\",\"e\":\"65537\",\"config\":\\[]}");

    @BeforeEach
    void start() throws Exception {
        start("  websocket: 127.0.0.1:0/ws/\n  max_message_bytes: 4096\n");
    }

    /** A JDK WebSocket whose text messages and close status land in queues. */
    static final class Browser implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder part = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                messages.add(part.toString());
                part.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closed.complete(status);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }

        String next() throws InterruptedException {
            String m = messages.poll(10, TimeUnit.SECONDS);
            assertThat(m).as("a message within 10 s").isNotNull();
            return m;
        }

        /** The next message of type {@code t}, skipping others (perceptions, say). */
        String next(String t) throws InterruptedException {
            while (true) {
                String m = next();
                if (m.startsWith("{\"t\": \"" + t + "\"")) {
                    return m;
                }
            }
        }

        void send(String json) {
            socket.sendText(json, true).join();
        }
    }

    private URI ws() {
        return URI.create("ws://127.0.0.1:" + gatehouse.front(MarauroaFront.class).webSocketAddress().getPort() + "/ws/");
    }

    private Browser open() throws Exception {
        Browser b = new Browser();
        b.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(ws(), b).get(10, TimeUnit.SECONDS);
        return b;
    }

    private String token(String user) {
        var s = gatehouse.services();
        s.accounts().find(user).orElseGet(() -> s.accounts().create(user, "secret".toCharArray()));
        return s.tokens().issue(user, Duration.ofMinutes(1)).token();
    }

    /** Opens, reads the greeting and returns the client id it gave. */
    private String greeted(Browser b) throws Exception {
        Matcher m = GREETING.matcher(b.next());
        assertThat(m.matches()).as("S2C_LOGIN_SENDKEY as Marauroa writes it").isTrue();
        return m.group(1);
    }

    @Test
    void aBrowserSignsInWithATokenAndPlaysBesideATcpPlayer() throws Exception {
        Browser web = open();
        String id = greeted(web);
        web.send("{\"t\":\"34\",\"c\":\"" + id + "\",\"s\":\"1\",\"u\":\"webby\",\"p\":\"" + token("webby") + "\"}");
        assertThat(web.next()).matches("\\{\"t\": \"13\",\"c\": \"" + id + "\",\"s\": \"-?\\d+\",\"previousLogins\":\\[]}");
        assertThat(web.next()).matches("\\{\"t\": \"20\",\"c\": \"" + id + "\",\"s\": \"-?\\d+\",\"contents\":\\[\"Gatehouse\",\"marauroa front\"]}");
        assertThat(web.next()).matches("\\{\"t\": \"9\",\"c\": \"" + id + "\",\"s\": \"-?\\d+\",\"characters\":\\{}}");
        web.send("{\"t\":\"26\",\"c\":\"" + id + "\",\"s\":\"1\",\"charname\":\"webby\",\"template\":{}}");
        assertThat(web.next("27")).contains(",\"charname\":\"webby\",\"template\":{\"c\":\"player\",\"a\":{");
        assertThat(web.next("9")).contains("\"characters\":{\"webby\":{\"c\":\"player\",\"a\":{");
        web.send("{\"t\":\"1\",\"c\":\"" + id + "\",\"s\":\"1\",\"character\":\"webby\"}");
        assertThat(web.next("10")).matches("\\{\"t\": \"10\",\"c\": \"" + id + "\",\"s\": \"-?\\d+\"}");

        try (MarauroaClient tcp = loggedIn("tcpy")) {
            assertThat(tcp.createCharacter("tcpy", RPObject.withoutClass())).isInstanceOf(CreateCharacterAck.class);
            tcp.next();
            assertThat(tcp.chooseCharacter("tcpy")).isEqualTo(new ChooseCharacterAck());
            playTurn();
            String total = web.next("19");
            assertThat(total).contains(",\"zoneid\":\"town\",\"sync\":true,\"aO\":[").contains("\"name\":\"webby\"")
                    .contains("\"name\":\"tcpy\"").contains(",\"aM\":{\"c\":\"player\",\"a\":{");
            web.send("{\"t\":\"0\",\"c\":\"" + id + "\",\"s\":\"1\",\"a\":{\"type\":\"move\",\"dx\":\"1\",\"dy\":\"-1\",\"n\":5}}");
            web.send("{\"t\":\"0\",\"c\":\"" + id + "\",\"s\":\"1\",\"a\":{\"type\":\"chat\",\"text\":\"hi <tcp>\"}}");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                playTurn();
                Map<String, RPObject> view = tcp.awaitPerceptions(0);
                return view.values().stream().anyMatch(o -> "webby".equals(o.get("name")) && "1".equals(o.get("x"))
                        && "-1".equals(o.get("y")) && "hi <tcp>".equals(o.get("text")));
            });
            tcp.act(Map.of("type", "chat", "text", "hello web"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                playTurn();
                String m;
                while ((m = web.messages.poll()) != null) {
                    if (m.contains("\"e\":[{\"c\":\"chat\",\"a\":{\"text\":\"hello web\"}}]")) {
                        return true;
                    }
                }
                return false;
            });
        }
        web.socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
    }

    @Test
    void badInputIsIgnoredAndASpentOrWrongTokenIsRefused() throws Exception {
        Browser web = open();
        String id = greeted(web);
        for (String bad : new String[] {"not json", "[1,2]", "{\"t\":8,\"c\":\"" + id + "\",\"s\":\"1\"}", "{\"t\":\"99\",\"c\":\"1\",\"s\":\"1\"}",
                "{\"t\":\"2\",\"c\":\"1\",\"s\":\"1\"}", "{\"t\":\"34\",\"c\":\"" + id + "\",\"s\":\"1\",\"u\":5,\"p\":\"x\"}",
                "{\"t\":\"1\"" + ",\"x\":[".repeat(40) + "]".repeat(40) + "}", "{\"t\":\"8\",\"c\":\"x\",\"s\":\"1\"}"}) {
            web.send(bad);
        }
        String spent = token("spender");
        gatehouse.services().tokens().consume(spent);
        web.send("{\"t\":\"34\",\"c\":\"" + id + "\",\"s\":\"1\",\"u\":\"spender\",\"p\":\"" + spent + "\"}");
        assertThat(web.next()).as("the first answer: every bad message before it was ignored")
                .matches("\\{\"t\": \"14\",\"c\": \"-1\",\"s\": \"-?\\d+\",\"reason\":\"USERNAME_WRONG\",\"text\":\"Username/Password incorrect.\"}");
        web.send("{\"t\":\"34\",\"c\":\"" + id + "\",\"s\":\"1\",\"u\":\"someone\",\"p\":\"" + token("spender") + "\"}");
        assertThat(web.next()).as("another account's token").contains("\"reason\":\"USERNAME_WRONG\"");
        web.send("{\"t\":\"34\",\"c\":\"" + id + "\",\"s\":\"1\",\"u\":\"spender\",\"p\":\"" + token("spender") + "\"}");
        assertThat(web.next()).as("the connection kept its place: a right token still signs in").startsWith("{\"t\": \"13\"");
        assertThat(metrics()).contains("gatehouse_client_faults_total{front=\"marauroa\",kind=\"unreadable\"} 8.0");
    }

    @Test
    void aMessageOverTheLimitIsClosedWith1009AndABinaryOneWith1003() throws Exception {
        Browser big = open();
        greeted(big);
        big.socket.sendText("{\"t\":\"8\",\"x\":\"" + "a".repeat(5000) + "\"}", true);
        assertThat(big.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
        Browser binary = open();
        greeted(binary);
        binary.socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true);
        assertThat(binary.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1003);
        Browser still = open();
        greeted(still);
    }

    @Test
    void theListenerServesThePageAndNothingElse() throws Exception {
        String base = "http://127.0.0.1:" + gatehouse.front(MarauroaFront.class).webSocketAddress().getPort();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/play/walkandchat")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("data-ws-path=\"/ws/\"").contains("/play/marauroa-web.js").doesNotContain("http://", "https://");
        for (String js : new String[] {"/play/marauroa-web.js", "/play/walkandchat.js"}) {
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + js)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
        }
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/etc/passwd")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/play/walkandchat")).POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    }
}
