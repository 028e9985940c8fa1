package io.gatehouse.astron.eventlog;

import static io.gatehouse.astron.eventlog.EventRendererTest.DIGITS;
import static io.gatehouse.astron.eventlog.EventRendererTest.ONE_BRACE;
import static io.gatehouse.astron.eventlog.EventRendererTest.STANDARD_EVENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.astron.md.ControlMessage;
import io.gatehouse.astron.md.MdLink;
import io.gatehouse.astron.md.MdLinkConfig;
import io.gatehouse.astron.md.MdLinks;
import io.gatehouse.astron.md.MdListener;
import io.gatehouse.astron.md.MessageDirector;
import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.metrics.ClientFaults;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.core.transport.HostPort;
import io.gatehouse.core.transport.Transports;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The event logger on loopback UDP: the lines astrond writes for test_eventlogger.py's packets, bad packets, rotation. */
class EventLoggerTest {

    private static final long START = Instant.parse("2026-12-03T08:15:30Z").toEpochMilli();
    private static final String OPENED = "{\"_time\": \"2026-12-03 08:15:30+0000\", \"type\": \"log-opened\", \"sender\": \"EventLogger\","
            + " \"msg\": \"Log opened upon Event Logger startup.\"}";

    @TempDir
    Path dir;

    private final ManualScheduler clock = new ManualScheduler(START);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ClientFaults faults = new FrontMetrics(meters, "astron_md").clientFaults(LoggerFactory.getLogger(EventLoggerTest.class), clock::nowMillis);
    private EventLogger logger;
    private final DatagramSocket socket = new DatagramSocket();

    EventLoggerTest() throws IOException {
    }

    @AfterEach
    void stop() {
        socket.close();
        if (logger != null) {
            logger.close();
        }
    }

    private EventLogger start(String output, Duration rotate, ZoneId zone) throws InterruptedException {
        logger = new EventLogger(new EventLoggerConfig(new HostPort("127.0.0.1", 0), dir, output, rotate), clock, zone, faults);
        return logger;
    }

