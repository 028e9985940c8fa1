package io.gatehouse.server.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.client.control.ControlClient;
import io.gatehouse.control.ControlFront;
import io.gatehouse.control.codec.ControlBodies;
import io.gatehouse.control.handler.ControlConnectionHandler;
import io.gatehouse.control.message.AuthRequest;
import io.gatehouse.control.message.CloseCode;
import io.gatehouse.control.message.CommandCode;
import io.gatehouse.control.message.Subscribe;
import io.gatehouse.core.bus.BusMessage;
import io.gatehouse.server.TestServer.Transport;
import io.gatehouse.server.TestServer;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A client that stops reading is closed with ServerError once its queue passes max_outbound_bytes. */
class ControlSlowConsumerTest {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void clientThatStopsReadingIsClosedWithServerError(Transport t) {
        try (TestServer server = TestServer.start("  max_outbound_bytes: 65536\n");
             ControlClient slow = server.authed(t, "slow")) {
            slow.subscribe("firehose");
            slow.reading(false);
            byte[] chunk = new byte[256 * 1024];
            // Bounded: 64 MiB at most, far past what loopback socket buffers hold.
            for (int i = 0; i < 256 && server.services().bus().localSubscribers("firehose") > 0; i++) {
                server.services().bus().publish(new BusMessage("firehose", BusMessage.ContentType.UNKNOWN, chunk));
            }
            slow.reading(true);
            assertThat(slow.awaitClose().code()).isEqualTo(CloseCode.SERVER_ERROR.wire());
        }
    }

    private static String metrics(TestServer server) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.http() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * A TCP subscriber with a small receive buffer that never reads (as the outside test found
     * it): once the kernel's buffers are full it is a slow consumer, nothing more is queued for
     * it (it leaves the topic at once), and its connection is closed within the close grace
     * even though the Close push queued behind the backlog can never be flushed to it.
     */
    @Test
    void tcpSubscriberThatNeverReadsIsDroppedWithinTheCloseGrace() throws Exception {
        try (TestServer server = TestServer.start("  max_outbound_bytes: 1048576\n");
             Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(4096);
            stuck.connect(server.tcp());
            OutputStream out = stuck.getOutputStream();
            out.write(new byte[] {0x11, 0x09});
            out.write(request(CommandCode.AUTH.wire(), 1, ControlBodies.encode(new AuthRequest(server.token("stuck"), Map.of()))));
            out.write(request(CommandCode.SUBSCRIBE.wire(), 2, ControlBodies.encode(new Subscribe(List.of("firehose")))));
            out.flush();
            await().atMost(Duration.ofSeconds(20)).until(() -> server.services().bus().localSubscribers("firehose") == 1);

            // Pushes far below the limit, so that the kernel's buffers fill before the queue does.
            byte[] chunk = new byte[16 * 1024];
            // Bounded: 64 MiB at most, far past what loopback socket buffers hold.
            for (int i = 0; i < 4096 && server.services().bus().localSubscribers("firehose") > 0; i++) {
                server.services().bus().publish(new BusMessage("firehose", BusMessage.ContentType.UNKNOWN, chunk));
            }
            await("the slow consumer leaves the topic: nothing more is queued for it").atMost(Duration.ofSeconds(20))
                    .until(() -> server.services().bus().localSubscribers("firehose") == 0);
            server.clock.advance(ControlConnectionHandler.CLOSE_GRACE);
            await("closed without its reading anything").atMost(Duration.ofSeconds(20))
                    .until(() -> server.gatehouse.front(ControlFront.class).connectionCount() == 0);
            assertThat(metrics(server)).contains("gatehouse_closes_total{front=\"control\",reason=\"slow_consumer\"} 1.0");
        }
    }

    /** A request packet (spec 4): type 1, cmd, request id, timeout 5000 ms, 24-bit body length, body. */
    private static byte[] request(int cmd, int requestId, byte[] body) {
        return ByteBuffer.allocate(11 + body.length).put((byte) 1).put((byte) cmd).putInt(requestId).putShort((short) 5000)
                .put((byte) (body.length >>> 16)).put((byte) (body.length >>> 8)).put((byte) body.length).put(body).array();
    }
}
