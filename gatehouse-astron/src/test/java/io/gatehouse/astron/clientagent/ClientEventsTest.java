package io.gatehouse.astron.clientagent;

import static io.gatehouse.astron.clientagent.AstronCluster.LOGIN;
import static io.gatehouse.astron.clientagent.AstronCluster.VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.gatehouse.astron.eventlog.UdpEventSender;
import io.gatehouse.astron.md.MdLink;
import io.gatehouse.astron.message.ClientAgentMessageType;
import io.gatehouse.astron.message.ClientMessageType;
import io.gatehouse.core.transport.HostPort;
import io.gatehouse.core.transport.Transports;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * The events astrond's Client Agent sends its event logger (astron.md, section 14.2), sent by
 * Gatehouse's to a UDP socket the test reads: each packet one map of strings, decoded and
 * checked key by key, in order.
 */
class ClientEventsTest {

    private final EventLoopGroup group = Transports.group("ca-events", 1);
    private DatagramSocket logger;
    private UdpEventSender events;
    private AstronCluster cluster;

    @BeforeEach
    void start() throws Exception {
        logger = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        logger.setSoTimeout(10_000);
        events = UdpEventSender.open(new HostPort("127.0.0.1", logger.getLocalPort()), group, new SimpleMeterRegistry());
        cluster = new AstronCluster(AstronCluster.config(), events);
    }

    @AfterEach
    void stop() {
        cluster.close();
        events.close();
        logger.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** The next event, its keys and values in the order they were packed. */
    private Map<String, String> event() throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[65_536], 65_536);
        logger.receive(p);
        byte[] packet = Arrays.copyOf(p.getData(), p.getLength());
        Map<String, String> out = new LinkedHashMap<>();
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(packet)) {
            int n = in.unpackMapHeader();
            assertThat(packet[0] & 0xFF).as("a fixmap").isEqualTo(0x80 + n);
            for (int i = 0; i < n; i++) {
                out.put(in.unpackString(), in.unpackString());
            }
            assertThat(in.hasNext()).as("one map per packet").isFalse();
        }
        return out;
    }

    private String caAddress() {
        return "127.0.0.1:" + cluster.ca.address().getPort();
    }

    private Map<String, String> connected(RawClient c) throws IOException {
        Map<String, String> e = event();
        assertThat(e.keySet()).containsExactly("type", "sender", "remote_address", "local_address");
        assertThat(e).containsEntry("type", "client-connected")
                .containsEntry("remote_address", "127.0.0.1:" + c.localPort())
                .containsEntry("local_address", caAddress());
        assertThat(e.get("sender")).matches("Client:1000\\d\\d");
        return e;
    }

    @Test
    void aConnectionIsClientConnectedAndCLIENT_DISCONNECTIsClientDisconnected() throws Exception {
        try (RawClient c = cluster.client()) {
            String sender = connected(c).get("sender");
            c.hello(cluster.ca.hash(), VERSION);
            c.send(Bytes.le().u16(ClientMessageType.DISCONNECT.id()).array());
            assertThat(c.closedByServer()).isTrue();
            assertThat(event()).containsExactly(entry("type", "client-disconnected"), entry("sender", sender));
        }
    }

    @Test
    void anEjectIsClientEjectedWithItsCodeAndReason() throws Exception {
        try (RawClient c = cluster.client()) {
            String sender = connected(c).get("sender");
            c.send(Bytes.le().u16(1).u32(cluster.ca.hash()).string("game v0").array());
            c.expectEject(124);
            assertThat(event()).containsExactly(entry("type", "client-ejected"), entry("sender", sender), entry("reason_code", "124"),
                    entry("reason_msg", "Client version mismatch: client=game v0, server=game v1"));
        }
    }

    @Test
    void anEjectForAViolationIsClientEjectedSecurity() throws Exception {
        try (RawClient c = cluster.client()) {
            String sender = connected(c).get("sender");
            c.hello(cluster.ca.hash(), VERSION);
            c.send(Bytes.le().u16(ClientMessageType.OBJECT_LOCATION.id()).u32(1).u32(2).u32(3).array());
            c.expectEject(108);
            assertThat(event()).containsExactly(entry("type", "client-ejected-security"), entry("sender", sender), entry("reason_code", "108"),
                    entry("reason_msg", "Message type " + ClientMessageType.OBJECT_LOCATION.id() + " not allowed prior to authentication."));
        }
    }

    @Test
    void aGameServersEjectIsClientEjected() throws Exception {
        try (MdLink gs = cluster.gameServer(GameServerTestBase.GS, LOGIN); RawClient c = cluster.client()) {
            String sender = connected(c).get("sender");
            long channel = GameServerTestBase.establish(cluster, gs, c);
            AstronCluster.send(gs, channel, GameServerTestBase.GS, ClientAgentMessageType.EJECT.id(), Bytes.le().u16(154).string("Maintenance"));
            assertThat(c.expectEject(154)).isEqualTo("Maintenance");
            assertThat(event()).containsExactly(entry("type", "client-ejected"), entry("sender", sender), entry("reason_code", "154"),
                    entry("reason_msg", "Maintenance"));
        }
    }

    @Test
    void aClientThatHangsUpIsClientLostAtTheEndOfTheStream() throws Exception {
        RawClient c = cluster.client();
        int port = c.localPort();
        String sender = connected(c).get("sender");
        c.close();
        assertThat(event()).containsExactly(entry("type", "client-lost"), entry("sender", sender),
                entry("remote_address", "127.0.0.1:" + port), entry("local_address", caAddress()), entry("reason", "end of file"));
    }

    /**
     * Behind HAProxy the addresses are the ones the PROXY header names, and they are known once
     * it is read; a LOCAL header (HAProxy's health check) sends neither client-connected nor client-lost.
     */
    @Test
    void behindHaproxyTheEventsNameTheProxiedAddressesAndALocalCheckSendsNone() throws Exception {
        ClientAgentConfig d = AstronCluster.config();
        cluster.close();
        cluster = new AstronCluster(new ClientAgentConfig(d.bind(), null, "/", d.version(), 0, d.channelMin(), d.channelMax(),
                d.heartbeatTimeout(), false, d.interests(), d.maxDatagramSize(), d.interestTimeout(), d.maxOutboundBytes(), true, null,
                d.helloTimeout(), d.anonymousTimeout()), events);
        byte[] local = ByteBuffer.allocate(16).put(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A})
                .put((byte) 0x20).put((byte) 0x11).putShort((short) 0).array();
        try (RawClient check = cluster.client()) {
            check.sendRaw(local);
            check.hello(cluster.ca.hash(), VERSION);
        }
        RawClient c = cluster.client();
        c.sendRaw("PROXY TCP4 203.0.113.7 10.0.0.5 51000 7198\r\n".getBytes(StandardCharsets.US_ASCII));
        Map<String, String> connected = event();
        assertThat(connected).containsEntry("type", "client-connected")
                .containsEntry("remote_address", "203.0.113.7:51000").containsEntry("local_address", "10.0.0.5:7198");
        c.close();
        assertThat(event()).containsExactly(entry("type", "client-lost"), entry("sender", connected.get("sender")),
                entry("remote_address", "203.0.113.7:51000"), entry("local_address", "10.0.0.5:7198"), entry("reason", "end of file"));
    }
}