    private void send(byte[] packet) throws IOException {
        socket.send(new DatagramPacket(packet, packet.length, logger.address()));
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    @Test
    void theFileIsNamedByItsPatternAndOpensWithAstrondsLogOpenedLine() throws Exception {
        start(EventLoggerConfig.DEFAULT_OUTPUT, Duration.ZERO, ZoneOffset.UTC);
        Path expected = dir.resolve("events-20261203-081530.log");
        await().until(() -> lines(expected).size() == 1);
        assertThat(lines(expected)).containsExactly(OPENED);
        assertThat(dir.toFile().list()).as("that file alone").containsExactly("events-20261203-081530.log");
    }

    @Test
    void theStandardEventOfAstronsTestIsOneLineWithTheLocalTimeFirst() throws Exception {
        start("el.log", Duration.ZERO, ZoneId.of("Europe/Berlin"));
        send(STANDARD_EVENT);
        await().until(() -> lines(dir.resolve("el.log")).size() == 2);
        assertThat(lines(dir.resolve("el.log")).get(1)).isEqualTo("{\"_time\": \"2026-12-03 09:15:30+0100\", \"bar\": \"baz\", \"type\": \"foo\"}");
    }

    @Test
    void packetsThatAreNoWholeMapWriteNothingAndAreCountedAsTheirSendersFaults() throws Exception {
        start("el.log", Duration.ZERO, ZoneOffset.UTC);
        send(ONE_BRACE);
        send(DIGITS);
        send(new byte[] {(byte) 0x82, (byte) 0xa3});
        send(STANDARD_EVENT);
        await().until(() -> lines(dir.resolve("el.log")).size() == 2);
        assertThat(lines(dir.resolve("el.log")).get(1)).endsWith("\"bar\": \"baz\", \"type\": \"foo\"}");
        assertThat(faults.count("event_not_a_map")).isEqualTo(1);
        assertThat(faults.count("event_extraneous")).isEqualTo(1);
        assertThat(faults.count("event_truncated")).isEqualTo(1);
    }

    @Test
    void aThousandBadPacketsLeaveTheLoggerWriting() throws Exception {
        start("el.log", Duration.ZERO, ZoneOffset.UTC);
        for (int round = 1; round <= 10; round++) {
            // a hundred at a time: a socket's receive buffer holds that many, so that none is lost on the way
            for (int i = 0; i < 100; i++) {
                send(DIGITS);
            }
            int counted = round * 100;
            await().until(() -> faults.count("event_extraneous") == counted);
        }
        send(STANDARD_EVENT);
        await().until(() -> lines(dir.resolve("el.log")).size() == 2);
        assertThat(lines(dir.resolve("el.log"))).hasSize(2);
    }

    @Test
    void eachRotateIntervalOpensTheFileNamedForThatTimeStartingWithLogCycled() throws Exception {
        start("el-%Y%m%d-%H.log", Duration.ofHours(1), ZoneOffset.UTC);
        Path first = dir.resolve("el-20261203-08.log");
        send(STANDARD_EVENT);
        await().until(() -> lines(first).size() == 2);
        clock.advance(Duration.ofHours(1));
        Path second = dir.resolve("el-20261203-09.log");
        await().until(() -> lines(second).size() == 1);
        assertThat(lines(second)).containsExactly(
                "{\"_time\": \"2026-12-03 09:15:30+0000\", \"type\": \"log-opened\", \"sender\": \"EventLogger\", \"msg\": \"Log cycled.\"}");
        send(STANDARD_EVENT);
        await().until(() -> lines(second).size() == 2);
        assertThat(lines(first)).hasSize(2);
        assertThat(clock.pending()).as("the next rotation").isEqualTo(1);
    }

    @Test
    void aRotationToTheSameNameKeepsWritingTheSameFile() throws Exception {
        start("el.log", Duration.ofMinutes(5), ZoneOffset.UTC);
        send(STANDARD_EVENT);
        await().until(() -> lines(dir.resolve("el.log")).size() == 2);
        clock.advance(Duration.ofMinutes(5));
        await().until(() -> lines(dir.resolve("el.log")).size() == 3);
        assertThat(lines(dir.resolve("el.log")).get(2)).endsWith("\"msg\": \"Log cycled.\"}");
    }

    @Test
    void aFileThatCannotBeOpenedStopsTheStartNamingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start("missing/el.log", Duration.ZERO, ZoneOffset.UTC))
                .hasMessageContaining("astron event logger: cannot open its file missing/el.log");
    }

    /** test_eventlogger.py's test_messageDirectorLogging: a link's CONTROL_LOG_MESSAGE reaches the event logger as it is. */
    @Test
    void aMessageDirectorLinksLogMessageIsWrittenAsAnEvent() throws Exception {
        start("el.log", Duration.ZERO, ZoneOffset.UTC);
        EventLoopGroup group = Transports.group("el-md", 1);
        MessageDirector md = new MessageDirector(new LocalBus());
        try (UdpEventSender events = UdpEventSender.open(new HostPort("127.0.0.1", logger.address().getPort()), group, meters)) {
            MdListener listener = new MdListener(md, new HostPort("127.0.0.1", 0),
                    new MdLinks(MdLinkConfig.defaults(), clock, FrontMetrics.discarding("astron_md"), events));
            try (MdLink link = new MdLink(listener.address())) {
                byte[] blob = ByteBuffer.allocate(2 + STANDARD_EVENT.length).order(ByteOrder.LITTLE_ENDIAN)
                        .putShort((short) STANDARD_EVENT.length).put(STANDARD_EVENT).array();
                link.send(MdLink.control(ControlMessage.LOG_MESSAGE, blob));
                await().until(() -> lines(dir.resolve("el.log")).size() == 2);
                assertThat(lines(dir.resolve("el.log")).get(1)).isEqualTo("{\"_time\": \"2026-12-03 08:15:30+0000\", \"bar\": \"baz\", \"type\": \"foo\"}");
            } finally {
                listener.close();
            }
        } finally {
            md.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
