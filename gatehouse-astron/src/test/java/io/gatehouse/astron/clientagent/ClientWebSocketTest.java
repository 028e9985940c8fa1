package io.gatehouse.astron.clientagent;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.gatehouse.core.transport.HostPort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

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
        volatile int closeCode;
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
            closeCode = statusCode;
            received.add("closed");
            return null;
        }

        String next() throws InterruptedException {
            String s = received.poll(10, TimeUnit.SECONDS);
            assertThat(s).as("a message within 10 s").isNotNull();
            return s;
        }
    }

    private void start(int maxDatagram) throws InterruptedException {
        ClientAgentConfig d = AstronCluster.config();
        cluster = new AstronCluster(new ClientAgentConfig(d.bind(), new HostPort("127.0.0.1", 0), "/astron", d.version(), 0,
                d.channelMin(), d.channelMax(), d.heartbeatTimeout(), false, d.interests(), maxDatagram, d.interestTimeout(),
                d.maxOutboundBytes(), false, null, d.helloTimeout(), d.anonymousTimeout()));
    }

    private WebSocket connect(Inbox inbox) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + cluster.ca.websocketAddress().getPort() + "/astron"), inbox)
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void helloAndEjectOverWebSocket() throws Exception {
        start(AstronCluster.config().maxDatagramSize());
        Inbox inbox = new Inbox();
        WebSocket ws = connect(inbox);
        ws.sendBinary(ByteBuffer.wrap(Bytes.le().u16(1).u32(cluster.ca.hash()).string(AstronCluster.VERSION).array()), true)
                .get(10, TimeUnit.SECONDS);
        assertThat(inbox.next()).as("CLIENT_HELLO_RESP, no length tag").isEqualTo("0200");
        ws.sendBinary(ByteBuffer.wrap(Bytes.le().u16(999).array()), true).get(10, TimeUnit.SECONDS);
        assertThat(inbox.next()).isEqualTo(Bytes.le().u16(4).u16(108).string("Message type 999 not allowed prior to authentication.").hex());
        assertThat(inbox.next()).isEqualTo("closed");
    }

    /**
     * A message over max_datagram_size in fragments is refused as one frame over it is: close
     * 1009. Before, it reached the connection as an unexpected error, logged at WARN with its
     * stack trace for every connection.
     */
    @Test
    void anOversizedFragmentedMessageIsClosedWith1009AsAFaultNotAWarning() throws Exception {
        start(64);
        Logger log = (Logger) LoggerFactory.getLogger(ClientConnection.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        try {
            Inbox inbox = new Inbox();
            WebSocket ws = connect(inbox);
            ws.sendBinary(ByteBuffer.wrap(new byte[40]), false).get(10, TimeUnit.SECONDS);
            ws.sendBinary(ByteBuffer.wrap(new byte[40]), true).get(10, TimeUnit.SECONDS);
            assertThat(inbox.next()).isEqualTo("closed");
            assertThat(inbox.closeCode).isEqualTo(1009);
            Awaitility.await().until(() -> cluster.meters.get("gatehouse.closes").tag("front", "astron").tag("reason", "oversized")
                    .counter().count() == 1);
            assertThat(cluster.meters.get("gatehouse.client.faults").tag("front", "astron").tag("kind", "oversized").counter().count())
                    .isEqualTo(1);
            assertThat(lines.list).noneMatch(e -> e.getLevel() == Level.WARN);
        } finally {
            log.detachAppender(lines);
        }
    }
}
