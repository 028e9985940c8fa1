package io.gatehouse.astron.stateserver;

import static io.gatehouse.astron.message.StateServerMessageType.*;
import static io.gatehouse.astron.stateserver.StateServerMessage.location;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.astron.dc.DcFile;
import io.gatehouse.astron.dc.DcParser;
import io.gatehouse.astron.md.ControlMessage;
import io.gatehouse.astron.md.Datagram;
import io.gatehouse.astron.md.MdLink;
import io.gatehouse.astron.md.MdListener;
import io.gatehouse.astron.md.MessageDirector;
import io.gatehouse.astron.md.TestLinks;
import io.gatehouse.astron.message.DatabaseMessageType;
import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.transport.HostPort;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DBSS over a real Message Director link, in the steps of astrond's test_dbss.py: a shard
 * link plays the AI, a database link plays the Database Server, and each checks byte for byte
 * what the DBSS sends it.
 */
class DbStateServerTest {

    private static final long DB = 1200;
    private static final long SHARD = 700_000;
    private static final int THING = 0;
    // field ids, in declaration order
    private static final int REQUIRED1 = 0; // required broadcast ram, default 78
    private static final int RDB3 = 1;      // required broadcast db
    private static final int DBONLY = 2;    // db
    private static final int FOO = 3;       // broadcast ram db
    private static final int BR1 = 4;       // broadcast ram
    private static final int SECRET = 5;    // ram, no default written

    private static final String DC = """
            dclass Thing {
                setRequired1(uint32 r = 78) required broadcast ram;
                setRDB3(uint32 r) required broadcast db;
                setDbOnly(uint8 d) db;
                setFoo(uint16 f) broadcast ram db;
                setBR1(string s) broadcast ram;
                setSecret(uint16 s) ram;
            };
            """;

    private MessageDirector md;
    private MdListener listener;
    private MdLink shard;
    private MdLink database;
    private long probes;

    @BeforeEach
    void start() throws Exception {
        md = new MessageDirector(new LocalBus());
        DcFile dc = DcParser.parse("test.dc", DC);
        new DbStateServer(md, dc, new DbStateServerConfig(DB, List.of(new DbStateServerConfig.Range(9000, 9999))),
                TestLinks.faults(DbStateServer.class));
        listener = new MdListener(md, new HostPort("127.0.0.1", 0), TestLinks.defaults());
        shard = new MdLink(listener.address());
        database = new MdLink(listener.address());
        subscribe(shard, SHARD);
        subscribe(database, DB);
    }

    @AfterEach
    void stop() throws IOException {
        shard.close();
        database.close();
        listener.close();
        md.close();
    }

