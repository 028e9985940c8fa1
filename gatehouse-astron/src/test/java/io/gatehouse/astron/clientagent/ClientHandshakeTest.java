package io.gatehouse.astron.clientagent;

import static io.gatehouse.astron.clientagent.AstronCluster.VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.astron.message.ClientMessageType;
import io.gatehouse.core.transport.HostPort;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CLIENT_HELLO, the states' message rules and the ejects that guard them, over real sockets. */
class ClientHandshakeTest {

    private AstronCluster cluster;

    private AstronCluster start(ClientAgentConfig config) throws InterruptedException {
        cluster = new AstronCluster(config);
        return cluster;
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void helloWithTheRightHashAndVersionIsAnswered() throws Exception {
        start(AstronCluster.config());
        assertThat(cluster.ca.hash()).isEqualTo(Integer.toUnsignedLong(cluster.dc.hash()));
        try (RawClient c = cluster.client()) {
            c.send(Bytes.le().u16(1).u32(cluster.ca.hash()).string(VERSION).array());
            assertThat(Bytes.hex(c.receive())).isEqualTo("0200");
            c.send(Bytes.le().u16(ClientMessageType.HEARTBEAT.id()).array());
            c.send(Bytes.le().u16(ClientMessageType.DISCONNECT.id()).array());
            assertThat(c.closedByServer()).as("CLIENT_DISCONNECT closes quietly").isTrue();
        }
    }

    @Test
    void aWrongVersionIsEjectedWith124NamingBoth() throws Exception {
        start(AstronCluster.config());
        try (RawClient c = cluster.client()) {
            c.send(Bytes.le().u16(1).u32(cluster.ca.hash()).string("game v0").array());
            assertThat(c.expectEject(124)).isEqualTo("Client version mismatch: client=game v0, server=game v1");
        }
    }

    @Test
    void aWrongHashIsEjectedWith125InLowercaseHex() throws Exception {
        start(AstronCluster.config());
        try (RawClient c = cluster.client()) {
            c.send(Bytes.le().u16(1).u32(0xABCL).string(VERSION).array());
            assertThat(c.expectEject(125)).isEqualTo("Client DC hash mismatch: client=0xabc, server=0x" + Long.toHexString(cluster.ca.hash()));
        }
    }

    @Test
    void aManualHashReplacesTheComputedOne() throws Exception {
        ClientAgentConfig d = AstronCluster.config();
        start(new ClientAgentConfig(d.bind(), null, "/", VERSION, 0xABCD1234L, d.channelMin(), d.channelMax(), d.heartbeatTimeout(),
                false, d.interests(), d.maxDatagramSize(), d.interestTimeout(), d.maxOutboundBytes(), false, null, d.helloTimeout(), d.anonymousTimeout()));
        try (RawClient c = cluster.client()) {
            c.hello(0xABCD1234L, VERSION);
        }
    }

    @Test
    void aFirstMessageOtherThanHelloIs107() throws Exception {
        start(AstronCluster.config());
        try (RawClient c = cluster.client()) {
            c.send(Bytes.le().u16(ClientMessageType.HEARTBEAT.id()).array());
            assertThat(c.expectEject(107)).isEqualTo("First packet is not CLIENT_HELLO");
        }
    }

    @Test
    void messagesTheStateDoesNotAllowAre108() throws Exception {
        start(AstronCluster.config());
        try (RawClient c = cluster.anonymousClient()) {
            c.send(Bytes.le().u16(ClientMessageType.ADD_INTEREST.id()).u32(1).u16(1).u32(1).u32(1).array());
            assertThat(c.expectEject(108)).isEqualTo("Message type 200 not allowed prior to authentication.");
        }
    }

    @Test
    void aTruncatedDatagramIs109() throws Exception {
        start(AstronCluster.config());
        try (RawClient c = cluster.client()) {
            c.send(Bytes.le().u16(1).u32(cluster.ca.hash()).u16(40).array());
            assertThat(c.expectEject(109)).isEqualTo("Datagram unexpectedly ended while iterating.");
        }
        try (RawClient c = cluster.client()) {
            c.send(new byte[0]);
            c.send(new byte[0]);
            assertThat(c.expectEject(109)).isEqualTo("Datagram unexpectedly ended while iterating.");
        }
    }

    @Test
    void excessDataAndOversizedDatagramsAre106() throws Exception {
        ClientAgentConfig d = AstronCluster.config();
        start(new ClientAgentConfig(d.bind(), null, "/", VERSION, 0, d.channelMin(), d.channelMax(), d.heartbeatTimeout(),
                false, d.interests(), 64, d.interestTimeout(), d.maxOutboundBytes(), false, null, d.helloTimeout(), d.anonymousTimeout()));
        try (RawClient c = cluster.anonymousClient()) {
            c.send(Bytes.le().u16(ClientMessageType.HEARTBEAT.id()).u8(0).array());
            assertThat(c.expectEject(106)).isEqualTo("Datagram contains excess data.");
        }
        try (RawClient c = cluster.anonymousClient()) {
            c.send(new byte[65]);
            assertThat(c.expectEject(106)).isEqualTo("Datagram of 65 bytes is larger than the limit of 64.");
        }
    }

    @Test
    void aSilentClientIsEjectedWith345() throws Exception {
        ClientAgentConfig d = AstronCluster.config();
        start(new ClientAgentConfig(d.bind(), null, "/", VERSION, 0, d.channelMin(), d.channelMax(), Duration.ofMillis(300),
                false, d.interests(), d.maxDatagramSize(), d.interestTimeout(), d.maxOutboundBytes(), false, null, d.helloTimeout(), d.anonymousTimeout()));
        try (RawClient c = cluster.anonymousClient()) {
            cluster.clock.advance(Duration.ofMillis(300));
            assertThat(c.expectEject(345)).isEqualTo("Server timed out while waiting for heartbeat.");
        }
        await("counted as the client's fault").until(() -> {
            var faults = cluster.meters.find("gatehouse.client.faults").tag("front", "astron").tag("kind", "no_heartbeat").counter();
            return faults != null && faults.count() == 1;
        });
    }

    @Test
    void aFullChannelRangeRefusesTheNextClient() throws Exception {
        ClientAgentConfig d = AstronCluster.config();
        start(new ClientAgentConfig(new HostPort("127.0.0.1", 0), null, "/", VERSION, 0, 100_000, 100_000, d.heartbeatTimeout(),
                false, d.interests(), d.maxDatagramSize(), d.interestTimeout(), d.maxOutboundBytes(), false, null, d.helloTimeout(), d.anonymousTimeout()));
        try (RawClient first = cluster.anonymousClient(); RawClient second = cluster.client()) {
            assertThat(second.expectEject(1)).isEqualTo("Client capacity reached");
        }
    }

    @Test
    void randomDatagramsEndInAnEjectAndTheAgentKeepsServing() throws Exception {
        start(AstronCluster.config());
        java.util.Random random = new java.util.Random(11);
        for (int round = 0; round < 20; round++) {
            try (RawClient c = cluster.anonymousClient()) {
                byte[] garbage = new byte[1 + random.nextInt(40)];
                random.nextBytes(garbage);
                c.send(garbage);
                c.send(garbage);
                byte[] reply = c.receive();
                assertThat(reply[0] | reply[1] << 8).as("an eject, whatever the garbage").isEqualTo(ClientMessageType.EJECT.id());
                assertThat(c.closedByServer()).isTrue();
            }
        }
        try (RawClient c = cluster.anonymousClient()) {
            c.send(Bytes.le().u16(ClientMessageType.HEARTBEAT.id()).array());
            c.send(Bytes.le().u16(ClientMessageType.DISCONNECT.id()).array());
            assertThat(c.closedByServer()).isTrue();
        }
    }
}
