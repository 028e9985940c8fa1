package io.gatehouse.astron.dc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.astron.md.DatagramOverflowException;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values packed and unpacked as Java objects, and the constraint checks the Client Agent ejects on. */
class DcValuesTest {

    private static final DcFile DC = DcParser.parse("v.dc", """
            struct Item {
                uint16 id;
                string name;
            };
            dclass Thing {
                setPos(int16/10 x, uint32 id) broadcast;
                setItems(Item items[]) broadcast;
                setName(string(1-4)) broadcast;
                setLevel(uint8 (1-10)) broadcast;
                setX(int16 x) broadcast;
                setY(int16 y) broadcast;
                setXY : setX, setY;
                setNote(string) broadcast;
                setData(blob) broadcast;
                setCodes(uint16 codes[]) broadcast;
                setTag(char tag[3]) broadcast;
                setTags(string(2) tags[]) broadcast;
                setRanks(uint8 (1-5) ranks[]) broadcast;
                setFixedRanks(uint8 (1-5) ranks[2]) broadcast;
                setLevels(uint16 (1-5) levels[]) broadcast;
            };
            """);

    private static DcField field(String name) {
        return DC.classByName("Thing").field(name);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void packAndUnpackRoundTrip() {
        byte[] pos = DcValues.pack(field("setPos"), List.of(-1.5, 7L));
        assertThat(hex(pos)).as("-15 as int16, then 7").isEqualTo("f1ff" + "07000000");
        assertThat(DcValues.unpack(field("setPos"), Unpooled.wrappedBuffer(pos))).containsExactly(-1.5, 7L);

        byte[] items = DcValues.pack(field("setItems"), List.of(List.of(List.of(1, "a"), List.of(2, "bc"))));
        assertThat(hex(items)).isEqualTo("0b00" + "0100" + "010061" + "0200" + "02006263");
        assertThat(DcValues.unpack(field("setItems"), Unpooled.wrappedBuffer(items)))
                .containsExactly(List.of(List.of(1L, "a"), List.of(2L, "bc")));

        byte[] xy = DcValues.pack(field("setXY"), List.of(3, -4));
        assertThat(hex(xy)).isEqualTo("0300" + "fcff");
        assertThat(DcValues.unpack(field("setXY"), Unpooled.wrappedBuffer(xy))).containsExactly(3L, -4L);
    }

    @Test
    void lengthTagsAreNeverWrapped() {
        assertThat(DcValues.pack(field("setNote"), List.of("a".repeat(0xFFFF)))).hasSize(2 + 0xFFFF);
        assertThatThrownBy(() -> DcValues.pack(field("setNote"), List.of("a".repeat(0x10000))))
                .isInstanceOf(DatagramOverflowException.class).hasMessage("string 65536 bytes (max 65535)");
        assertThatThrownBy(() -> DcValues.pack(field("setData"), List.of(new byte[0x10000])))
                .isInstanceOf(DatagramOverflowException.class).hasMessage("blob 65536 bytes (max 65535)");
        assertThatThrownBy(() -> DcValues.pack(field("setCodes"), List.of(Collections.nCopies(0x8000, 1))))
                .isInstanceOf(DatagramOverflowException.class).hasMessage("array 65536 bytes (max 65535)");
    }

    @Test
    void constraintsNameTheFirstViolation() {
        assertThat(check("setLevel", "05")).isNull();
        assertThat(check("setLevel", "0b")).isEqualTo("value 11 outside (1-10)");
        assertThat(check("setName", "03006162 63")).isNull();
        assertThat(check("setName", "0000")).isEqualTo("length 0 outside (1-4)");
        assertThat(check("setName", "050061626364 65")).isEqualTo("length 5 outside (1-4)");
    }

    @Test
    void stringBytesMustBeSevenBitAsciiAndBlobBytesMayBeAnything() {
        assertThat(check("setNote", "0200 617e")).isNull();
        assertThat(check("setNote", "0200 c3a9")).isEqualTo("string byte 0xc3 is not 7-bit ASCII");
        assertThat(check("setTag", "61 62 80")).as("a char array is a string too").isEqualTo("string byte 0x80 is not 7-bit ASCII");
        assertThat(check("setTags", "0400 6162 63ff")).as("strings inside an array").isEqualTo("string byte 0xff is not 7-bit ASCII");
        assertThat(check("setData", "0200 ff80")).as("a blob is not checked").isNull();
    }

    @Test
    void aBlobsBytesAreNotHeldToTheirElementRangeButAnArraysElementsAre() {
        assertThat(check("setRanks", "0200 0109")).as("astrond reads a blob whole").isNull();
        assertThat(check("setFixedRanks", "0109")).isNull();
        assertThat(check("setLevels", "0400 0100 0900")).isEqualTo("value 9 outside (1-5)");
    }

    @Test
    void aValueCutShortIsAProblemToo() {
        ByteBuf b = Unpooled.wrappedBuffer(HexFormat.of().parseHex("04000100"));
        assertThat(DcConstraints.check(field("setLevels"), b)).isEqualTo(new DcConstraints.Problem(true, "value needs 4 more bytes, 2 left"));
    }

    private static String check(String field, String bytes) {
        ByteBuf b = Unpooled.wrappedBuffer(HexFormat.of().parseHex(bytes.replace(" ", "")));
        DcConstraints.Problem p = DcConstraints.check(field(field), b);
        return p == null ? null : p.detail();
    }
}
