package io.gatehouse.astron.clientagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.astron.md.DatagramOverflowException;
import io.gatehouse.astron.message.ClientMessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** A datagram to a client, and a string in one, never carry a wrapped length tag. */
class ClientFrameTest {

    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    @Test
    void theLongestFrameIsBuilt() {
        ByteBuf f = ClientFrame.of(ALLOC, ClientMessageType.EJECT).bytes(Unpooled.wrappedBuffer(new byte[0xFFFF - 2])).build();
        assertThat(f.getUnsignedShortLE(0)).isEqualTo(0xFFFF);
        f.release();
    }

    @Test
    void aLongerFrameIsRefused() {
        ClientFrame f = ClientFrame.of(ALLOC, ClientMessageType.EJECT).bytes(Unpooled.wrappedBuffer(new byte[0xFFFF - 1]));
        assertThatThrownBy(f::build).isInstanceOf(DatagramOverflowException.class)
                .hasMessage("client datagram 65536 bytes (max 65535)");
    }

    @Test
    void aStringLongerThanItsTagMakesTheFrameNotFit() {
        ClientFrame f = ClientFrame.of(ALLOC, ClientMessageType.EJECT).string("x".repeat(0x10000));
        assertThat(f.fits()).isFalse();
        assertThat(f.length()).isEqualTo(2 + 2 + 0x10000);
        f.discard();
        ClientFrame fitting = ClientFrame.of(ALLOC, ClientMessageType.EJECT).string("x".repeat(0xFFFF - 4));
        assertThat(fitting.fits()).isTrue();
        fitting.discard();
    }

    @Test
    void aRawDatagramLongerThanItsTagIsRefused() {
        ByteBuf raw = Unpooled.wrappedBuffer(new byte[0x10000]);
        assertThatThrownBy(() -> ClientFrame.raw(ALLOC, raw)).isInstanceOf(DatagramOverflowException.class)
                .hasMessage("client datagram 65536 bytes (max 65535)");
        ByteBuf framed = ClientFrame.raw(ALLOC, Unpooled.wrappedBuffer(new byte[0xFFFF]));
        assertThat(framed.getUnsignedShortLE(0)).isEqualTo(0xFFFF);
        framed.release();
    }
}
