package io.gatehouse.astron.stateserver;

import static io.gatehouse.astron.md.MdLink.control;
import static io.gatehouse.astron.md.MdLink.datagram;
import static io.gatehouse.astron.md.MdLink.longs;
import static io.gatehouse.astron.message.StateServerMessageType.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.gatehouse.astron.dc.DcParser;
import io.gatehouse.astron.md.ControlMessage;
import io.gatehouse.astron.md.MdLink;
import io.gatehouse.astron.md.MdListener;
import io.gatehouse.astron.md.MessageDirector;
import io.gatehouse.astron.md.TestLinks;
import io.gatehouse.astron.message.StateServerMessageType;
import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.testing.LogLines;
import io.gatehouse.core.transport.HostPort;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * A datagram to the State Server or to one of its objects that ends before its arguments do
 * is dropped, as astrond drops it: no object is made, nothing changes, nothing is answered, and
 * the next datagram is served. Each is counted ({@code gatehouse_client_faults_total{front="astron_md",
 * kind="truncated_message"}}); the role and each object log their first at INFO and the rest
 * at DEBUG. Before, each was an ERROR line, read by catching {@code IndexOutOfBoundsException}.
 */
class StateServerTruncatedDatagramTest {

    private static final long SS = 400_000;
    private static final long CALLER = 700_000;
    private static final String DC = """
            dclass Thing {
                setR(uint32 r) required broadcast ram;
                setName(string n) ram;
            };
            """;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    @RegisterExtension
    final LogLines lines = new LogLines(StateServer.class, Level.INFO);
    private MessageDirector md;
    private MdListener listener;

    @BeforeEach
    void start() throws InterruptedException {
        md = new MessageDirector(new LocalBus());
        new StateServer(md, DcParser.parse("test.dc", DC), SS,
                new FrontMetrics(meters, "astron_md").clientFaults(LoggerFactory.getLogger(StateServer.class), () -> 0));
        listener = new MdListener(md, new HostPort("127.0.0.1", 0), TestLinks.defaults());
    }

    @AfterEach
    void stop() {
        listener.close();
        md.close();
    }

    private double faults() {
        var c = meters.find("gatehouse.client.faults").tag("front", "astron_md").tag("kind", "truncated_message").counter();
        return c == null ? 0 : c.count();
    }

    private long infoLines() {
        return lines.list().stream().filter(e -> e.getLevel() == Level.INFO).count();
    }

    private MdLink caller() throws IOException {
        MdLink l = new MdLink(listener.address());
        l.send(control(ControlMessage.ADD_CHANNEL, longs(CALLER)));
        await().until(() -> md.subscriberCount(CALLER) == 1);
        return l;
    }

    private static void send(MdLink l, long to, StateServerMessageType type, String argsHex) throws IOException {
        l.send(datagram(new long[] {to}, CALLER, type.id(), HexFormat.of().parseHex(argsHex.replace(" ", ""))));
    }

    private static String u32(long v) {
        return HexFormat.of().formatHex(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
    }

    private static String location(MdLink l, long doId, int context) throws IOException {
        send(l, doId, OBJECT_GET_LOCATION, u32(context));
        return HexFormat.of().formatHex(l.receive());
    }

    private static String locationAnswer(long doId, int context, long parent, long zone) {
        return HexFormat.of().formatHex(datagram(new long[] {CALLER}, doId, OBJECT_GET_LOCATION_RESP.id(),
                HexFormat.of().parseHex(u32(context) + u32(doId) + u32(parent) + u32(zone))));
    }

    @Test
    void truncatedCreatesMakeNoObjectAndTheNextCreateDoes() throws Exception {
        try (MdLink caller = caller()) {
            send(caller, SS, CREATE_OBJECT_WITH_REQUIRED, u32(1000) + u32(0));
            send(caller, SS, CREATE_OBJECT_WITH_REQUIRED, u32(1001) + u32(0) + u32(0) + "0000" + "0700");
            send(caller, SS, CREATE_OBJECT_WITH_REQUIRED_OTHER, u32(1002) + u32(0) + u32(0) + "0000" + u32(7) + "0100" + "0100" + "0500616263");
            send(caller, SS, DELETE_AI_OBJECTS, "0102");
            send(caller, SS, CREATE_OBJECT_WITH_REQUIRED, u32(1003) + u32(0) + u32(0) + "0000" + u32(7));
            assertThat(location(caller, 1003, 1)).isEqualTo(locationAnswer(1003, 1, 0, 0));
            for (long cutShort = 1000; cutShort <= 1002; cutShort++) {
                long doId = cutShort;
                assertThat(md.subscriberCount(doId)).as("no object %d", doId).isZero();
            }
        }
        assertThat(faults()).isEqualTo(4);
        assertThat(infoLines()).as("the role's first fault at INFO, the rest at DEBUG").isEqualTo(1);
    }

    @Test
    void truncatedMessagesToAnObjectChangeNothingAndTheNextIsAnswered() throws Exception {
        try (MdLink caller = caller()) {
            send(caller, SS, CREATE_OBJECT_WITH_REQUIRED, u32(1000) + u32(5000) + u32(10) + "0000" + u32(7));
            send(caller, 1000, OBJECT_SET_LOCATION, u32(6000));
            send(caller, 1000, OBJECT_GET_FIELDS, u32(1) + u32(1000) + "0300" + "0000");
            send(caller, 1000, OBJECT_GET_ZONES_OBJECTS, u32(2) + u32(5000) + "0200" + u32(10));
            send(caller, 1000, OBJECT_SET_FIELD, u32(1000) + "0100" + "0900ab");
            send(caller, 1000, OBJECT_GET_ALL, u32(3));
            assertThat(location(caller, 1000, 4)).as("still where it was created; no answer to the bad ones")
                    .isEqualTo(locationAnswer(1000, 4, 5000, 10));
            send(caller, 1000, OBJECT_GET_ALL, u32(5) + u32(1000));
            assertThat(HexFormat.of().formatHex(caller.receive())).as("the cut-short name was not kept")
                    .isEqualTo(HexFormat.of().formatHex(datagram(new long[] {CALLER}, 1000, OBJECT_GET_ALL_RESP.id(),
                            HexFormat.of().parseHex(u32(5) + u32(1000) + u32(5000) + u32(10) + "0000" + u32(7) + "0000"))));
        }
        assertThat(faults()).isEqualTo(5);
        assertThat(infoLines()).as("the object's first fault at INFO, the rest at DEBUG").isEqualTo(1);
    }
}
