package io.gatehouse.server.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.client.control.ControlClient;
import io.gatehouse.control.message.CloseCode;
import io.gatehouse.core.bus.BusMessage;
import io.gatehouse.server.TestServer;
import io.gatehouse.server.TestServer.Transport;
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
            for (int i = 0; i < 256 && server.services().bus().subscriberCount("firehose") > 0; i++) {
                server.services().bus().publish(new BusMessage("firehose", BusMessage.ContentType.UNKNOWN, chunk));
            }
            slow.reading(true);
            assertThat(slow.awaitClose().code()).isEqualTo(CloseCode.SERVER_ERROR.wire());
        }
    }
}
