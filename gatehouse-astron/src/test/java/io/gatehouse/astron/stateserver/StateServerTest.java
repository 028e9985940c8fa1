package io.gatehouse.astron.stateserver;

import static io.gatehouse.astron.message.StateServerMessageType.*;
import static io.gatehouse.astron.stateserver.StateServerMessage.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.astron.dc.DcFile;
import io.gatehouse.astron.dc.DcParser;
import io.gatehouse.astron.md.ControlMessage;
import io.gatehouse.astron.md.MdListener;
import io.gatehouse.astron.md.MessageDirector;
import io.gatehouse.astron.md.TestLinks;
import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.transport.HostPort;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The State Server over a real Message Director link: what each subscriber receives, byte for byte. */
class StateServerTest {

    private static final long SS = 400_000;
    private static final long AI = 500_000;
    private static final long OWNER = 600_000;
    private static final long CALLER = 700_000;

    private static final String DC = """
            dclass Zone {
            };
            dclass Thing {
                setRequired(uint32 r) required broadcast ram;
                setB(uint8 x) broadcast;
                setBR(string z) broadcast ram;
                setSecret(uint32 s) required db;
                setAi(uint16 a) ram airecv;
                setOwn(uint16 o) ram ownrecv;
                setX(int16 x) broadcast ram;
                setY(int16 y) broadcast ram;
                setXY : setX, setY;
                setNote(string n) ram;
            };
            """;

    private MessageDirector md;
    private MdListener listener;
    private Link watcher;

    /** A test participant on a socket, with a blocking reader. */
    private static final class Link implements AutoCloseable {
        final Socket s;
        final OutputStream out;
        final DataInputStream in;

        Link(MdListener l) throws IOException {
            s = new Socket(l.address().getAddress(), l.address().getPort());
            s.setSoTimeout(10_000);
            out = s.getOutputStream();
            in = new DataInputStream(s.getInputStream());
        }

        void send(byte[] d) throws IOException {
            out.write(ByteBuffer.allocate(2 + d.length).order(ByteOrder.LITTLE_ENDIAN).putShort((short) d.length).put(d).array());
            out.flush();
        }

        void subscribe(long... channels) throws IOException {
            for (long c : channels) {
                send(le(b -> b.put((byte) 1).putLong(ControlMessage.CONTROL_CHANNEL).putShort((short) ControlMessage.ADD_CHANNEL.id()).putLong(c), 19));
            }
        }

        byte[] receive() throws IOException {
            int lo = in.readUnsignedByte();
            int hi = in.readUnsignedByte();
            byte[] d = new byte[lo | hi << 8];
            in.readFully(d);
            return d;
        }

        @Override
        public void close() throws IOException {
            s.close();
        }
    }

    private interface Filler {
        void fill(ByteBuffer b);
    }

