package io.gatehouse.marauroa.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.marauroa.codec.MarauroaCodec.Envelope;
import io.gatehouse.marauroa.codec.MarauroaMessageDecoder.Unreadable;
import io.gatehouse.marauroa.codec.MarauroaMessageDecoder.UnsupportedVersion;
import io.gatehouse.marauroa.game.RPClasses;
import io.gatehouse.marauroa.message.MarauroaMessage.KeepAlive;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** The pipeline stage turns each frame into a message or a value saying why not, and releases every frame. */
class MarauroaMessageDecoderTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new MarauroaMessageDecoder(new RPClasses()));

    @Test
    void aFrameBecomesItsEnvelope() {
        ByteBuf frame = MarauroaCodec.encode(new Envelope(MarauroaCodec.VERSION, 7, 0, new KeepAlive()), ByteBufAllocator.DEFAULT);
        frame.skipBytes(4);
        channel.writeInbound(frame);
        Envelope e = channel.readInbound();
        assertThat(e.message()).isEqualTo(new KeepAlive());
        assertThat(e.clientId()).isEqualTo(7);
        assertThat(frame.refCnt()).isZero();
    }

    @Test
    void aVersionOutsideTheRangeIsAValueCarryingIt() {
        ByteBuf frame = Unpooled.wrappedBuffer(new byte[] {90, 8, 0, 0, 0, 0, 0, 0, 0, 0});
        channel.writeInbound(frame);
        UnsupportedVersion u = channel.readInbound();
        assertThat(u.version()).isEqualTo(90);
        assertThat(frame.refCnt()).isZero();
    }

    @Test
    void bytesThatDoNotReadAreAnUnreadableValue() {
        ByteBuf frame = Unpooled.wrappedBuffer(new byte[] {(byte) MarauroaCodec.VERSION, 99, 0});
        channel.writeInbound(frame);
        assertThat((Object) channel.readInbound()).isInstanceOf(Unreadable.class);
        assertThat(frame.refCnt()).isZero();
    }
}
