package io.gatehouse.astron.md;

import static io.gatehouse.astron.md.MdLink.control;
import static io.gatehouse.astron.md.MdLink.datagram;
import static io.gatehouse.astron.md.MdLink.longs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.testing.LogLines;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.core.transport.HostPort;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a link sends wrong is a client fault: counted in
 * {@code gatehouse_client_faults_total{front="astron_md"}}, logged once per link at INFO and
 * then at DEBUG, so that a link does not decide how much the server logs.
 */
class MdBadInputTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    @RegisterExtension
    final LogLines lines = new LogLines(MdNetworkParticipant.class, Level.INFO);
    private MessageDirector md;
    private MdListener listener;

    @BeforeEach
    void start() throws InterruptedException {
        md = new MessageDirector(new LocalBus());
        listener = new MdListener(md, new HostPort("127.0.0.1", 0),
                new MdLinks(MdLinkConfig.defaults(), new ManualScheduler(), new FrontMetrics(meters, "astron_md")));
    }

    @AfterEach
    void stop() {
        listener.close();
        md.close();
    }

    private double faults(String kind) {
        var c = meters.find("gatehouse.client.faults").tag("front", "astron_md").tag("kind", kind).counter();
        return c == null ? 0 : c.count();
    }

    private List<String> infoLines() {
        return lines.list().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void manyBadDatagramsFromOneLinkAreCountedAndLoggedOnce() throws Exception {
        try (MdLink bad = new MdLink(listener.address()); MdLink good = new MdLink(listener.address())) {
            good.send(control(ControlMessage.ADD_CHANNEL, longs(4000)));
            await().until(() -> md.subscriberCount(4000) == 1);
            for (int i = 0; i < 300; i++) {
                bad.send(new byte[] {3, 1, 2});
                bad.send(MdLink.datagram(new long[] {1}, 0, 0, new byte[0]));
            }
            byte[] d = datagram(new long[] {4000}, 1, 2000, new byte[] {9});
            bad.send(d);
            assertThat(good.receive()).as("the link is still served").isEqualTo(d);
            await().until(() -> faults("truncated_header") == 300 && faults("unknown_control") == 300);
            assertThat(infoLines()).as("one line for 600 faults").hasSize(1);
            assertThat(infoLines().get(0)).contains("md link 127.0.0.1:").contains("cut short");
        }
    }

    @Test
    void aTruncatedControlMessageEndsTheLinkAndWhatFollowsItIsNotActedOn() throws Exception {
        try (MdLink bad = new MdLink(listener.address()); MdLink good = new MdLink(listener.address());
             MdLink other = new MdLink(listener.address())) {
            good.send(control(ControlMessage.ADD_CHANNEL, longs(4001)));
            await().until(() -> md.subscriberCount(4001) == 1);
            byte[] truncated = control(ControlMessage.ADD_CHANNEL, new byte[] {1, 2, 3});
            byte[] after = datagram(new long[] {4001}, 1, 2000, new byte[] {1});
            ByteBuffer both = ByteBuffer.allocate(4 + truncated.length + after.length).order(ByteOrder.LITTLE_ENDIAN);
            both.putShort((short) truncated.length).put(truncated).putShort((short) after.length).put(after);
            bad.sendRaw(both.array());
            assertThat(bad.closedByServer()).isTrue();
            byte[] marker = datagram(new long[] {4001}, 2, 2000, new byte[] {2});
            other.send(marker);
            assertThat(good.receive()).as("the datagram read after the truncated control message in the same batch was not routed")
                    .isEqualTo(marker);
        }
        await().until(() -> meters.get("gatehouse.closes").tag("front", "astron_md").tag("reason", "truncated").counter().count() == 1);
        assertThat(faults("truncated_control")).isEqualTo(1);
    }

    @Test
    void aPostRemoveCutShortEndsTheLinkAndIsNotFiled() throws Exception {
        byte[] farewell = datagram(new long[] {4002}, 9, 2000, new byte[] {9});
        ByteBuffer blob = ByteBuffer.allocate(8 + 2 + farewell.length - 1).order(ByteOrder.LITTLE_ENDIAN);
        blob.putLong(9).putShort((short) farewell.length).put(farewell, 0, farewell.length - 1);
        try (MdLink good = new MdLink(listener.address()); MdLink other = new MdLink(listener.address())) {
            good.send(control(ControlMessage.ADD_CHANNEL, longs(4002)));
            await().until(() -> md.subscriberCount(4002) == 1);
            try (MdLink bad = new MdLink(listener.address())) {
                bad.send(control(ControlMessage.ADD_POST_REMOVE, blob.array()));
                assertThat(bad.closedByServer()).isTrue();
            }
            byte[] marker = datagram(new long[] {4002}, 2, 2000, new byte[] {2});
            other.send(marker);
            assertThat(good.receive()).as("no post-remove was filed for the link that went").isEqualTo(marker);
        }
        assertThat(faults("truncated_control")).isEqualTo(1);
    }

    /** astrond reads a one-recipient datagram as a possible control message and ends the link when it is cut short. */
    @Test
    void aSingleRecipientCutShortEndsTheLinkAsInAstrond() throws Exception {
        try (MdLink bad = new MdLink(listener.address())) {
            bad.send(new byte[] {1, 1, 2, 3});
            assertThat(bad.closedByServer()).isTrue();
        }
        await().until(() -> meters.get("gatehouse.closes").tag("front", "astron_md").tag("reason", "truncated").counter().count() == 1);
        assertThat(faults("truncated_header")).isEqualTo(1);
    }
}
