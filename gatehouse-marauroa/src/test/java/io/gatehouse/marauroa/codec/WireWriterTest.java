package io.gatehouse.marauroa.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every length prefix WireWriter writes says the true length, or the write is refused (spec section 2). */
class WireWriterTest {

    private final ByteBuf out = Unpooled.buffer();

    @AfterEach
    void release() {
        out.release();
    }

    @Test
    void a255LongArrayTakesAtMost255Bytes() {
        new WireWriter(out).write255ByteArray(new byte[255]);
        assertThat(out.getUnsignedByte(0)).isEqualTo((short) 255);
        out.clear();
        assertThatThrownBy(() -> new WireWriter(out).write255ByteArray(new byte[256]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a 255-long array of 256 bytes");
        assertThatThrownBy(() -> new WireWriter(out).write255String("é".repeat(128)))
                .as("the limit is on the UTF-8 bytes").isInstanceOf(IllegalArgumentException.class);
        assertThat(out.readableBytes()).as("nothing written").isZero();
    }

    @Test
    void a65536LongArrayTakesAtMost32767Bytes() {
        new WireWriter(out).write65536ByteArray(new byte[Short.MAX_VALUE]);
        assertThat(out.getShortLE(0)).isEqualTo(Short.MAX_VALUE);
        out.clear();
        assertThatThrownBy(() -> new WireWriter(out).write65536String("x".repeat(Short.MAX_VALUE + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a 65536-long array of 32768 bytes");
        assertThat(out.readableBytes()).as("nothing written").isZero();
    }

    @Test
    void aByteArrayCarriesItsLength() {
        new WireWriter(out).writeByteArray(new byte[70_000]);
        assertThat(out.getIntLE(0)).isEqualTo(70_000);
        assertThat(out.readableBytes()).isEqualTo(4 + 70_000);
    }
}
