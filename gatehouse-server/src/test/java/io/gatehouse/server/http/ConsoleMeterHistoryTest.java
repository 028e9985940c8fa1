package io.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.testing.ManualScheduler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console's meter history: a sample every five seconds of the manual clock, with
 * connections open per front, packets per second since the sample before, closes by reason
 * since then, and no more than fifteen minutes of samples kept.
 */
class ConsoleMeterHistoryTest {

    private final ManualScheduler clock = new ManualScheduler(1_000_000);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final FrontMetrics control = new FrontMetrics(meters, "control");
    private final FrontMetrics vcmi = new FrontMetrics(meters, "vcmi");

    @Test
    void eachSampleHoldsConnectionsRatesAndClosesSinceTheOneBefore() {
        MeterHistory history = new MeterHistory(meters, clock).start();
        assertThat(history.samples()).singleElement().satisfies(first -> {
            assertThat(first.atMillis()).isEqualTo(1_000_000);
            assertThat(first.connections()).containsEntry("control", 0.0).containsEntry("vcmi", 0.0);
            assertThat(first.packetsIn()).containsEntry("control", 0.0);
            assertThat(first.closes()).isEmpty();
        });

        control.connectionOpened();
        control.connectionOpened();
        vcmi.connectionOpened();
        for (int i = 0; i < 50; i++) {
            control.packetIn();
        }
        control.packetOut();
        vcmi.connectionClosed(CloseReason.KICKED);
        control.connectionClosed(CloseReason.KICKED);
        control.connectionClosed(CloseReason.HEARTBEAT_TIMEOUT);
        clock.advance(MeterHistory.EVERY);

        MeterHistory.Sample s = history.latest();
        assertThat(history.samples()).hasSize(2);
        assertThat(s.atMillis()).isEqualTo(1_005_000);
        assertThat(s.connections()).isEqualTo(Map.of("control", 0.0, "vcmi", 0.0));
        assertThat(s.packetsIn()).containsEntry("control", 10.0).containsEntry("vcmi", 0.0);
        assertThat(s.packetsOut()).containsEntry("control", 0.2);
        assertThat(s.closes()).isEqualTo(Map.of(CloseReason.KICKED.tag(), 2.0, CloseReason.HEARTBEAT_TIMEOUT.tag(), 1.0));

        control.connectionOpened();
        clock.advance(MeterHistory.EVERY);
        assertThat(history.latest().connections()).containsEntry("control", 1.0);
        assertThat(history.latest().packetsIn()).as("nothing read since").containsEntry("control", 0.0);
        assertThat(history.latest().closes()).as("none closed since").isEmpty();
        history.close();
    }

    @Test
    void fifteenMinutesAreKeptAndNoMore() {
        MeterHistory history = new MeterHistory(meters, clock).start();
        for (int i = 0; i < MeterHistory.CAPACITY + 20; i++) {
            clock.advance(MeterHistory.EVERY);
        }
        List<MeterHistory.Sample> kept = history.samples();
        assertThat(MeterHistory.CAPACITY).isEqualTo(180);
        assertThat(kept).hasSize(MeterHistory.CAPACITY);
        assertThat(kept.get(kept.size() - 1).atMillis() - kept.get(0).atMillis())
                .isEqualTo(MeterHistory.KEPT.toMillis() - MeterHistory.EVERY.toMillis());
        history.close();
        clock.advance(MeterHistory.EVERY);
        assertThat(history.samples()).as("no sample once closed").isEqualTo(kept);
    }
}
