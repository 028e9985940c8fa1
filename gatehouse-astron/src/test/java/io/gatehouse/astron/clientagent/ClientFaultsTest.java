package io.gatehouse.astron.clientagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.gatehouse.astron.message.ClientMessageType;
import io.gatehouse.astron.message.EjectCode;
import io.gatehouse.core.metrics.ClientFaults;
import io.gatehouse.core.testing.LogLines;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What clients send wrong is counted in {@code gatehouse_client_faults_total{front="astron"}}
 * and logged through the core's {@link ClientFaults}: once per connection at INFO, at most 20
 * such lines a second for the whole front, so that clients do not decide how much is logged.
 * Before, every eject was an INFO line of its own.
 */
class ClientFaultsTest extends GameServerTestBase {

    @RegisterExtension
    final LogLines lines = new LogLines(Client.class, Level.INFO);

    private double faults(String kind) {
        var c = cluster.meters.find("gatehouse.client.faults").tag("front", "astron").tag("kind", kind).counter();
        return c == null ? 0 : c.count();
    }

    private long infoLines() {
        return lines.list().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).count();
    }

    @Test
    void aHundredBadDatagramsInOneWriteAreOneFaultAndOneLine() throws Exception {
        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        byte[] heartbeat = Bytes.le().u16(2).u16(ClientMessageType.HEARTBEAT.id()).array();
        for (int i = 0; i < 100; i++) {
            burst.writeBytes(heartbeat);
        }
        try (RawClient c = cluster.client()) {
            c.sendRaw(burst.toByteArray());
            c.expectEject(EjectCode.NO_HELLO.code());
        }
        await().until(() -> faults("no_hello") == 1);
        assertThat(infoLines()).isEqualTo(1);
        assertThat(lines.list().get(0).getFormattedMessage()).contains("ejected (107): First packet is not CLIENT_HELLO");
    }

    @Test
    void manyBadClientsAreAllCountedButTheirLinesAreCapped() throws Exception {
        int clients = 50;
        for (int i = 0; i < clients; i++) {
            try (RawClient c = cluster.anonymousClient()) {
                c.send(Bytes.le().u16(999).array());
                c.expectEject(EjectCode.INVALID_MSGTYPE.code());
            }
        }
        await().until(() -> faults("invalid_msgtype") == clients);
        assertThat(infoLines()).as("the clock does not move: one second's worth of lines")
                .isEqualTo(ClientFaults.DEFAULT_MAX_LINES_PER_SECOND);
    }
}
