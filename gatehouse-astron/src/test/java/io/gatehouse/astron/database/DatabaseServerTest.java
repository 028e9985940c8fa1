package io.gatehouse.astron.database;

import static io.gatehouse.astron.md.MdLink.control;
import static io.gatehouse.astron.md.MdLink.datagram;
import static io.gatehouse.astron.md.MdLink.longs;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.astron.dc.DcFile;
import io.gatehouse.astron.dc.DcParser;
import io.gatehouse.astron.md.ControlMessage;
import io.gatehouse.astron.md.MdLink;
import io.gatehouse.astron.md.MdListener;
import io.gatehouse.astron.md.MessageDirector;
import io.gatehouse.astron.md.TestLinks;
import io.gatehouse.astron.message.DatabaseMessageType;
import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.objects.ObjectStore;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.testing.TestDatabases;
import io.gatehouse.core.transport.HostPort;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Database Server over a real Message Director link, byte for byte, with the store behind it. */
class DatabaseServerTest {

    private static final long DB = 402_001;
    private static final long CALLER = 700_000;
    private static final long WATCHER_OF = 2L << 32;

    /* Class ids: Avatar 0, Item 1. Field ids: name 0, level 1, hp 2, note 3, weight 4, rank 5. */
    private static final String DC = """
            dclass Avatar {
                setName(string) required broadcast db;
                uint8 level = 7 db;
                setHp(uint16) ram db;
                setNote(string) ram;
            };
            dclass Item {
                setWeight(uint16) db;
                setRank(uint8 rank = 20) db;
            };
            """;

    private final DcFile dc = DcParser.parse("test.dc", DC);
    private Database db;
    private MessageDirector md;
    private DatabaseServer server;
    private MdListener listener;

    @BeforeEach
    void start() throws InterruptedException {
        db = TestDatabases.h2();
        startRoles(new DatabaseServerConfig(true, DB, 1000, 1002, true));
    }

    private void startRoles(DatabaseServerConfig config) throws InterruptedException {
        md = new MessageDirector(new LocalBus());
        server = new DatabaseServer(md, dc, new ObjectStore(db, "astron"), config, TestLinks.faults(DatabaseServer.class));
        listener = new MdListener(md, new HostPort("127.0.0.1", 0), TestLinks.defaults());
    }

    private void stopRoles() {
        listener.close();
        server.close();
        md.close();
    }

    @AfterEach
    void stop() {
        stopRoles();
        db.close();
    }

    private long nextSyncChannel = 900_000;

    /**
     * A link subscribed to the channels, returned once the Message Director has taken the
     * subscriptions: a request answered on a private channel proves it.
     */
    private MdLink link(long... channels) throws IOException {
        MdLink l = new MdLink(listener.address());
        long sync = nextSyncChannel++;
        for (long c : channels) {
            l.send(control(ControlMessage.ADD_CHANNEL, longs(c)));
        }
        l.send(control(ControlMessage.ADD_CHANNEL, longs(sync)));
        l.send(datagram(new long[] {DB}, sync, DatabaseMessageType.OBJECT_GET_ALL.id(), le(8, b -> b.putInt(0).putInt(1))));
        assertThat(l.receive()).hasSize(1 + 8 + 8 + 2 + 5);
        return l;
    }

