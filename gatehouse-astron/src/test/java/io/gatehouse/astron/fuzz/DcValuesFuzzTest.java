package io.gatehouse.astron.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gatehouse.astron.dc.DcField;
import io.gatehouse.astron.dc.DcFile;
import io.gatehouse.astron.dc.DcParser;
import io.gatehouse.astron.dc.DcValues;
import io.gatehouse.astron.dc.DcWire;
import io.gatehouse.astron.md.DatagramOverflowException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The DC value reader, {@link DcValues#unpack}, on arbitrary bytes against the fields of
 * game.dc (every kind of type: numbers with divisors, strings, blobs, fixed and variable
 * arrays, structs, molecular fields). The input's first two bytes pick the field (little-endian,
 * modulo the number of fields); the rest is the value. What must hold: it yields the values or
 * throws {@link IndexOutOfBoundsException} (a value cut short), nothing else; the wire walker
 * {@link DcWire#skipField} ends a value the reader read at the same byte (it is laxer the other
 * way: like astrond's, it skips a variable-length array by its length tag alone); and
 * encoding is a fixed point: packing what was read, reading that back and packing it again
 * gives the same bytes. Packing what was read may be refused only for a value with bytes
 * above 0x7F, where a string decoded lossily (bytes that are not UTF-8 come back as U+FFFD,
 * which no longer fits a fixed length or, tripled, a length tag).
 */
class DcValuesFuzzTest {

    private static final DcFile DC = load();

    private static DcFile load() {
        try (InputStream in = DcValuesFuzzTest.class.getResourceAsStream("/dc/game.dc")) {
            return DcParser.parse("game.dc", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void unpack(byte[] input) {
        if (input.length < 2) {
            return;
        }
        DcField field = DC.field(((input[0] & 0xFF) | (input[1] & 0xFF) << 8) % DC.fieldCount());
        byte[] value = Arrays.copyOfRange(input, 2, input.length);
        ByteBuf in = Unpooled.wrappedBuffer(value);
        ByteBuf walked = Unpooled.wrappedBuffer(value);
        List<Object> values;
        try {
            values = DcValues.unpack(field, in);
        } catch (IndexOutOfBoundsException cutShort) {
            // the walker may still pass over it: it skips a variable-length array by its length
            // tag, as astrond's does, where the reader finds the last element cut short
            return;
        }
        assertThat(DcWire.skipField(field, walked)).as("the walker reads a value the reader read").isTrue();
        assertThat(walked.readerIndex()).as("reader and walker end the value at the same byte").isEqualTo(in.readerIndex());

        byte[] packed;
        try {
            packed = DcValues.pack(field, values);
        } catch (IllegalArgumentException | DatagramOverflowException lossy) {
            assertThat(notAscii(value, in.readerIndex())).as("only a lossy string decoding refuses to pack: %s", lossy.getMessage()).isTrue();
            return;
        }
        ByteBuf again = Unpooled.wrappedBuffer(packed);
        List<Object> reread = DcValues.unpack(field, again);
        assertThat(again.isReadable()).as("a packed value is read whole").isFalse();
        assertThat(DcValues.pack(field, reread)).as("pack, unpack, pack: a fixed point").isEqualTo(packed);
    }

    /** Whether the first {@code length} bytes hold one above 0x7F, which a string may have decoded lossily. */
    private static boolean notAscii(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return true;
            }
        }
        return false;
    }
}
