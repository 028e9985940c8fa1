package io.gatehouse.server.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.gatehouse.client.control.ControlClient;
import io.gatehouse.control.ControlFront;
import io.gatehouse.control.handler.ControlConnectionHandler;
import io.gatehouse.control.message.CloseCode;
import io.gatehouse.control.message.ControlPacket;
import io.gatehouse.core.testing.LogLines;
import io.gatehouse.server.ServerTestBase;
import io.gatehouse.server.TestServer.Transport;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 18, item 6, for the control front: what a client does wrong is counted in
 * {@code gatehouse_client_faults_total{front="control"}} and logged through ClientFaults (the
 * first fault of a connection at INFO, at most 20 such lines a second), never a WARN with a
 * stack trace that every client can make the server write.
 */
class ControlClientFaultsTest extends ServerTestBase {

    @RegisterExtension
    final LogLines lines = new LogLines(ControlConnectionHandler.class, Level.INFO);

    private List<ILoggingEvent> logged(Level atLeast) {
        return lines.list().stream().filter(e -> e.getLevel().isGreaterOrEqual(atLeast)).toList();
    }

    @Test
    void faultsAreCountedAndTheirLinesBounded() {
        for (int i = 0; i < 60; i++) {
            try (ControlClient c = server.connect(i % 2 == 0 ? Transport.TCP : Transport.WS)) {
                c.send(new ControlPacket.Push(99, new byte[0]));
                assertThat(c.awaitClose().code()).isEqualTo(CloseCode.UNPACK_ERROR.wire());
            }
        }
        try (ControlClient c = server.authed(Transport.TCP, "ann")) {
            for (int i = 0; i < 50; i++) {
                c.request(77, new byte[0], 0).join();
            }
        }
        assertThat(server.metrics()).contains("gatehouse_client_faults_total{front=\"control\",kind=\"bad_frame\"} 60.0")
                .contains("gatehouse_client_faults_total{front=\"control\",kind=\"unknown_command\"} 50.0");
        assertThat(logged(Level.INFO)).as("one INFO line per connection at most (fewer when over 20 a second), no WARN")
                .hasSizeLessThanOrEqualTo(61).allMatch(e -> e.getLevel() == Level.INFO);
        assertThat(logged(Level.INFO)).filteredOn(e -> e.getFormattedMessage().contains("unknown command"))
                .as("50 faults of one connection").hasSizeLessThanOrEqualTo(1);
    }

    /** Found by ControlWebSocketFuzzTest: a client gone in the middle of a fragmented message made a WARN with a stack trace. */
    @Test
    void aClientGoneInTheMiddleOfAFragmentedMessageIsNoServerError() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (Socket s = new Socket("127.0.0.1", server.gatehouse.front(ControlFront.class).webSocketAddress().getPort())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(("GET /v2?version=1&codec=1&platform=9 HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                String head = "";
                while (!head.endsWith("\r\n\r\n")) {
                    head += (char) in.read();
                }
                assertThat(head).startsWith("HTTP/1.1 101");
                // a binary frame with FIN=0, masked, 3 bytes of a packet; then the client is gone
                s.getOutputStream().write(new byte[] {0x02, (byte) 0x83, 1, 2, 3, 4, 0x01, 0x03, 0x03});
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.gatehouse.front(ControlFront.class).connectionCount() == 0);
        assertThat(logged(Level.WARN)).isEmpty();
        assertThat(server.metrics()).contains("gatehouse_closes_total{front=\"control\",reason=\"server_error\"} 0.0");
    }
}
