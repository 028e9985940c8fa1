package io.gatehouse.astron.stateserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gatehouse.astron.dc.DcFile;
import io.gatehouse.astron.dc.DcParser;
import io.gatehouse.astron.md.Datagram;
import io.gatehouse.astron.md.MdParticipant;
import io.gatehouse.astron.md.MessageDirector;
import io.gatehouse.astron.md.RoutingThread;
import io.gatehouse.astron.message.StateServerMessageType;
import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.metrics.FrontMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;

/**
 * The State Server and its objects on arbitrary datagrams (docs/protocol/astron.md, section 9):
 * each input is a list of datagrams, each to the State Server's control channel or to one of
 * four objects (made afresh before each input), of a State Server message type and with
 * arguments of any length the input gives, cut short or not, handed to the role as the Message
 * Director hands them, on its routing thread. What must hold: no exception leaves a role
 * (astrond's answer to a datagram cut short is to drop it); every datagram handed in is
 * released; afterwards the State Server still makes an object and that object answers.
 * An input is read as records of three bytes (the target: 0 mod 5 the control channel, else an
 * object; the type's index in {@link StateServerMessageType}; the argument length) and then
 * that many argument bytes, fewer at the end of the input.
 */
class StateServerDatagramFuzzTest {

    private static final long SS = 400_000;
    private static final long CALLER = 700_000;
    private static final long FUZZER = 800_000;
    private static final long PROBE = 999;
    private static final long PROBE_CONTEXT = 0xFEED;
    private static final String DC = """
            struct Pos {
                int16 x;
                int16 y;
            };
            dclass Thing {
                setR(uint32 r) required broadcast ram;
                setName(string n) required ram ownrecv;
                setX(int16 x) broadcast ram;
                setY(int16 y) broadcast ram;
                setAi(uint16 a) ram airecv;
                setXY : setX, setY;
                setPath(Pos path[]) ram;
                setTag(char tag[4]) broadcast;
            };
            """;
    private static final StateServerMessageType[] TYPES = StateServerMessageType.values();

    private static final MessageDirector MD = new MessageDirector(new LocalBus());
    private static final DcFile FILE = DcParser.parse("fuzz.dc", DC);
    private static final StateServer STATE_SERVER = new StateServer(MD, FILE, SS,
            new FrontMetrics(new SimpleMeterRegistry(), "astron_md").clientFaults(LoggerFactory.getLogger(StateServer.class), () -> 0));
    /** What reached the caller's channel; touched on the routing thread only. */
    private static final List<byte[]> HEARD = new ArrayList<>();
    private static final MdParticipant CALLER_ROLE = new MdParticipant() {
        @Override
        public String name() {
            return "caller";
        }

        @Override
        public void deliver(ByteBuf d) {
            HEARD.add(ByteBufUtil.getBytes(d));
            d.release();
        }
    };

    static {
        MD.subscribe(CALLER_ROLE, CALLER);
    }

    /** A whole CREATE_OBJECT_WITH_REQUIRED of a Thing with r=7 and name "ab". */
    private static Datagram create(long doId, long parent, long zone, long from) {
        return Datagram.to(SS, from, StateServerMessageType.CREATE_OBJECT_WITH_REQUIRED.id())
                .u32(doId).u32(parent).u32(zone).u16(FILE.classByName("Thing").id()).u32(7).u16(2).u8('a').u8('b');
    }

    @FuzzTest(maxDuration = "5s")
    void datagrams(byte[] input) throws Exception {
        List<ByteBuf> fed = new ArrayList<>();
        onMd(() -> {
            HEARD.clear();
            for (DistributedObject o : STATE_SERVER.objects.values()) {
                MD.remove(o);
            }
            STATE_SERVER.objects.clear();
            for (long doId = 1000; doId < 1004; doId++) {
                STATE_SERVER.deliver(create(doId, 5000, doId - 1000, FUZZER).build());
            }
            return null;
        });
        for (int at = 0; at + 3 <= input.length; ) {
            int target = input[at] & 0xFF;
            StateServerMessageType type = TYPES[(input[at + 1] & 0xFF) % TYPES.length];
            int length = input[at + 2] & 0xFF;
            at += 3;
            int end = Math.min(input.length, at + length);
            ByteBuf d = Unpooled.buffer().writeByte(1).writeLongLE(target % 5 == 0 ? SS : 1000 + target % 5 - 1)
                    .writeLongLE(FUZZER).writeShortLE(type.id()).writeBytes(input, at, end - at);
            at = end;
            fed.add(d);
            long doId = target % 5 == 0 ? -1 : 1000 + target % 5 - 1;
            onMd(() -> {
                d.retain();
                MdParticipant to = doId < 0 ? STATE_SERVER : STATE_SERVER.object(doId);
                if (to == null) {
                    d.release();
                } else {
                    to.deliver(d);
                }
                return null;
            });
        }
        onMd(() -> {
            if (STATE_SERVER.object(PROBE) == null) {
                STATE_SERVER.deliver(create(PROBE, 0, 0, CALLER).build());
            }
            return null;
        });
        onMd(() -> {
            STATE_SERVER.object(PROBE).deliver(Datagram.to(PROBE, CALLER, StateServerMessageType.OBJECT_GET_LOCATION.id()).u32(PROBE_CONTEXT).build());
            return null;
        });
        List<byte[]> heard = onMd(() -> new ArrayList<>(HEARD));
        assertThat(heard).as("the probe object answers after the input").anySatisfy(d -> {
            ByteBuf b = Unpooled.wrappedBuffer(d);
            b.readerIndex(Datagram.senderOffset(b));
            assertThat(b.readLongLE()).isEqualTo(PROBE);
            assertThat(b.readUnsignedShortLE()).isEqualTo(StateServerMessageType.OBJECT_GET_LOCATION_RESP.id());
            assertThat(b.readUnsignedIntLE()).isEqualTo(PROBE_CONTEXT);
        });
        for (int i = 0; i < fed.size(); i++) {
            ByteBuf d = fed.get(i);
            assertThat(d.refCnt()).as("datagram %d of %d released by the role", i, fed.size()).isEqualTo(1);
            d.release();
        }
    }

    private static <T> T onMd(Callable<T> task) throws Exception {
        return RoutingThread.call(MD, task);
    }
}
