package io.gatehouse.astron.database;

import static io.gatehouse.astron.md.MdLink.control;
import static io.gatehouse.astron.md.MdLink.datagram;
import static io.gatehouse.astron.md.MdLink.longs;
import static io.gatehouse.astron.message.DatabaseMessageType.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.astron.dc.DcParser;
import io.gatehouse.astron.md.ControlMessage;
import io.gatehouse.astron.md.MdLink;
import io.gatehouse.astron.md.MdListener;
import io.gatehouse.astron.md.MessageDirector;
import io.gatehouse.astron.md.TestLinks;
import io.gatehouse.astron.message.DatabaseMessageType;
import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.objects.ObjectStore;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.testing.TestDatabases;
import io.gatehouse.core.transport.HostPort;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A request whose answer would not fit one datagram (a GET_ALL of an object whose values add up
 * to more than 65,535 bytes) is answered with failure, as the spec says, and counted as
 * {@code kind="oversized_answer"}. Before, the builder's exception was caught after the reply
 * was marked sent, so the caller got no answer at all and was left waiting.
 */
class DatabaseServerOversizedAnswerTest {

    private static final long DB = 402_001;
    private static final long CALLER = 700_000;
    private static final String DC = """
            dclass Avatar {
                setName(string) required broadcast db;
                uint8 level = 7 db;
                setBio(string) db;
            };
            """;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Database db;
    private MessageDirector md;
    private DatabaseServer server;
    private MdListener listener;

    @BeforeEach
    void start() throws InterruptedException {
        db = TestDatabases.h2();
        md = new MessageDirector(new LocalBus());
        server = new DatabaseServer(md, DcParser.parse("test.dc", DC), new ObjectStore(db, "astron"),
                new DatabaseServerConfig(true, DB, 1000, 1002, false),
                new FrontMetrics(meters, "astron_md").clientFaults(LoggerFactory.getLogger(DatabaseServer.class), () -> 0));
        listener = new MdListener(md, new HostPort("127.0.0.1", 0), TestLinks.defaults());
    }

    @AfterEach
    void stop() {
        listener.close();
        server.close();
        md.close();
        db.close();
    }

    private double faults(String kind) {
        var c = meters.find("gatehouse.client.faults").tag("front", "astron_md").tag("kind", kind).counter();
        return c == null ? 0 : c.count();
    }

    private static void request(MdLink l, DatabaseMessageType type, String argsHex) throws IOException {
        l.send(datagram(new long[] {DB}, CALLER, type.id(), HexFormat.of().parseHex(argsHex.replace(" ", ""))));
    }

    private static String reply(DatabaseMessageType type, String argsHex) {
        return HexFormat.of().formatHex(datagram(new long[] {CALLER}, DB, type.id(), HexFormat.of().parseHex(argsHex.replace(" ", ""))));
    }

    private static String string(int length) {
        return String.format("%02x%02x", length & 0xFF, length >>> 8) + "61".repeat(length);
    }

    @Test
    void anAnswerTooLongForOneDatagramIsAFailure() throws Exception {
        try (MdLink caller = new MdLink(listener.address())) {
            caller.send(control(ControlMessage.ADD_CHANNEL, longs(CALLER)));
            await().until(() -> md.subscriberCount(CALLER) == 1);
            request(caller, CREATE_OBJECT, "01000000 0000 0100 0000" + string(40_000));
            assertThat(HexFormat.of().formatHex(caller.receive())).isEqualTo(reply(CREATE_OBJECT_RESP, "01000000 e8030000"));
            request(caller, OBJECT_SET_FIELD, "e8030000 0200" + string(40_000));
            request(caller, OBJECT_GET_ALL, "02000000 e8030000");
            assertThat(HexFormat.of().formatHex(caller.receive())).as("80,000 bytes of values: failure").isEqualTo(reply(OBJECT_GET_ALL_RESP, "02000000 00"));
            request(caller, OBJECT_GET_FIELD, "03000000 e8030000 0100");
            assertThat(HexFormat.of().formatHex(caller.receive())).isEqualTo(reply(OBJECT_GET_FIELD_RESP, "03000000 01 0100 07"));
        }
        assertThat(faults("oversized_answer")).isEqualTo(1);
    }
}
