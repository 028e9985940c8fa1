package io.gatehouse.astron.clientagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.transport.HostPort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The same datagrams in binary WebSocket messages, without the length tag. */
class ClientWebSocketTest {

    private AstronCluster cluster;

    @AfterEach
    void stop() {
        cluster.close();
    }

    /** Binary messages as hex, then "closed" when the server closes. */
    private static final class Inbox implements WebSocket.Listener {
        final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            partial.writeBytes(b);
            if (last) {
                received.add(Bytes.hex(partial.toByteArray()));
                partial.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            received.add("closed");
            return null;
        }

        String next() throws InterruptedException {
            String s = received.poll(10, TimeUnit.SECONDS);
            assertThat(s).as("a message within 10 s").isNotNull();
            return s;
        }
    }

    @Test
    void helloAndEjectOverWebSocket() throws Exception {
        ClientAgentConfig d = AstronCluster.config();
        cluster = new AstronCluster(new ClientAgentConfig(d.bind(), new HostPort("127.0.0.1", 0), "/astron", d.version(), 0,
                d.channelMin(), d.channelMax(), d.heartbeatTimeout(), false, d.interests(), d.maxDatagramSize(), d.interestTimeout(),
                d.maxOutboundBytes(), false, null));
        Inbox inbox = new Inbox();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + cluster.ca.websocketAddress().getPort() + "/astron"), inbox)
                .get(10, TimeUnit.SECONDS);
        ws.sendBinary(ByteBuffer.wrap(Bytes.le().u16(1).u32(cluster.ca.hash()).string(AstronCluster.VERSION).array()), true)
                .get(10, TimeUnit.SECONDS);
        assertThat(inbox.next()).as("CLIENT_HELLO_RESP, no length tag").isEqualTo("0200");
        ws.sendBinary(ByteBuffer.wrap(Bytes.le().u16(999).array()), true).get(10, TimeUnit.SECONDS);
        assertThat(inbox.next()).isEqualTo(Bytes.le().u16(4).u16(108).string("Message type 999 not allowed prior to authentication.").hex());
        assertThat(inbox.next()).isEqualTo("closed");
    }
}
