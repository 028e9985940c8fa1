package io.gatehouse.astron.clientagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.astron.dc.DcFile;
import io.gatehouse.astron.dc.DcParser;
import io.gatehouse.astron.eventlog.EventSender;
import io.gatehouse.astron.md.ControlMessage;
import io.gatehouse.astron.md.Datagram;
import io.gatehouse.astron.md.MdLink;
import io.gatehouse.astron.md.MdListener;
import io.gatehouse.astron.md.MdParticipant;
import io.gatehouse.astron.md.MessageDirector;
import io.gatehouse.astron.md.TestLinks;
import io.gatehouse.astron.message.StateServerMessageType;
import io.gatehouse.astron.stateserver.StateServer;
import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.core.testing.RecordingSessions;
import io.gatehouse.core.transport.HostPort;
import io.gatehouse.core.transport.Transports;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Message Director, a State Server and a Client Agent on loopback, with a game server on the
 * MD port to drive them, and game clients on plain sockets.
 */
final class AstronCluster implements AutoCloseable {

    static final long SS = 402_000;
    static final long LOGIN = 4665;
    static final long PRIVATE_UD = 4666;
    static final String VERSION = "game v1";

    /*
     * Class ids: LoginManager 0, Zone 1, Avatar 2.
     * Field ids: login 0, setName 1, setXY 2, setChat 3, setSecret 4, setHp 5, setAdmin 6.
     */
    static final String DC = """
            dclass LoginManager {
                login(string user) clsend;
            };
            dclass Zone {
            };
            dclass Avatar {
                setName(string) required broadcast ram;
                setXY(int16 x, int16 y) required broadcast ram;
                setChat(string) broadcast ownsend;
                setSecret(uint8) ownrecv ram;
                setHp(uint8 (0-100)) broadcast clsend;
                setAdmin(uint8) broadcast;
            };
            """;

    final DcFile dc = DcParser.parse("game.dc", DC);
    final EventLoopGroup group = Transports.group("ca-test", 2);
    final MessageDirector md = new MessageDirector(new LocalBus());
    final MdListener listener;
    /** The clock of every time limit: it moves only when a test advances it. */
    final ManualScheduler clock = new ManualScheduler();
    /** The Client Agent's meters, to read what it counted. */
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final ClientAgent ca;
    private long pings = 990_000;

    final RecordingSessions sessions = new RecordingSessions();

    AstronCluster(ClientAgentConfig config) throws InterruptedException {
        this(config, EventSender.NONE);
    }

    /** The cluster, its Client Agent's events sent to {@code events}. */
    AstronCluster(ClientAgentConfig config, EventSender events) throws InterruptedException {
        new StateServer(md, dc, SS, TestLinks.faults(StateServer.class));
        md.subscribe(new Echo(), ECHO);
        listener = new MdListener(md, new HostPort("127.0.0.1", 0), TestLinks.defaults());
        ca = new ClientAgent(md, dc, config, List.of(new Uberdog(LOGIN, "LoginManager", true),
                new Uberdog(PRIVATE_UD, "LoginManager", false)), new FrontMetrics(meters, "astron"), clock, sessions, group, events);
    }

    static ClientAgentConfig config() {
        ClientAgentConfig d = ClientAgentConfig.defaults();
        return new ClientAgentConfig(new HostPort("127.0.0.1", 0), null, "/", VERSION, 0, 100_000, 100_999,
                d.heartbeatTimeout(), false, InterestPolicy.ENABLED, d.maxDatagramSize(), d.interestTimeout(), d.maxOutboundBytes(), false, null,
                d.helloTimeout(), d.anonymousTimeout());
    }

    RawClient client() throws IOException {
        return new RawClient(ca.address());
    }

    /** A client with a small, fixed receive buffer: the kernel cannot soak up what it does not read. */
    RawClient slowClient() throws IOException {
        return new RawClient(ca.address(), 16 * 1024);
    }

    /** A client that said hello and is ANONYMOUS. */
    RawClient anonymousClient() throws IOException {
        RawClient c = client();
        c.hello(ca.hash(), VERSION);
        return c;
    }

    /** A game server link subscribed to the channels, once the director has the subscriptions. */
    MdLink gameServer(long... channels) throws IOException {
        MdLink link = new MdLink(listener.address());
        subscribe(link, channels);
        return link;
    }

    /**
     * Subscribes the link and returns once the director has the subscriptions: a datagram the
     * link sends after them to an in-process echo comes back on a channel only the link holds.
     */
    void subscribe(MdLink link, long... channels) throws IOException {
        long ping = pings++;
        for (long c : channels) {
            link.send(MdLink.control(ControlMessage.ADD_CHANNEL, MdLink.longs(c)));
        }
        link.send(MdLink.control(ControlMessage.ADD_CHANNEL, MdLink.longs(ping)));
        link.send(MdLink.datagram(new long[] {ECHO}, ping, 1, new byte[0]));
        assertThat(link.receive()).isEqualTo(MdLink.datagram(new long[] {ping}, ECHO, 1, new byte[0]));
    }

    private static final long ECHO = 980_000;

    /** Answers every datagram with an empty one of type 1 to its sender. */
    private final class Echo implements MdParticipant {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public void deliver(ByteBuf d) {
            try {
                long sender = d.getLongLE(Datagram.senderOffset(d));
                md.route(this, Datagram.to(sender, ECHO, 1).build());
            } finally {
                d.release();
            }
        }
    }

    static void send(MdLink link, long to, long from, int type, Bytes args) throws IOException {
        link.send(MdLink.datagram(new long[] {to}, from, type, args.array()));
    }

    /** Lets an object's announcements to its parent run out, by round trips to the parent. */
    void settle(MdLink link, long replyChannel, long parent) throws IOException {
        for (int i = 0; i < 4; i++) {
            send(link, parent, replyChannel, StateServerMessageType.OBJECT_GET_LOCATION.id(), Bytes.le().u32(i));
            Received r = Received.of(link.receive());
            assertThat(r.type()).isEqualTo(StateServerMessageType.OBJECT_GET_LOCATION_RESP.id());
        }
    }

    /** Creates a Zone object at (0, 0). */
    void createZone(MdLink link, long id) throws IOException {
        send(link, SS, 1, StateServerMessageType.CREATE_OBJECT_WITH_REQUIRED.id(), Bytes.le().u32(id).u32(0).u32(0).u16(1));
    }

    /** Creates an Avatar with its required fields (name, x, y). */
    void createAvatar(MdLink link, long id, long parent, long zone, String name) throws IOException {
        send(link, SS, 1, StateServerMessageType.CREATE_OBJECT_WITH_REQUIRED.id(),
                Bytes.le().u32(id).u32(parent).u32(zone).u16(2).string(name).u16(3).u16(4));
    }

    /** The required fields an Avatar announces: name, x 3, y 4. */
    static Bytes avatarRequired(String name) {
        return Bytes.le().string(name).u16(3).u16(4);
    }

    /** A datagram a participant received: its recipients, sender, type and arguments. */
    record Received(long[] recipients, long sender, int type, byte[] args) {
        static Received of(byte[] d) {
            ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
            long[] to = new long[b.get() & 0xFF];
            for (int i = 0; i < to.length; i++) {
                to[i] = b.getLong();
            }
            long sender = b.getLong();
            int type = b.getShort() & 0xFFFF;
            byte[] args = new byte[b.remaining()];
            b.get(args);
            return new Received(to, sender, type, args);
        }

        String argsHex() {
            return Bytes.hex(args);
        }
    }

    @Override
    public void close() {
        ca.close();
        listener.close();
        md.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