    private static byte[] bytes(Datagram d) {
        ByteBuf b = d.build();
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    private static byte[] string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + b.length).order(ByteOrder.LITTLE_ENDIAN).putShort((short) b.length).put(b).array();
    }

    /** Subscribes a link and waits until the director has it, by a datagram on a channel only it holds. */
    private void subscribe(MdLink link, long... channels) throws IOException {
        long ping = 990_000 + probes++;
        for (long c : channels) {
            link.send(MdLink.control(ControlMessage.ADD_CHANNEL, MdLink.longs(c)));
        }
        link.send(MdLink.control(ControlMessage.ADD_CHANNEL, MdLink.longs(ping)));
        byte[] d = bytes(Datagram.to(ping, 1, 1));
        try (MdLink pinger = new MdLink(listener.address())) {
            pinger.send(d);
        }
        assertThat(link.receive()).isEqualTo(d);
    }

    /** The shard got nothing more from the DBSS: the answer to a GET_ACTIVATED it asks now comes next. */
    private void shardGotNothing() throws IOException {
        long context = 4_000 + probes++;
        shard.send(bytes(Datagram.to(9999, SHARD, DBSS_OBJECT_GET_ACTIVATED.id()).u32(context).u32(9999)));
        assertThat(shard.receive()).as("nothing before the probe's answer")
                .isEqualTo(bytes(Datagram.to(SHARD, 9999, DBSS_OBJECT_GET_ACTIVATED_RESP.id()).u32(context).u32(9999).u8(0)));
    }

    /** The database got nothing more: the DELETE a DELETE_DISK of an unused id makes comes next. */
    private void databaseGotNothing() throws IOException {
        long doId = 9_900 + probes++;
        shard.send(bytes(Datagram.to(doId, SHARD, DBSS_OBJECT_DELETE_DISK.id()).u32(doId)));
        assertThat(database.receive()).as("nothing before the probe's DELETE")
                .isEqualTo(bytes(Datagram.to(DB, doId, DatabaseMessageType.OBJECT_DELETE.id()).u32(doId)));
    }

    /** Reads the GET_ALL the DBSS sends the database for {@code doId} and returns its context. */
    private long getAllAsked(long doId) throws IOException {
        byte[] d = database.receive();
        ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        long context = b.getInt(1 + 8 + 8 + 2) & 0xFFFF_FFFFL;
        assertThat(d).isEqualTo(bytes(Datagram.to(DB, doId, DatabaseMessageType.OBJECT_GET_ALL.id()).u32(context).u32(doId)));
        return context;
    }

    /** The context of a query the database got: the first argument. */
    private long contextOf(byte[] got) {
        return ByteBuffer.wrap(got).order(ByteOrder.LITTLE_ENDIAN).getInt(1 + 8 + 8 + 2) & 0xFFFF_FFFFL;
    }

    private void activate(long doId, long parent, long zone) throws IOException {
        shard.send(bytes(Datagram.to(doId, SHARD, DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS.id()).u32(doId).u32(parent).u32(zone)));
    }

    /** The database's answer: found, a Thing with setRDB3 = 3117 and setDbOnly = 97 (which no entry shows). */
    private void answerThing(long doId, long context) throws IOException {
        database.send(bytes(Datagram.to(doId, DB, DatabaseMessageType.OBJECT_GET_ALL_RESP.id()).u32(context).u8(1).u16(THING)
                .u16(2).u16(RDB3).u32(3117).u16(DBONLY).u8(97)));
    }

    @Test
    void activationLoadsTheObjectFromTheDatabase() throws Exception {
        long here = location(80_000, 100);
        subscribe(shard, here);
        activate(9001, 80_000, 100);
        answerThing(9001, getAllAsked(9001));
        assertThat(shard.receive()).as("the entry: setRequired1's default, setRDB3 from the database")
                .isEqualTo(bytes(Datagram.to(here, 9001, OBJECT_ENTER_LOCATION_WITH_REQUIRED.id())
                        .u32(9001).u32(80_000).u32(100).u16(THING).u32(78).u32(3117)));

        activate(9001, 80_000, 101);
        shardGotNothing();
        databaseGotNothing();

        shard.send(bytes(Datagram.to(9001, SHARD, OBJECT_DELETE_RAM.id()).u32(9001)));
        assertThat(shard.receive()).isEqualTo(bytes(Datagram.to(here, SHARD, OBJECT_DELETE_RAM.id()).u32(9001)));

        shard.send(bytes(Datagram.to(9001, SHARD, DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS_OTHER.id()).u32(9001).u32(80_000).u32(100)
                .u16(THING).u16(2).u16(REQUIRED1).u32(0x00a49de2).u16(BR1).bytes(string("V ybir Whar"))));
        long context = getAllAsked(9001);
        database.send(bytes(Datagram.to(9001, DB, DatabaseMessageType.OBJECT_GET_ALL_RESP.id()).u32(context).u8(1).u16(THING)
                .u16(2).u16(REQUIRED1).u32(0x12345678).u16(RDB3).u32(3117)));
        assertThat(shard.receive()).as("the activation's values win over the database's")
                .isEqualTo(bytes(Datagram.to(here, 9001, OBJECT_ENTER_LOCATION_WITH_REQUIRED_OTHER.id())
                        .u32(9001).u32(80_000).u32(100).u16(THING).u32(0x00a49de2).u32(3117)
                        .u16(1).u16(BR1).bytes(string("V ybir Whar"))));
    }

    @Test
    void anObjectTheDatabaseLacksIsNotActivated() throws Exception {
        subscribe(shard, location(80_000, 100));
        activate(9002, 80_000, 100);
        long context = getAllAsked(9002);
        database.send(bytes(Datagram.to(9002, DB, DatabaseMessageType.OBJECT_GET_ALL_RESP.id()).u32(context).u8(0)));
        shard.send(bytes(Datagram.to(9002, SHARD, DBSS_OBJECT_GET_ACTIVATED.id()).u32(5).u32(9002)));
        assertThat(shard.receive()).as("no entry; not activated")
                .isEqualTo(bytes(Datagram.to(SHARD, 9002, DBSS_OBJECT_GET_ACTIVATED_RESP.id()).u32(5).u32(9002).u8(0)));
    }

    @Test
    void getActivatedWhileLoadingIsAnsweredOnceTheLoadEnds() throws Exception {
        activate(9003, 0, 0);
        long context = getAllAsked(9003);
        shard.send(bytes(Datagram.to(9003, SHARD, DBSS_OBJECT_GET_ACTIVATED.id()).u32(6).u32(9003)));
        shard.send(bytes(Datagram.to(9003, SHARD, OBJECT_SET_FIELD.id()).u32(9003).u16(FOO).u16(44)));
        answerThing(9003, context);
        assertThat(shard.receive()).isEqualTo(bytes(Datagram.to(SHARD, 9003, DBSS_OBJECT_GET_ACTIVATED_RESP.id()).u32(6).u32(9003).u8(1)));
        assertThat(database.receive()).as("the update kept while loading is written through once the load ends")
                .isEqualTo(bytes(Datagram.to(DB, 9003, DatabaseMessageType.OBJECT_SET_FIELD.id()).u32(9003).u16(FOO).u16(44)));
        shard.send(bytes(Datagram.to(9003, SHARD, OBJECT_GET_FIELD.id()).u32(7).u32(9003).u16(FOO)));
        assertThat(shard.receive()).as("and the object has it")
                .isEqualTo(bytes(Datagram.to(SHARD, 9003, OBJECT_GET_FIELD_RESP.id()).u32(7).u8(1).u16(FOO).u16(44)));
    }

    @Test
    void aGetAllOfAnInactiveObjectIsAnsweredFromTheDatabaseAndAnActivationTakesItOver() throws Exception {
        long here = location(33_000, 33);
        subscribe(shard, here);
        shard.send(bytes(Datagram.to(9010, SHARD, OBJECT_GET_ALL.id()).u32(8).u32(9010)));
        long context = getAllAsked(9010);
        activate(9010, 33_000, 33);
        databaseGotNothing();
        database.send(bytes(Datagram.to(9010, DB, DatabaseMessageType.OBJECT_GET_ALL_RESP.id()).u32(context).u8(1).u16(THING)
                .u16(3).u16(RDB3).u32(3117).u16(FOO).u16(5).u16(DBONLY).u8(97)));
        byte[] answer = bytes(Datagram.to(SHARD, 9010, OBJECT_GET_ALL_RESP.id()).u32(8).u32(9010).u64(0).u16(THING)
                .u32(78).u32(3117).u16(1).u16(FOO).u16(5));
        byte[] entry = bytes(Datagram.to(here, 9010, OBJECT_ENTER_LOCATION_WITH_REQUIRED_OTHER.id())
                .u32(9010).u32(33_000).u32(33).u16(THING).u32(78).u32(3117).u16(1).u16(FOO).u16(5));
        assertThat(List.of(shard.receive(), shard.receive())).as("the GET_ALL answered (location none), and the object activated from it")
                .usingElementComparator(Arrays::compare).containsExactlyInAnyOrder(answer, entry);
    }

    @Test
    void changesOfDbFieldsAreWrittenThroughLoadedOrNot() throws Exception {
        shard.send(bytes(Datagram.to(9030, SHARD, OBJECT_SET_FIELD.id()).u32(9030).u16(RDB3).u32(7)));
        assertThat(database.receive()).isEqualTo(bytes(Datagram.to(DB, 9030, DatabaseMessageType.OBJECT_SET_FIELD.id()).u32(9030).u16(RDB3).u32(7)));
        shard.send(bytes(Datagram.to(9030, SHARD, OBJECT_SET_FIELD.id()).u32(9030).u16(BR1).bytes(string("x"))));
        databaseGotNothing();
        shard.send(bytes(Datagram.to(9030, SHARD, OBJECT_SET_FIELDS.id()).u32(9030).u16(3)
                .u16(FOO).u16(9).u16(BR1).bytes(string("y")).u16(RDB3).u32(8)));
        assertThat(database.receive()).as("only the db fields, in field id order")
                .isEqualTo(bytes(Datagram.to(DB, 9030, DatabaseMessageType.OBJECT_SET_FIELDS.id()).u32(9030).u16(2)
                        .u16(RDB3).u32(8).u16(FOO).u16(9)));

        activate(9031, 0, 0);
        answerThing(9031, getAllAsked(9031));
        shard.send(bytes(Datagram.to(9031, SHARD, OBJECT_SET_FIELD.id()).u32(9031).u16(RDB3).u32(11)));
        assertThat(database.receive()).as("a loaded object's too")
                .isEqualTo(bytes(Datagram.to(DB, 9031, DatabaseMessageType.OBJECT_SET_FIELD.id()).u32(9031).u16(RDB3).u32(11)));
        shard.send(bytes(Datagram.to(9031, SHARD, OBJECT_GET_ALL.id()).u32(9).u32(9031)));
        assertThat(shard.receive()).as("the active object answers itself, with the new value")
                .isEqualTo(bytes(Datagram.to(SHARD, 9031, OBJECT_GET_ALL_RESP.id()).u32(9).u32(9031).u32(0).u32(0).u16(THING)
                        .u32(78).u32(11).u16(0)));
        databaseGotNothing();
    }

    @Test
    void fieldQueriesOfAnInactiveObjectGoToTheDatabase() throws Exception {
        shard.send(bytes(Datagram.to(9040, SHARD, OBJECT_GET_FIELD.id()).u32(1).u32(9040).u16(FOO)));
        byte[] asked = database.receive();
        long context = contextOf(asked);
        assertThat(asked).isEqualTo(bytes(Datagram.to(DB, 9040, DatabaseMessageType.OBJECT_GET_FIELD.id()).u32(context).u32(9040).u16(FOO)));
        database.send(bytes(Datagram.to(9040, DB, DatabaseMessageType.OBJECT_GET_FIELD_RESP.id()).u32(context).u8(1).u16(FOO).u16(1234)));
        assertThat(shard.receive()).isEqualTo(bytes(Datagram.to(SHARD, 9040, OBJECT_GET_FIELD_RESP.id()).u32(1).u8(1).u16(FOO).u16(1234)));

        shard.send(bytes(Datagram.to(9040, SHARD, OBJECT_GET_FIELD.id()).u32(2).u32(9040).u16(DBONLY)));
        assertThat(shard.receive()).as("a db field neither ram nor required: failure, no question")
                .isEqualTo(bytes(Datagram.to(SHARD, 9040, OBJECT_GET_FIELD_RESP.id()).u32(2).u8(0)));
        shard.send(bytes(Datagram.to(9040, SHARD, OBJECT_GET_FIELD.id()).u32(3).u32(9040).u16(REQUIRED1)));
        assertThat(shard.receive()).as("required, not db, with a default: the default")
                .isEqualTo(bytes(Datagram.to(SHARD, 9040, OBJECT_GET_FIELD_RESP.id()).u32(3).u8(1).u16(REQUIRED1).u32(78)));
        shard.send(bytes(Datagram.to(9040, SHARD, OBJECT_GET_FIELD.id()).u32(4).u32(9040).u16(SECRET)));
        assertThat(shard.receive()).as("ram, not db, no default written: failure")
                .isEqualTo(bytes(Datagram.to(SHARD, 9040, OBJECT_GET_FIELD_RESP.id()).u32(4).u8(0)));
        databaseGotNothing();

        shard.send(bytes(Datagram.to(9040, SHARD, OBJECT_GET_FIELDS.id()).u32(5).u32(9040).u16(3).u16(FOO).u16(SECRET).u16(RDB3)));
        asked = database.receive();
        context = contextOf(asked);
        assertThat(asked).as("the db fields, in the order asked")
                .isEqualTo(bytes(Datagram.to(DB, 9040, DatabaseMessageType.OBJECT_GET_FIELDS.id()).u32(context).u32(9040).u16(2).u16(FOO).u16(RDB3)));
        database.send(bytes(Datagram.to(9040, DB, DatabaseMessageType.OBJECT_GET_FIELDS_RESP.id()).u32(context).u8(1)
                .u16(2).u16(FOO).u16(6).u16(RDB3).u32(3117)));
        assertThat(shard.receive()).as("the non-db ones' defaults first (setSecret's zero), then the database's values")
                .isEqualTo(bytes(Datagram.to(SHARD, 9040, OBJECT_GET_FIELDS_RESP.id()).u32(5).u8(1).u16(3)
                        .u16(SECRET).u16(0).u16(FOO).u16(6).u16(RDB3).u32(3117)));

        shard.send(bytes(Datagram.to(9040, SHARD, OBJECT_GET_FIELDS.id()).u32(6).u32(9040).u16(2).u16(REQUIRED1).u16(BR1)));
        assertThat(shard.receive()).as("no db field: answered at once")
                .isEqualTo(bytes(Datagram.to(SHARD, 9040, OBJECT_GET_FIELDS_RESP.id()).u32(6).u8(1).u16(2)
                        .u16(REQUIRED1).u32(78).u16(BR1).u16(0)));
    }

    @Test
    void deleteDiskTellsTheObjectsWatchersAndTheDatabase() throws Exception {
        long here = location(90_000, 200);
        subscribe(shard, here);
        activate(9050, 90_000, 200);
        answerThing(9050, getAllAsked(9050));
        shard.receive(); // the entry
        shard.send(bytes(Datagram.to(9050, 13, DBSS_OBJECT_DELETE_DISK.id()).u32(9050)));
        assertThat(shard.receive()).isEqualTo(bytes(Datagram.to(here, 13, DBSS_OBJECT_DELETE_DISK.id()).u32(9050)));
        assertThat(database.receive()).isEqualTo(bytes(Datagram.to(DB, 9050, DatabaseMessageType.OBJECT_DELETE.id()).u32(9050)));
        shard.send(bytes(Datagram.to(9050, SHARD, DBSS_OBJECT_GET_ACTIVATED.id()).u32(7).u32(9050)));
        assertThat(shard.receive()).as("still in RAM until deleted there")
                .isEqualTo(bytes(Datagram.to(SHARD, 9050, DBSS_OBJECT_GET_ACTIVATED_RESP.id()).u32(7).u32(9050).u8(1)));
    }

    @Test
    void idsOutsideTheRangesAreNotServed() throws Exception {
        activate(10_000, 0, 0);
        activate(8_999, 0, 0);
        databaseGotNothing();
    }

    @Test
    void aTruncatedActivationIsDropped() throws Exception {
        shard.send(bytes(Datagram.to(9060, SHARD, DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS_OTHER.id()).u32(9060).u32(0).u32(0)
                .u16(THING).u16(1).u16(RDB3).u16(1)));
        databaseGotNothing();
        shard.send(bytes(Datagram.to(9060, SHARD, DBSS_OBJECT_GET_ACTIVATED.id()).u32(8).u32(9060)));
        assertThat(shard.receive()).isEqualTo(bytes(Datagram.to(SHARD, 9060, DBSS_OBJECT_GET_ACTIVATED_RESP.id()).u32(8).u32(9060).u8(0)));
    }
}