    private static byte[] le(Filler f, int size) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        f.fill(b);
        return b.array();
    }

    /** A datagram to recipients, from sender, of a type, with the payload given as hex. */
    private static byte[] dg(long[] to, long from, int type, String payloadHex) {
        byte[] payload = HexFormat.of().parseHex(payloadHex.replace(" ", ""));
        return le(b -> {
            b.put((byte) to.length);
            for (long t : to) {
                b.putLong(t);
            }
            b.putLong(from).putShort((short) type).put(payload);
        }, 1 + 8 * to.length + 8 + 2 + payload.length);
    }

    private static long[] to(long... channels) {
        return channels;
    }

    private static String u32(long v) {
        return HexFormat.of().formatHex(le(b -> b.putInt((int) v), 4));
    }

    private static String u64(long v) {
        return HexFormat.of().formatHex(le(b -> b.putLong(v), 8));
    }

    @BeforeEach
    void start() throws Exception {
        md = new MessageDirector(new LocalBus());
        DcFile dc = DcParser.parse("test.dc", DC);
        new StateServer(md, dc, SS, TestLinks.faults(StateServer.class));
        listener = new MdListener(md, new HostPort("127.0.0.1", 0), TestLinks.defaults());
        watcher = new Link(listener);
    }

    @AfterEach
    void stop() throws IOException {
        watcher.close();
        listener.close();
        md.close();
    }

    /** Subscribes the watcher and waits until the director has it. */
    private void watch(long... channels) throws Exception {
        subscribe(watcher, channels);
    }

    /** Subscribes a link and waits until the director has it, by a ping on a channel only it holds. */
    private void subscribe(Link link, long... channels) throws Exception {
        long pingChannel = 990_000 + pings++;
        link.subscribe(channels);
        link.subscribe(pingChannel);
        try (Link pinger = new Link(listener)) {
            byte[] ping = dg(to(pingChannel), 1, 1, "");
            pinger.send(ping);
            assertThat(link.receive()).isEqualTo(ping);
        }
    }

    private int pings;

    /** A caller link that receives what is addressed to {@link #CALLER}. */
    private Link caller() throws Exception {
        Link caller = new Link(listener);
        subscribe(caller, CALLER);
        return caller;
    }

    /**
     * Lets the chain a creation starts (the parent hears of the child, acknowledges it) run out:
     * each round trip to the parent is answered after everything queued before it.
     */
    private void settle(Link caller) throws IOException {
        for (int i = 0; i < 4; i++) {
            caller.send(dg(to(5000), CALLER, OBJECT_GET_LOCATION.id(), u32(i)));
            assertThat(caller.receive()).isEqualTo(dg(to(CALLER), 5000, OBJECT_GET_LOCATION_RESP.id(), u32(i) + u32(5000) + u32(0) + u32(0)));
        }
    }

    /** Creates Thing 1000 in (5000, 10) with required r=7, secret=9 and ram setBR="hi". */
    private void createThing(Link caller) throws IOException {
        String required = u32(7) + u32(9);
        String other = "0100" + "0200" + "02006869";
        caller.send(dg(to(SS), CALLER, CREATE_OBJECT_WITH_REQUIRED_OTHER.id(),
                u32(1000) + u32(5000) + u32(10) + "0100" + required + other));
    }

    @Test
    void anAnswerTooLongForOneDatagramIsNotSent() throws Exception {
        String big = HexFormat.of().formatHex(le(b -> b.putShort((short) 40_000), 2)) + "61".repeat(40_000);
        try (Link caller = caller()) {
            caller.send(dg(to(SS), CALLER, CREATE_OBJECT_WITH_REQUIRED.id(), u32(1000) + u32(0) + u32(0) + "0100" + u32(7) + u32(9)));
            caller.send(dg(to(1000), CALLER, OBJECT_SET_FIELD.id(), u32(1000) + "0200" + big));
            caller.send(dg(to(1000), CALLER, OBJECT_SET_FIELD.id(), u32(1000) + "0900" + big));
            caller.send(dg(to(1000), CALLER, OBJECT_GET_ALL.id(), u32(1) + u32(1000)));
            caller.send(dg(to(1000), CALLER, OBJECT_GET_LOCATION.id(), u32(2)));
            assertThat(caller.receive()).as("the GET_ALL answer (80,000 bytes of ram fields) is not sent; the next answer is whole")
                    .isEqualTo(dg(to(CALLER), 1000, OBJECT_GET_LOCATION_RESP.id(), u32(2) + u32(1000) + u32(0) + u32(0)));
        }
    }

    @Test
    void creationAnnouncesToParentAndLocation() throws Exception {
        long location = location(5000, 10);
        watch(5000, location);
        try (Link caller = new Link(listener)) {
            createThing(caller);
            assertThat(watcher.receive()).as("GET_AI to the new parent").isEqualTo(dg(to(5000), 1000, OBJECT_GET_AI.id(), u32(0)));
            assertThat(watcher.receive()).as("CHANGING_LOCATION to the parent")
                    .isEqualTo(dg(to(5000), CALLER, OBJECT_CHANGING_LOCATION.id(), u32(1000) + u32(5000) + u32(10) + u32(0) + u32(0)));
            // ENTER_LOCATION_WITH_REQUIRED_OTHER: required broadcast fields only (r), ram broadcast fields (setBR)
            assertThat(watcher.receive()).isEqualTo(dg(to(location), 1000, OBJECT_ENTER_LOCATION_WITH_REQUIRED_OTHER.id(),
                    u32(1000) + u32(5000) + u32(10) + "0100" + u32(7) + "0100" + "0200" + "02006869"));
        }
    }

    @Test
    void fieldUpdatesGoWhereTheirKeywordsSay() throws Exception {
        long location = location(5000, 10);
        watch(location, AI, OWNER);
        try (Link caller = caller()) {
            createThing(caller);
            assertThat(watcher.receive()).as("entry to the location").isEqualTo(dg(to(location), 1000,
                    OBJECT_ENTER_LOCATION_WITH_REQUIRED_OTHER.id(), u32(1000) + u32(5000) + u32(10) + "0100" + u32(7) + "0100" + "0200" + "02006869"));
            caller.send(dg(to(1000), CALLER, OBJECT_SET_AI.id(), u64(AI)));
            caller.send(dg(to(1000), CALLER, OBJECT_SET_OWNER.id(), u64(OWNER)));
            assertThat(watcher.receive()).as("AI entry has every field")
                    .isEqualTo(dg(to(AI), 1000, OBJECT_ENTER_AI_WITH_REQUIRED_OTHER.id(),
                            u32(1000) + u32(5000) + u32(10) + "0100" + u32(7) + u32(9) + "0100" + "0200" + "02006869"));
            assertThat(watcher.receive()).as("owner entry: broadcast and ownrecv fields")
                    .isEqualTo(dg(to(OWNER), 1000, OBJECT_ENTER_OWNER_WITH_REQUIRED_OTHER.id(),
                            u32(1000) + u32(5000) + u32(10) + "0100" + u32(7) + "0100" + "0200" + "02006869"));

            caller.send(dg(to(1000), CALLER, OBJECT_SET_FIELD.id(), u32(1000) + "0100" + "05"));
            assertThat(watcher.receive()).isEqualTo(dg(to(location), CALLER, OBJECT_SET_FIELD.id(), u32(1000) + "0100" + "05"));
            caller.send(dg(to(1000), CALLER, OBJECT_SET_FIELD.id(), u32(1000) + "0400" + "0900"));
            assertThat(watcher.receive()).as("airecv").isEqualTo(dg(to(AI), CALLER, OBJECT_SET_FIELD.id(), u32(1000) + "0400" + "0900"));
            caller.send(dg(to(1000), CALLER, OBJECT_SET_FIELD.id(), u32(1000) + "0500" + "0a00"));
            assertThat(watcher.receive()).as("ownrecv").isEqualTo(dg(to(OWNER), CALLER, OBJECT_SET_FIELD.id(), u32(1000) + "0500" + "0a00"));
            caller.send(dg(to(1000), OWNER, OBJECT_SET_FIELD.id(), u32(1000) + "0500" + "0b00"));
            caller.send(dg(to(1000), CALLER, OBJECT_SET_FIELD.id(), u32(1000) + "0800" + "01000200"));
            assertThat(watcher.receive()).as("not back to the owner that sent it; then the molecular")
                    .isEqualTo(dg(to(location), CALLER, OBJECT_SET_FIELD.id(), u32(1000) + "0800" + "01000200"));

            // count 4: fields 6, 7, 5, 3
            caller.send(dg(to(1000), CALLER, OBJECT_GET_FIELDS.id(), u32(77) + u32(1000) + "0400" + "0600" + "0700" + "0500" + "0300"));
            assertThat(caller.receive()).as("GET_FIELDS sorted, the molecular's parts read back, unset fields left out")
                    .isEqualTo(dg(to(CALLER), 1000, OBJECT_GET_FIELDS_RESP.id(),
                            u32(77) + "01" + "0400" + "0300" + u32(9) + "0500" + "0b00" + "0600" + "0100" + "0700" + "0200"));
            caller.send(dg(to(1000), CALLER, OBJECT_GET_FIELD.id(), u32(78) + u32(1000) + "0100"));
            assertThat(caller.receive()).as("setB is neither required nor ram: not kept")
                    .isEqualTo(dg(to(CALLER), 1000, OBJECT_GET_FIELD_RESP.id(), u32(78) + "00"));
        }
    }

    @Test
    void movingDeletingAndZoneQueries() throws Exception {
        try (Link caller = caller()) {
            caller.send(dg(to(SS), CALLER, CREATE_OBJECT_WITH_REQUIRED.id(), u32(5000) + u32(0) + u32(0) + "0000"));
            createThing(caller);
            settle(caller);
            caller.send(dg(to(5000), CALLER, OBJECT_GET_ZONES_OBJECTS.id(), u32(42) + u32(5000) + "0200" + u32(10) + u32(11)));
            assertThat(caller.receive()).as("count from the parent")
                    .isEqualTo(dg(to(CALLER), 5000, OBJECT_GET_ZONES_COUNT_RESP.id(), u32(42) + u32(1)));
            assertThat(caller.receive()).as("the child, acknowledged by its parent, answers as an interest entry")
                    .isEqualTo(dg(to(CALLER), 1000, OBJECT_ENTER_INTEREST_WITH_REQUIRED_OTHER.id(),
                            u32(42) + u32(1000) + u32(5000) + u32(10) + "0100" + u32(7) + "0100" + "0200" + "02006869"));

            watch(location(5000, 10), location(5000, 11), 5000);
            caller.send(dg(to(1000), CALLER, OBJECT_SET_LOCATION.id(), u32(5000) + u32(11)));
            assertThat(watcher.receive()).isEqualTo(dg(to(5000, location(5000, 10)), CALLER, OBJECT_CHANGING_LOCATION.id(),
                    u32(1000) + u32(5000) + u32(11) + u32(5000) + u32(10)));
            assertThat(watcher.receive()).isEqualTo(dg(to(location(5000, 11)), 1000, OBJECT_ENTER_LOCATION_WITH_REQUIRED_OTHER.id(),
                    u32(1000) + u32(5000) + u32(11) + "0100" + u32(7) + "0100" + "0200" + "02006869"));

            caller.send(dg(to(5000), CALLER, GET_ACTIVE_ZONES.id(), u32(9)));
            assertThat(caller.receive()).isEqualTo(dg(to(CALLER), 5000, GET_ACTIVE_ZONES_RESP.id(), u32(9) + "0100" + u32(11)));
            assertThat(watcher.receive()).as("the watcher of channel 5000 sees the query too")
                    .isEqualTo(dg(to(5000), CALLER, GET_ACTIVE_ZONES.id(), u32(9)));

            caller.send(dg(to(1000), CALLER, OBJECT_DELETE_RAM.id(), u32(1000)));
            assertThat(watcher.receive()).as("the parent is told first")
                    .isEqualTo(dg(to(5000), CALLER, OBJECT_CHANGING_LOCATION.id(), u32(1000) + u32(0) + u32(0) + u32(5000) + u32(11)));
            assertThat(watcher.receive()).isEqualTo(dg(to(location(5000, 11)), CALLER, OBJECT_DELETE_RAM.id(), u32(1000)));

            caller.send(dg(to(5000), CALLER, GET_ACTIVE_ZONES.id(), u32(10)));
            assertThat(caller.receive()).as("the parent forgot the deleted child")
                    .isEqualTo(dg(to(CALLER), 5000, GET_ACTIVE_ZONES_RESP.id(), u32(10) + "0000"));
            caller.send(dg(to(1000), CALLER, OBJECT_GET_ALL.id(), u32(3) + u32(1000)));
            caller.send(dg(to(5000), CALLER, OBJECT_GET_ALL.id(), u32(4) + u32(5000)));
            assertThat(caller.receive()).as("the deleted object no longer answers")
                    .isEqualTo(dg(to(CALLER), 5000, OBJECT_GET_ALL_RESP.id(), u32(4) + u32(5000) + u32(0) + u32(0) + "0000" + "0000"));
        }
    }

    @Test
    void truncatedCreateMakesNoObject() throws Exception {
        try (Link caller = caller()) {
            caller.send(dg(to(SS), CALLER, CREATE_OBJECT_WITH_REQUIRED.id(), u32(1000) + u32(0) + u32(0) + "0100" + "0700"));
            caller.send(dg(to(1000), CALLER, OBJECT_GET_ALL.id(), u32(1) + u32(1000)));
            caller.send(dg(to(SS), CALLER, CREATE_OBJECT_WITH_REQUIRED.id(), u32(1001) + u32(0) + u32(0) + "0000"));
            caller.send(dg(to(1001), CALLER, OBJECT_GET_ALL.id(), u32(2) + u32(1001)));
            assertThat(caller.receive()).as("1000 was never made; 1001 was")
                    .isEqualTo(dg(to(CALLER), 1001, OBJECT_GET_ALL_RESP.id(), u32(2) + u32(1001) + u32(0) + u32(0) + "0000" + "0000"));
        }
    }
}
