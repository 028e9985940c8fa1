package io.gatehouse.astron.database;

import static io.gatehouse.astron.md.MdLink.control;
import static io.gatehouse.astron.md.MdLink.datagram;
import static io.gatehouse.astron.md.MdLink.longs;
import static io.gatehouse.astron.message.DatabaseMessageType.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
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
import io.gatehouse.core.testing.LogLines;
import io.gatehouse.core.testing.TestDatabases;
import io.gatehouse.core.transport.HostPort;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * A request to the Database Server that ends before its arguments do is refused: with its
 * failure answer when it carries a context, with nothing when it does not; the store is left
 * alone and the next request is served. Each is counted ({@code kind="truncated_message"}) and
 * only the first is logged at INFO. Before, the reading ran into {@code IndexOutOfBoundsException}
 * and each was a WARN line.
 */
class DatabaseServerTruncatedRequestTest {

    private static final long DB = 402_001;
    private static final long CALLER = 700_000;
    private static final String DC = """
            dclass Avatar {
                setName(string) required broadcast db;
                uint8 level = 7 db;
            };
            """;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    @RegisterExtension
    final LogLines lines = new LogLines(DatabaseServer.class, Level.INFO);
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

    private double faults() {
        var c = meters.find("gatehouse.client.faults").tag("front", "astron_md").tag("kind", "truncated_message").counter();
        return c == null ? 0 : c.count();
    }

    private static void request(MdLink l, DatabaseMessageType type, String argsHex) throws IOException {
        l.send(datagram(new long[] {DB}, CALLER, type.id(), HexFormat.of().parseHex(argsHex.replace(" ", ""))));
    }

    private static String reply(DatabaseMessageType type, String argsHex) {
        return HexFormat.of().formatHex(datagram(new long[] {CALLER}, DB, type.id(), HexFormat.of().parseHex(argsHex.replace(" ", ""))));
    }

    @Test
    void truncatedRequestsAreRefusedAndTheNextIsServed() throws Exception {
        try (MdLink caller = new MdLink(listener.address())) {
            caller.send(control(ControlMessage.ADD_CHANNEL, longs(CALLER)));
            await().until(() -> md.subscriberCount(CALLER) == 1);
            request(caller, CREATE_OBJECT, "0100");
            request(caller, CREATE_OBJECT, "02000000 0000");
            request(caller, CREATE_OBJECT, "03000000 0000 0100 0000 0900 616e6e");
            request(caller, OBJECT_GET_FIELDS, "04000000 e8030000 0300 0000");
            request(caller, OBJECT_SET_FIELD, "e8030000 0000 0500");
            request(caller, OBJECT_DELETE, "e803");
            request(caller, CREATE_OBJECT, "05000000 0000 0100 0000 0300 616e6e");
            assertThat(HexFormat.of().formatHex(caller.receive())).as("no answer without a context").isEqualTo(reply(CREATE_OBJECT_RESP, "02000000 00000000"));
            assertThat(HexFormat.of().formatHex(caller.receive())).isEqualTo(reply(CREATE_OBJECT_RESP, "03000000 00000000"));
            assertThat(HexFormat.of().formatHex(caller.receive())).isEqualTo(reply(OBJECT_GET_FIELDS_RESP, "04000000 00"));
            assertThat(HexFormat.of().formatHex(caller.receive())).as("the cut-short creates used no id")
                    .isEqualTo(reply(CREATE_OBJECT_RESP, "05000000 e8030000"));
            request(caller, OBJECT_GET_ALL, "06000000 e8030000");
            assertThat(HexFormat.of().formatHex(caller.receive())).as("the cut-short set and delete changed nothing")
                    .isEqualTo(reply(OBJECT_GET_ALL_RESP, "06000000 01 0000 0200 0000 0300616e6e 0100 07"));
        }
        assertThat(faults()).isEqualTo(6);
        assertThat(lines.list().stream().filter(e -> e.getLevel() == Level.INFO).count()).as("the first at INFO, the rest at DEBUG").isEqualTo(1);
    }
}
