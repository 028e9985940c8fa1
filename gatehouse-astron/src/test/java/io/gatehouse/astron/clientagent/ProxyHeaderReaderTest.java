package io.gatehouse.astron.clientagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The PROXY header fed a byte at a time: what it names is kept, and what follows it passes on untouched. */
class ProxyHeaderReaderTest {

    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final byte[] AFTER = {0x02, 0x00, 0x05, 0x00};

    private static EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ProxyHeaderReader.install(ch);
        return ch;
    }

    private static byte[] byteAtATime(EmbeddedChannel ch, byte[] bytes) {
        for (byte b : bytes) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf in; (in = ch.readInbound()) != null; ) {
            all.writeBytes(in);
            in.release();
        }
        byte[] out = ByteBufUtil.getBytes(all);
        all.release();
        return out;
    }

    @Test
    void aVersion2HeaderWithAnUnparsedTlvArea() {
        byte[] tlvs = {0x03, 0x00, 0x09, 0x01};
        ByteBuffer b = ByteBuffer.allocate(16 + 12 + tlvs.length + AFTER.length);
        b.put(V2_SIGNATURE).put((byte) 0x21).put((byte) 0x11).putShort((short) (12 + tlvs.length));
        b.put(new byte[] {(byte) 198, 51, 100, 9, 10, 0, 0, 5}).putShort((short) 40000).putShort((short) 7198).put(tlvs).put(AFTER);
        EmbeddedChannel ch = channel();
        assertThat(byteAtATime(ch, b.array())).as("the bytes after the header, untouched").containsExactly(AFTER);
        ProxyHeaderReader.Proxied p = ProxyHeaderReader.of(ch);
        assertThat(p.remoteIp()).isEqualTo("198.51.100.9");
        assertThat(p.remotePort()).isEqualTo(40000);
        assertThat(p.localIp()).isEqualTo("10.0.0.5");
        assertThat(p.localPort()).isEqualTo(7198);
        assertThat(HexFormat.of().formatHex(p.tlvs())).isEqualTo("03000901");
        assertThat(ch.pipeline().get(ProxyHeaderReader.class)).as("the reader has left").isNull();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void aVersion1HeaderGoesToNettysDecoder() {
        byte[] line = "PROXY TCP4 203.0.113.7 10.0.0.5 51000 7198\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] all = ByteBuffer.allocate(line.length + AFTER.length).put(line).put(AFTER).array();
        EmbeddedChannel ch = channel();
        assertThat(byteAtATime(ch, all)).containsExactly(AFTER);
        assertThat(ProxyHeaderReader.of(ch).remoteIp()).isEqualTo("203.0.113.7");
        assertThat(ProxyHeaderReader.of(ch).tlvs()).isEmpty();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void aVersion2HeaderTooShortForItsAddressesFails() {
        ByteBuffer b = ByteBuffer.allocate(16 + 4);
        b.put(V2_SIGNATURE).put((byte) 0x21).put((byte) 0x11).putShort((short) 4).putInt(0);
        EmbeddedChannel ch = channel();
        assertThatThrownBy(() -> byteAtATime(ch, b.array())).isInstanceOf(HAProxyProtocolException.class)
                .hasMessage("PROXY v2 body of 4 bytes (at least 12)");
        assertThat(ProxyHeaderReader.of(ch)).isNull();
        ch.finishAndReleaseAll();
    }
}
