package io.gatehouse.astron.stateserver;

import static io.gatehouse.astron.message.StateServerMessageType.*;
import static io.gatehouse.astron.stateserver.StateServerMessage.location;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.astron.database.DatabaseServer;
import io.gatehouse.astron.database.DatabaseServerConfig;
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
import io.gatehouse.core.objects.ObjectStore;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.testing.TestDatabases;
import io.gatehouse.core.transport.HostPort;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DBSS on Gatehouse's own Database Server: an object created in the store is activated, changed, and read back from disk. */
class DbssOnGatehouseDatabaseTest {

    private static final long DB = 402_001;
    private static final long AI = 700_000;
    // field ids: setLevel 0 (required broadcast db), setHp 1 (ram db)
    private static final String DC = """
            dclass Avatar {
                setLevel(uint8) required broadcast db;
                setHp(uint16) broadcast ram db;
            };
            """;

    private Database db;
    private MessageDirector md;
    private DatabaseServer server;
    private MdListener listener;
    private MdLink ai;
    private long pings;

    @BeforeEach
    void start() throws Exception {
        db = TestDatabases.h2();
        md = new MessageDirector(new LocalBus());
        DcFile dc = DcParser.parse("test.dc", DC);
        server = new DatabaseServer(md, dc, new ObjectStore(db, "astron"), new DatabaseServerConfig(true, DB, 100_000, 100_010, false),
                TestLinks.faults(DatabaseServer.class));
        new DbStateServer(md, dc, new DbStateServerConfig(DB, List.of(new DbStateServerConfig.Range(100_000, 100_010))),
                TestLinks.faults(DbStateServer.class));
        listener = new MdListener(md, new HostPort("127.0.0.1", 0), TestLinks.defaults());
        ai = new MdLink(listener.address());
    }

    @AfterEach
    void stop() throws IOException {
        ai.close();
        listener.close();
        server.close();
        md.close();
        db.close();
    }

    private static byte[] bytes(Datagram d) {
        ByteBuf b = d.build();
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    private void subscribe(long... channels) throws IOException {
        long ping = 990_000 + pings++;
        for (long c : channels) {
            ai.send(MdLink.control(ControlMessage.ADD_CHANNEL, MdLink.longs(c)));
        }
        ai.send(MdLink.control(ControlMessage.ADD_CHANNEL, MdLink.longs(ping)));
        byte[] d = bytes(Datagram.to(ping, 1, 1));
        try (MdLink pinger = new MdLink(listener.address())) {
            pinger.send(d);
        }
        assertThat(ai.receive()).isEqualTo(d);
    }

    @Test
    void anObjectOfTheStoreIsActivatedChangedAndReadBackFromDisk() throws Exception {
        long here = location(5000, 7);
        subscribe(AI, here);
        ai.send(bytes(Datagram.to(DB, AI, DatabaseMessageType.CREATE_OBJECT.id()).u32(1).u16(0).u16(2).u16(0).u8(12).u16(1).u16(300)));
        assertThat(ai.receive()).isEqualTo(bytes(Datagram.to(AI, DB, DatabaseMessageType.CREATE_OBJECT_RESP.id()).u32(1).u32(100_000)));

        ai.send(bytes(Datagram.to(100_000, AI, DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS.id()).u32(100_000).u32(5000).u32(7)));
        assertThat(ai.receive()).as("entered with the stored values")
                .isEqualTo(bytes(Datagram.to(here, 100_000, OBJECT_ENTER_LOCATION_WITH_REQUIRED_OTHER.id())
                        .u32(100_000).u32(5000).u32(7).u16(0).u8(12).u16(1).u16(1).u16(300)));

        ai.send(bytes(Datagram.to(100_000, AI, OBJECT_SET_FIELD.id()).u32(100_000).u16(1).u16(250)));
        assertThat(ai.receive()).isEqualTo(bytes(Datagram.to(here, AI, OBJECT_SET_FIELD.id()).u32(100_000).u16(1).u16(250)));
        ai.send(bytes(Datagram.to(100_000, AI, OBJECT_DELETE_RAM.id()).u32(100_000)));
        assertThat(ai.receive()).isEqualTo(bytes(Datagram.to(here, AI, OBJECT_DELETE_RAM.id()).u32(100_000)));

        ai.send(bytes(Datagram.to(100_000, AI, OBJECT_GET_FIELD.id()).u32(2).u32(100_000).u16(1)));
        assertThat(ai.receive()).as("out of RAM, the change was written through to the store")
                .isEqualTo(bytes(Datagram.to(AI, 100_000, OBJECT_GET_FIELD_RESP.id()).u32(2).u8(1).u16(1).u16(250)));
    }
}
