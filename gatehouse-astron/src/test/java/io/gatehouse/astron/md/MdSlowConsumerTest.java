package io.gatehouse.astron.md;

import static io.gatehouse.astron.md.MdLink.control;
import static io.gatehouse.astron.md.MdLink.datagram;
import static io.gatehouse.astron.md.MdLink.longs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.core.transport.HostPort;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A participant that stops reading (a stuck AI or UberDOG) is dropped once more than
 * {@code max_outbound_bytes} wait for it (docs/protocol/astron.md, section 3.3): one WARN line
 * naming it, a slow-consumer close in the meters, its post-removes routed, and the other links
 * served as before. Before, the director queued all of it: +1.1 GB for 586 MB sent.
 */
class MdSlowConsumerTest {

    private static final int MAX_OUTBOUND = 256 * 1024;
    private static final long STUCK = 5000;
    private static final long WATCHER = 5001;
    private static final long SENDER = 5002;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Logger log = (Logger) LoggerFactory.getLogger(MdNetworkParticipant.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private MessageDirector md;
    private MdListener listener;

    @BeforeEach
    void start() throws InterruptedException {
        lines.start();
        log.addAppender(lines);
        md = new MessageDirector(new LocalBus());
        listener = new MdListener(md, new HostPort("127.0.0.1", 0), new MdLinks(new MdLinkConfig(MAX_OUTBOUND, Duration.ZERO),
                new ManualScheduler(), new FrontMetrics(meters, "astron_md")));
    }

    @AfterEach
    void stop() {
        listener.close();
        md.close();
        log.detachAppender(lines);
    }

    private double closes(String reason) {
        return meters.get("gatehouse.closes").tag("front", "astron_md").tag("reason", reason).counter().count();
    }

    @Test
    void aParticipantThatDoesNotReadIsDroppedAndItsPostRemovesRun() throws Exception {
        byte[] goodbye = datagram(new long[] {WATCHER}, STUCK, 3000, "stuck-ai is gone".getBytes(StandardCharsets.UTF_8));
        byte[] chunk = new byte[60_000];
        int chunks = 400;
        try (MdLink stuck = new MdLink(listener.address(), 16 * 1024);
             MdLink watcher = new MdLink(listener.address());
             MdLink sender = new MdLink(listener.address())) {
            stuck.send(control(ControlMessage.SET_CON_NAME, string("stuck-ai")));
            stuck.send(control(ControlMessage.ADD_POST_REMOVE, ByteBuffer.allocate(8 + 2 + goodbye.length)
                    .order(ByteOrder.LITTLE_ENDIAN).putLong(STUCK).putShort((short) goodbye.length).put(goodbye).array()));
            stuck.send(control(ControlMessage.ADD_CHANNEL, longs(STUCK)));
            watcher.send(control(ControlMessage.ADD_CHANNEL, longs(WATCHER)));
            sender.send(control(ControlMessage.ADD_CHANNEL, longs(SENDER)));
            await().until(() -> md.subscriberCount(STUCK) == 1 && md.subscriberCount(WATCHER) == 1 && md.subscriberCount(SENDER) == 1);

            for (int i = 0; i < chunks; i++) {
                sender.send(datagram(new long[] {STUCK}, SENDER, 2000, chunk));
            }
            await().until(() -> closes("slow_consumer") == 1);

            assertThat(watcher.receive()).as("the stuck link's post-remove, routed as on any disconnect").isEqualTo(goodbye);
            assertThat(stuck.drainUntilClosed()).as("far less than was sent").isLessThan((long) chunks * chunk.length);
            assertThat(md.subscriberCount(STUCK)).as("its subscriptions are gone").isZero();
            assertThat(lines.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage))
                    .singleElement().asString().contains("stuck-ai").contains("262144 bytes");

            byte[] after = datagram(new long[] {SENDER}, WATCHER, 2001, new byte[] {7});
            watcher.send(after);
            assertThat(sender.receive()).as("the others are served as before").isEqualTo(after);
        }
    }

    private static byte[] string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + b.length).order(ByteOrder.LITTLE_ENDIAN).putShort((short) b.length).put(b).array();
    }
}
