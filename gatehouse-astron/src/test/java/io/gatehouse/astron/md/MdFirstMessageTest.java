package io.gatehouse.astron.md;

import static io.gatehouse.astron.md.MdLink.control;
import static io.gatehouse.astron.md.MdLink.datagram;
import static io.gatehouse.astron.md.MdLink.longs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.core.transport.HostPort;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A link that says nothing is closed after {@code first_message_timeout}; one that has said
 * anything may stay silent for good, since astrond's links have no heartbeat and a participant
 * that only listens is normal (docs/protocol/astron.md, section 3.3).
 */
class MdFirstMessageTest {

    private final ManualScheduler clock = new ManualScheduler();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private MessageDirector md;
    private MdListener listener;

    @BeforeEach
    void start() throws InterruptedException {
        md = new MessageDirector(new LocalBus());
        listener = new MdListener(md, new HostPort("127.0.0.1", 0),
                new MdLinks(new MdLinkConfig(MdLinkConfig.DEFAULT_MAX_OUTBOUND_BYTES, Duration.ofSeconds(60)), clock,
                        new FrontMetrics(meters, "astron_md")));
    }

    @AfterEach
    void stop() {
        listener.close();
        md.close();
    }

    private double closes(String reason) {
        return meters.get("gatehouse.closes").tag("front", "astron_md").tag("reason", reason).counter().count();
    }

    @Test
    void aLinkThatNeverSpeaksIsClosedAfterTheLimit() throws Exception {
        long due = clock.nowMillis() + 60_000;
        try (MdLink silent = new MdLink(listener.address())) {
            await("the director has started the link's limit").until(() -> clock.dueTimes().contains(due));
            clock.advance(Duration.ofSeconds(59));
            assertThat(silent.openAndQuietFor(200)).as("still open at 59 s").isTrue();
            clock.advance(Duration.ofSeconds(2));
            assertThat(silent.closedByServer()).as("closed at 61 s").isTrue();
        }
        await().until(() -> closes("heartbeat_timeout") == 1);
        assertThat(meters.get("gatehouse.connections").tag("front", "astron_md").gauge().value()).isZero();
    }

    @Test
    void aLinkThatHasSpokenMayListenSilentlyForGood() throws Exception {
        long due = clock.nowMillis() + 60_000;
        try (MdLink listening = new MdLink(listener.address()); MdLink other = new MdLink(listener.address())) {
            await().until(() -> clock.dueTimes().stream().filter(t -> t == due).count() == 2);
            listening.send(control(ControlMessage.ADD_CHANNEL, longs(4000)));
            await().until(() -> md.subscriberCount(4000) == 1);
            other.send(control(ControlMessage.SET_CON_NAME, new byte[] {0, 0}));
            await("both limits called off").until(() -> clock.pending() == 0);
            clock.advance(Duration.ofHours(1));
            byte[] d = datagram(new long[] {4000}, 1, 2000, new byte[] {1, 2});
            other.send(d);
            assertThat(listening.receive()).isEqualTo(d);
        }
        assertThat(closes("heartbeat_timeout")).isZero();
    }
}