    private static byte[] le(int size, java.util.function.Consumer<ByteBuffer> body) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        body.accept(b);
        return b.array();
    }

    private static byte[] string(String s) {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return le(2 + bytes.length, b -> b.putShort((short) bytes.length).put(bytes));
    }

    private static byte[] cat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** Sends a request to the database as CALLER. */
    private static void request(MdLink caller, int type, byte[] args) throws IOException {
        caller.send(datagram(new long[] {DB}, CALLER, type, args));
    }

    /** The expected reply datagram: to CALLER from the database. */
    private static String reply(int type, String argsHex) {
        return hex(datagram(new long[] {CALLER}, DB, type, HexFormat.of().parseHex(argsHex)));
    }

    private long create(MdLink caller, int context, String name) throws IOException {
        request(caller, DatabaseMessageType.CREATE_OBJECT.id(), cat(le(8, b -> b.putInt(context).putShort((short) 0).putShort((short) 1)),
                le(2, b -> b.putShort((short) 0)), string(name)));
        byte[] r = caller.receive();
        return ByteBuffer.wrap(r).order(ByteOrder.LITTLE_ENDIAN).getInt(r.length - 4) & 0xFFFFFFFFL;
    }

    @Test
    void createThenGetAllReturnsTheGivenFieldsAndDbDefaults() throws IOException {
        try (MdLink caller = link(CALLER)) {
            // Avatar with name "ann"; level is filled in from its default 7.
            request(caller, DatabaseMessageType.CREATE_OBJECT.id(), cat(le(8, b -> b.putInt(11).putShort((short) 0).putShort((short) 1)),
                    le(2, b -> b.putShort((short) 0)), string("ann")));
            assertThat(hex(caller.receive())).isEqualTo(reply(DatabaseMessageType.CREATE_OBJECT_RESP.id(), "0b000000" + "e8030000"));

            request(caller, DatabaseMessageType.OBJECT_GET_ALL.id(), le(8, b -> b.putInt(12).putInt(1000)));
            // context, success, class 0, 2 fields: name "ann", level 7
            assertThat(hex(caller.receive())).isEqualTo(reply(DatabaseMessageType.OBJECT_GET_ALL_RESP.id(),
                    "0c000000" + "01" + "0000" + "0200" + "0000" + "0300616e6e" + "0100" + "07"));
        }
    }

    @Test
    void aDefaultWrittenOnAParameterIsTheFieldsDefault() throws IOException {
        try (MdLink caller = link(CALLER); MdLink watcher = link(WATCHER_OF | 1000)) {
            request(caller, DatabaseMessageType.CREATE_OBJECT.id(), le(8, b -> b.putInt(1).putShort((short) 1).putShort((short) 0)));
            assertThat(hex(caller.receive())).isEqualTo(reply(DatabaseMessageType.CREATE_OBJECT_RESP.id(), "01000000" + "e8030000"));
            request(caller, DatabaseMessageType.OBJECT_GET_ALL.id(), le(8, b -> b.putInt(2).putInt(1000)));
            assertThat(hex(caller.receive())).as("a fresh Item has its rank's default, 20")
                    .isEqualTo(reply(DatabaseMessageType.OBJECT_GET_ALL_RESP.id(), "02000000" + "01" + "0100" + "0100" + "0500" + "14"));

            request(caller, DatabaseMessageType.OBJECT_SET_FIELD.id(), le(7, b -> b.putInt(1000).putShort((short) 5).put((byte) 3)));
            assertThat(hex(watcher.receive())).isEqualTo(hex(datagram(new long[] {WATCHER_OF | 1000}, CALLER,
                    DatabaseMessageType.OBJECT_SET_FIELD.id(), HexFormat.of().parseHex("e8030000" + "0500" + "03"))));
            request(caller, DatabaseMessageType.OBJECT_DELETE_FIELD.id(), le(6, b -> b.putInt(1000).putShort((short) 5)));
            assertThat(hex(watcher.receive())).as("deleting it resets it to 20, announced as a set")
                    .isEqualTo(hex(datagram(new long[] {WATCHER_OF | 1000}, CALLER,
                    DatabaseMessageType.OBJECT_SET_FIELD.id(), HexFormat.of().parseHex("e8030000" + "0500" + "14"))));
        }
    }

    @Test
    void objectsSurviveARestart() throws Exception {
        try (MdLink caller = link(CALLER)) {
            assertThat(create(caller, 1, "kept")).isEqualTo(1000);
            request(caller, DatabaseMessageType.OBJECT_SET_FIELD.id(), le(8, b -> b.putInt(1000).putShort((short) 2).putShort((short) 300)));
            request(caller, DatabaseMessageType.OBJECT_GET_FIELD.id(), le(10, b -> b.putInt(2).putInt(1000).putShort((short) 2)));
            assertThat(hex(caller.receive())).isEqualTo(reply(DatabaseMessageType.OBJECT_GET_FIELD_RESP.id(), "02000000" + "01" + "0200" + "2c01"));
        }
        stopRoles();
        startRoles(new DatabaseServerConfig(true, DB, 1000, 1002, true));
        try (MdLink caller = link(CALLER)) {
            request(caller, DatabaseMessageType.OBJECT_GET_ALL.id(), le(8, b -> b.putInt(3).putInt(1000)));
            assertThat(hex(caller.receive())).isEqualTo(reply(DatabaseMessageType.OBJECT_GET_ALL_RESP.id(),
                    "03000000" + "01" + "0000" + "0300" + "0000" + "04006b657074" + "0100" + "07" + "0200" + "2c01"));
            assertThat(create(caller, 4, "next")).as("ids continue after the restart").isEqualTo(1001);
        }
    }

    @Test
    void changesAreBroadcastOnTheObjectsDatabaseChannelAsTheSender() throws IOException {
        try (MdLink caller = link(CALLER); MdLink watcher = link(WATCHER_OF | 1000)) {
            assertThat(create(caller, 1, "ann")).isEqualTo(1000);
            // SET_FIELDS: hp 5 and the non-db note (skipped): only hp is stored and announced.
            request(caller, DatabaseMessageType.OBJECT_SET_FIELDS.id(), cat(le(10, b -> b.putInt(1000).putShort((short) 2).putShort((short) 2).putShort((short) 5)),
                    le(2, b -> b.putShort((short) 3)), string("x")));
            assertThat(hex(watcher.receive())).isEqualTo(hex(datagram(new long[] {WATCHER_OF | 1000}, CALLER,
                    DatabaseMessageType.OBJECT_SET_FIELD.id(), HexFormat.of().parseHex("e8030000" + "0200" + "0500"))));

            // DELETE_FIELDS: hp has no default and goes; level falls back to its default 7.
            request(caller, DatabaseMessageType.OBJECT_DELETE_FIELDS.id(), le(10, b -> b.putInt(1000).putShort((short) 2).putShort((short) 2).putShort((short) 1)));
            assertThat(hex(watcher.receive())).isEqualTo(hex(datagram(new long[] {WATCHER_OF | 1000}, CALLER,
                    DatabaseMessageType.OBJECT_DELETE_FIELD.id(), HexFormat.of().parseHex("e8030000" + "0200"))));
            assertThat(hex(watcher.receive())).isEqualTo(hex(datagram(new long[] {WATCHER_OF | 1000}, CALLER,
                    DatabaseMessageType.OBJECT_SET_FIELD.id(), HexFormat.of().parseHex("e8030000" + "0100" + "07"))));

            request(caller, DatabaseMessageType.OBJECT_GET_FIELDS.id(), le(14, b -> b.putInt(9).putInt(1000).putShort((short) 2).putShort((short) 2).putShort((short) 1)));
            assertThat(hex(caller.receive())).isEqualTo(reply(DatabaseMessageType.OBJECT_GET_FIELDS_RESP.id(), "09000000" + "01" + "0100" + "0100" + "07"));

            request(caller, DatabaseMessageType.OBJECT_DELETE.id(), le(4, b -> b.putInt(1000)));
            assertThat(hex(watcher.receive())).isEqualTo(hex(datagram(new long[] {WATCHER_OF | 1000}, CALLER,
                    DatabaseMessageType.OBJECT_DELETE.id(), HexFormat.of().parseHex("e8030000"))));
            request(caller, DatabaseMessageType.OBJECT_GET_ALL.id(), le(8, b -> b.putInt(10).putInt(1000)));
            assertThat(hex(caller.receive())).isEqualTo(reply(DatabaseMessageType.OBJECT_GET_ALL_RESP.id(), "0a000000" + "00"));
        }
    }

    @Test
    void compareAndSetAppliesOnlyWhenTheOldValuesMatch() throws IOException {
        try (MdLink caller = link(CALLER)) {
            assertThat(create(caller, 1, "ann")).isEqualTo(1000);
            // level is 7: IF_EQUALS 8 -> 9 fails and reports the current 7.
            request(caller, DatabaseMessageType.OBJECT_SET_FIELD_IF_EQUALS.id(), le(12, b -> b.putInt(20).putInt(1000).putShort((short) 1).put((byte) 8).put((byte) 9)));
            assertThat(hex(caller.receive())).isEqualTo(reply(DatabaseMessageType.OBJECT_SET_FIELD_IF_EQUALS_RESP.id(), "14000000" + "00" + "0100" + "07"));
            request(caller, DatabaseMessageType.OBJECT_SET_FIELD_IF_EQUALS.id(), le(12, b -> b.putInt(21).putInt(1000).putShort((short) 1).put((byte) 7).put((byte) 9)));
            assertThat(hex(caller.receive())).isEqualTo(reply(DatabaseMessageType.OBJECT_SET_FIELD_IF_EQUALS_RESP.id(), "15000000" + "01"));

            // hp is empty: IF_EMPTY sets it once, then fails with the value it has.
            request(caller, DatabaseMessageType.OBJECT_SET_FIELD_IF_EMPTY.id(), le(12, b -> b.putInt(22).putInt(1000).putShort((short) 2).putShort((short) 40)));
            assertThat(hex(caller.receive())).isEqualTo(reply(DatabaseMessageType.OBJECT_SET_FIELD_IF_EMPTY_RESP.id(), "16000000" + "01"));
            request(caller, DatabaseMessageType.OBJECT_SET_FIELD_IF_EMPTY.id(), le(12, b -> b.putInt(23).putInt(1000).putShort((short) 2).putShort((short) 41)));
            assertThat(hex(caller.receive())).isEqualTo(reply(DatabaseMessageType.OBJECT_SET_FIELD_IF_EMPTY_RESP.id(), "17000000" + "00" + "0200" + "2800"));

            // SET_FIELDS_IF_EQUALS: one mismatch fails the whole change; the reply counts the compared fields that are set.
            request(caller, DatabaseMessageType.OBJECT_SET_FIELDS_IF_EQUALS.id(), le(20, b -> b.putInt(24).putInt(1000).putShort((short) 2)
                    .putShort((short) 1).put((byte) 9).put((byte) 10).putShort((short) 2).putShort((short) 99).putShort((short) 1)));
            assertThat(hex(caller.receive())).isEqualTo(reply(DatabaseMessageType.OBJECT_SET_FIELDS_IF_EQUALS_RESP.id(),
                    "18000000" + "00" + "0200" + "0100" + "09" + "0200" + "2800"));
            request(caller, DatabaseMessageType.OBJECT_GET_FIELD.id(), le(10, b -> b.putInt(25).putInt(1000).putShort((short) 1)));
            assertThat(hex(caller.receive())).isEqualTo(reply(DatabaseMessageType.OBJECT_GET_FIELD_RESP.id(), "19000000" + "01" + "0100" + "09"));
        }
    }

    @Test
    void badRequestsGetAFailureAndLeaveTheStoreAlone() throws IOException {
        try (MdLink caller = link(CALLER)) {
            // Unknown class, unknown field, a field of another class, a truncated value: all id 0.
            request(caller, DatabaseMessageType.CREATE_OBJECT.id(), le(8, b -> b.putInt(1).putShort((short) 9).putShort((short) 0)));
            assertThat(hex(caller.receive())).isEqualTo(reply(DatabaseMessageType.CREATE_OBJECT_RESP.id(), "01000000" + "00000000"));
            request(caller, DatabaseMessageType.CREATE_OBJECT.id(), le(12, b -> b.putInt(2).putShort((short) 0).putShort((short) 1).putShort((short) 77).putShort((short) 0)));
            assertThat(hex(caller.receive())).isEqualTo(reply(DatabaseMessageType.CREATE_OBJECT_RESP.id(), "02000000" + "00000000"));
            request(caller, DatabaseMessageType.CREATE_OBJECT.id(), le(12, b -> b.putInt(3).putShort((short) 0).putShort((short) 1).putShort((short) 4).putShort((short) 1)));
            assertThat(hex(caller.receive())).isEqualTo(reply(DatabaseMessageType.CREATE_OBJECT_RESP.id(), "03000000" + "00000000"));
            request(caller, DatabaseMessageType.CREATE_OBJECT.id(), le(11, b -> b.putInt(4).putShort((short) 0).putShort((short) 1).putShort((short) 0).put((byte) 5)));
            assertThat(hex(caller.receive())).isEqualTo(reply(DatabaseMessageType.CREATE_OBJECT_RESP.id(), "04000000" + "00000000"));

            // A get of a missing object, of a non-db field: failure.
            request(caller, DatabaseMessageType.OBJECT_GET_FIELD.id(), le(10, b -> b.putInt(5).putInt(4242).putShort((short) 0)));
            assertThat(hex(caller.receive())).isEqualTo(reply(DatabaseMessageType.OBJECT_GET_FIELD_RESP.id(), "05000000" + "00"));
            assertThat(create(caller, 6, "ann")).as("the failed creates used no id").isEqualTo(1000);
            request(caller, DatabaseMessageType.OBJECT_GET_FIELD.id(), le(10, b -> b.putInt(7).putInt(1000).putShort((short) 3)));
            assertThat(hex(caller.receive())).isEqualTo(reply(DatabaseMessageType.OBJECT_GET_FIELD_RESP.id(), "07000000" + "00"));
            // A set of a field the object's class does not have changes nothing.
            request(caller, DatabaseMessageType.OBJECT_SET_FIELD.id(), le(8, b -> b.putInt(1000).putShort((short) 4).putShort((short) 3)));
            request(caller, DatabaseMessageType.OBJECT_GET_ALL.id(), le(8, b -> b.putInt(8).putInt(1000)));
            assertThat(hex(caller.receive())).isEqualTo(reply(DatabaseMessageType.OBJECT_GET_ALL_RESP.id(),
                    "08000000" + "01" + "0000" + "0200" + "0000" + "0300616e6e" + "0100" + "07"));
        }
    }

    @Test
    void aUsedUpIdRangeAnswersZero() throws IOException {
        try (MdLink caller = link(CALLER)) {
            assertThat(create(caller, 1, "a")).isEqualTo(1000);
            assertThat(create(caller, 2, "b")).isEqualTo(1001);
            assertThat(create(caller, 3, "c")).isEqualTo(1002);
            assertThat(create(caller, 4, "d")).isZero();
        }
    }
}
