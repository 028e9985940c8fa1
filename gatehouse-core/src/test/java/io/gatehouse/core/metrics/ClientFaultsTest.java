package io.gatehouse.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ClientFaultsTest {

    private final Logger log = (Logger) LoggerFactory.getLogger("test.client-faults." + System.nanoTime());
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ClientFaults faults;

    @BeforeEach
    void capture() {
        log.setLevel(Level.INFO);
        log.setAdditive(false);
        lines.start();
        log.addAppender(lines);
        faults = new FrontMetrics(registry, "demo").clientFaults(log, now::get);
    }

    @AfterEach
    void release() {
        log.detachAppender(lines);
    }

    private List<String> infoLines() {
        return lines.list.stream().filter(e -> e.getLevel() == Level.INFO).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aConnectionThatKeepsFaultingIsLoggedOnceAndCountedEveryTime() {
        ClientFaults.Tracker c = faults.connection("10.0.0.1:5000");
        for (int i = 0; i < 10_000; i++) {
            c.report("out_of_state", "C2S_KEEPALIVE ignored");
        }
        assertThat(infoLines()).containsExactly("10.0.0.1:5000: C2S_KEEPALIVE ignored (further faults of this connection at debug level)");
        assertThat(faults.count("out_of_state")).isEqualTo(10_000);
        assertThat(registry.get("gatehouse.client.faults").tag("front", "demo").tag("kind", "out_of_state").counter().count())
                .isEqualTo(10_000);
    }

    @Test
    void manyConnectionsAtOnceWriteAtMostTheRateAndTheNextLineSaysHowManyWereHeldBack() {
        for (int i = 0; i < 500; i++) {
            faults.connection("c" + i).report("unreadable", "bad bytes");
        }
        assertThat(infoLines()).hasSize(ClientFaults.DEFAULT_MAX_LINES_PER_SECOND);
        now.addAndGet(1000);
        faults.connection("late").report("unreadable", "bad bytes");
        assertThat(infoLines()).hasSize(ClientFaults.DEFAULT_MAX_LINES_PER_SECOND + 1);
        assertThat(infoLines().get(ClientFaults.DEFAULT_MAX_LINES_PER_SECOND)).contains("480 other client fault lines held back");
        assertThat(faults.count("unreadable")).isEqualTo(501);
    }
}
