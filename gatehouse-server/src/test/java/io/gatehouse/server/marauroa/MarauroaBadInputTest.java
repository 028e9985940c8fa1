package io.gatehouse.server.marauroa;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.marauroa.MarauroaFront;
import io.gatehouse.marauroa.handler.MarauroaConnection;
import io.gatehouse.marauroa.message.MarauroaMessage.CreateAccountAck;
import io.gatehouse.marauroa.message.MarauroaMessage.KeepAlive;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Garbage and hostile frames: ignored or refused as the spec says, and the server keeps serving. */
class MarauroaBadInputTest extends MarauroaFixture {

    @BeforeEach
    void start() throws Exception {
        start("  max_message_bytes: 4096\n  max_outbound_bytes: 65536\n");
    }

    @Test
    void randomFramesAreIgnoredAndTheConnectionStillWorks() throws Exception {
        Random random = new Random(7);
        try (MarauroaClient c = new MarauroaClient(gatehouse.front(MarauroaFront.class).address())) {
            for (int i = 0; i < 200; i++) {
                byte[] body = new byte[random.nextInt(60)];
                random.nextBytes(body);
                if (body.length > 0) {
                    body[0] = 35;
                }
                c.sendRaw(ByteBuffer.allocate(4 + body.length).order(ByteOrder.LITTLE_ENDIAN).putInt(4 + body.length).put(body).array());
            }
            assertThat(c.createAccount("after", "secret", "a@example.org")).isEqualTo(new CreateAccountAck("after"));
        }
    }

    /** The outside finding: each keep-alive before login wrote a WARN line, so a client decided how much was logged. */
    @Test
    void keepAlivesBeforeLoginAreCountedAndLoggedOnce() throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger(MarauroaConnection.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Level level = log.getLevel();
        log.setLevel(Level.INFO);
        log.addAppender(lines);
        try (MarauroaClient c = new MarauroaClient(gatehouse.front(MarauroaFront.class).address())) {
            for (int i = 0; i < 500; i++) {
                c.send(new KeepAlive());
            }
            assertThat(c.createAccount("talker", "secret", "t@example.org")).as("all 500 were read").isEqualTo(new CreateAccountAck("talker"));
            assertThat(metrics()).contains("gatehouse_client_faults_total{front=\"marauroa\",kind=\"out_of_state\"} 500.0");
            assertThat(lines.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                    .filter(e -> e.getFormattedMessage().contains("C2S_KEEPALIVE"))).hasSize(1);
        } finally {
            log.detachAppender(lines);
            log.setLevel(level);
        }
    }

    @Test
    void anOversizedFrameClosesTheConnectionOnly() throws Exception {
        try (Socket s = new Socket("127.0.0.1", gatehouse.front(MarauroaFront.class).address().getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(1_000_000).array());
            InputStream in = s.getInputStream();
            assertThat(in.read()).as("closed").isEqualTo(-1);
        }
        try (MarauroaClient c = new MarauroaClient(gatehouse.front(MarauroaFront.class).address())) {
            assertThat(c.createAccount("still", "secret", "s@example.org")).isEqualTo(new CreateAccountAck("still"));
        }
    }

    @Test
    void aClientThatDoesNotReadIsDropped() throws Exception {
        // C2S_LOGIN_REQUESTKEY (docs/protocol/marauroa.md, section 4), answered each time with the key
        byte[] request = HexFormat.of().parseHex("150000002302ffffffff0403020102676803312e30");
        byte[] burst = new byte[request.length * 1000];
        for (int i = 0; i < 1000; i++) {
            System.arraycopy(request, 0, burst, i * request.length, request.length);
        }
        int bursts = 100;
        long answered = 0;
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(16 * 1024);
            s.connect(gatehouse.front(MarauroaFront.class).address(), 10_000);
            s.setSoTimeout(10_000);
            try {
                for (int i = 0; i < bursts; i++) {
                    s.getOutputStream().write(burst);
                }
            } catch (IOException hungUp) {
                // the server closed the connection while the requests were still going out
            }
            // not a byte read until the server has given up on this client
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> gatehouse.front(MarauroaFront.class).connectionCount() == 0);
            byte[] buffer = new byte[64 * 1024];
            try {
                for (int n; (n = s.getInputStream().read(buffer)) > 0; ) {
                    answered += n;
                }
            } catch (SocketTimeoutException stillOpen) {
                throw new AssertionError("the client that did not read was not dropped (" + answered + " bytes came)", stillOpen);
            } catch (IOException reset) {
                // dropped with data still unread
            }
        }
        // every answer is at least 90 bytes: 100,000 of them are far past 64 KiB plus the socket buffers
        assertThat(answered).as("far less than all the answers").isLessThan(bursts * 1000L * 90);
        try (MarauroaClient c = new MarauroaClient(gatehouse.front(MarauroaFront.class).address())) {
            assertThat(c.createAccount("other", "secret", "o@example.org")).isEqualTo(new CreateAccountAck("other"));
        }
    }
}
