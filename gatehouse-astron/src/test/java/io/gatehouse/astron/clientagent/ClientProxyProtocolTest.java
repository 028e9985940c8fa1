package io.gatehouse.astron.clientagent;

import static io.gatehouse.astron.clientagent.AstronCluster.LOGIN;
import static io.gatehouse.astron.clientagent.AstronCluster.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.astron.clientagent.AstronCluster.Received;
import io.gatehouse.astron.message.ClientAgentMessageType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code haproxy: true} (docs/protocol/astron.md, section 11): the PROXY header before the
 * first datagram names the client's real address, which game servers then learn through
 * CLIENTAGENT_GET_NETWORK_ADDRESS, and its v2 TLVs, through CLIENTAGENT_GET_TLVS.
 */
class ClientProxyProtocolTest extends GameServerTestBase {

    /** HAProxy's v2 signature. */
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    @BeforeEach
    void behindHaproxy() throws Exception {
        ClientAgentConfig d = AstronCluster.config();
        gs.close();
        cluster.close();
        cluster = new AstronCluster(new ClientAgentConfig(d.bind(), null, "/", d.version(), 0, d.channelMin(), d.channelMax(),
                d.heartbeatTimeout(), false, d.interests(), d.maxDatagramSize(), d.interestTimeout(), d.maxOutboundBytes(), true, null, d.helloTimeout(), d.anonymousTimeout()));
        gs = cluster.gameServer(GS, LOGIN);
    }

    private Received ask(long channel, int type, long context) throws Exception {
        send(gs, channel, GS, type, Bytes.le().u32(context));
        return Received.of(gs.receive());
    }

    @Test
    void aVersion1HeaderNamesTheClientsRealAddress() throws Exception {
        try (RawClient c = cluster.client()) {
            c.sendRaw("PROXY TCP4 203.0.113.7 10.0.0.5 51000 7198\r\n".getBytes(StandardCharsets.US_ASCII));
            long channel = establish(cluster, gs, c);
            assertThat(ask(channel, ClientAgentMessageType.GET_NETWORK_ADDRESS.id(), 5).argsHex())
                    .isEqualTo(Bytes.le().u32(5).string("203.0.113.7").u16(51000).string("10.0.0.5").u16(7198).hex());
            assertThat(ask(channel, ClientAgentMessageType.GET_TLVS.id(), 6).argsHex()).as("v1 has no TLVs").isEqualTo(Bytes.le().u32(6).u16(0).hex());
        }
    }

    @Test
    void aVersion2HeaderNamesTheAddressAndCarriesItsTlvs() throws Exception {
        byte[] tlv = {0x01, 0x00, 0x02, 'h', '2'};
        ByteBuffer header = ByteBuffer.allocate(16 + 12 + tlv.length);
        header.put(V2_SIGNATURE).put((byte) 0x21).put((byte) 0x11).putShort((short) (12 + tlv.length));
        header.put(new byte[] {(byte) 198, 51, 100, 9}).put(new byte[] {10, 0, 0, 5}).putShort((short) 40000).putShort((short) 7198);
        header.put(tlv);
        try (RawClient c = cluster.client()) {
            c.sendRaw(header.array());
            long channel = establish(cluster, gs, c);
            assertThat(ask(channel, ClientAgentMessageType.GET_NETWORK_ADDRESS.id(), 7).argsHex())
                    .isEqualTo(Bytes.le().u32(7).string("198.51.100.9").u16(40000).string("10.0.0.5").u16(7198).hex());
            assertThat(ask(channel, ClientAgentMessageType.GET_TLVS.id(), 8).argsHex())
                    .isEqualTo(Bytes.le().u32(8).u16(tlv.length).hex() + Bytes.hex(tlv));
        }
    }

    @Test
    void aVersion2TlvAreaIsPassedOnAsBytesWellFormedOrNot() throws Exception {
        byte[] tlvs = {0x01, 0x00, 0x05, 'h', '2', (byte) 0xEE};
        ByteBuffer header = ByteBuffer.allocate(16 + 36 + tlvs.length);
        header.put(V2_SIGNATURE).put((byte) 0x21).put((byte) 0x21).putShort((short) (36 + tlvs.length));
        byte[] source = new byte[16];
        source[0] = 0x20;
        source[1] = 0x01;
        source[2] = 0x0d;
        source[3] = (byte) 0xb8;
        source[15] = 7;
        byte[] destination = new byte[16];
        destination[15] = 1;
        header.put(source).put(destination).putShort((short) 40001).putShort((short) 7198).put(tlvs);
        try (RawClient c = cluster.client()) {
            c.sendRaw(header.array());
            long channel = establish(cluster, gs, c);
            assertThat(ask(channel, ClientAgentMessageType.GET_NETWORK_ADDRESS.id(), 7).argsHex())
                    .isEqualTo(Bytes.le().u32(7).string("2001:db8::7").u16(40001).string("::1").u16(7198).hex());
            assertThat(ask(channel, ClientAgentMessageType.GET_TLVS.id(), 8).argsHex()).as("a TLV cut short, and a stray byte, as sent")
                    .isEqualTo(Bytes.le().u32(8).u16(tlvs.length).hex() + Bytes.hex(tlvs));
        }
    }

    @Test
    void aVersion2HeaderOfAnotherTransportIsClosed() throws Exception {
        ByteBuffer header = ByteBuffer.allocate(16 + 12);
        header.put(V2_SIGNATURE).put((byte) 0x21).put((byte) 0x12).putShort((short) 12).put(new byte[12]);
        try (RawClient c = cluster.client()) {
            c.sendRaw(header.array());
            assertThat(c.closedByServer()).as("UDP over a stream: astrond refuses it").isTrue();
        }
    }

    @Test
    void aLocalHeaderKeepsTheSocketsAddress() throws Exception {
        ByteBuffer header = ByteBuffer.allocate(16);
        header.put(V2_SIGNATURE).put((byte) 0x20).put((byte) 0x11).putShort((short) 0);
        try (RawClient c = cluster.client()) {
            c.sendRaw(header.array());
            long channel = establish(cluster, gs, c);
            assertThat(ask(channel, ClientAgentMessageType.GET_NETWORK_ADDRESS.id(), 9).argsHex())
                    .startsWith(Bytes.le().u32(9).string("127.0.0.1").hex());
        }
        ByteBuffer unspecified = ByteBuffer.allocate(16);
        unspecified.put(V2_SIGNATURE).put((byte) 0x20).put((byte) 0x00).putShort((short) 0);
        try (RawClient c = cluster.client()) {
            c.sendRaw(unspecified.array());
            assertThat(c.closedByServer()).as("astrond checks the family before it looks at the command").isTrue();
        }
    }

    @Test
    void aConnectionWithoutTheHeaderIsClosed() throws IOException {
        try (RawClient c = cluster.client()) {
            byte[] notAHeader = new byte[200];
            Arrays.fill(notAHeader, (byte) 'x');
            c.sendRaw(notAHeader);
            assertThat(c.closedByServer()).isTrue();
        }
    }
}
