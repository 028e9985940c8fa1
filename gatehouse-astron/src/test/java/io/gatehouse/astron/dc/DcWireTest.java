package io.gatehouse.astron.dc;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DcWireTest {

    private static final DcFile DC = DcParser.read(List.of(DcHashTest.dc("game.dc")));

    private static ByteBuf hex(String s) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(s.replace(" ", "")));
    }

    private static int length(String clazz, String field, String bytes) {
        ByteBuf b = hex(bytes);
        int used = DcWire.length(DC.classByName(clazz).field(field), b);
        assertThat(b.readerIndex()).as("the reader index does not move").isZero();
        b.release();
        return used;
    }

    @Test
    void lengthsFollowTheTypes() {
        // setName(string(3-16)): uint16 length + bytes
        assertThat(length("DistributedAvatar", "setName", "0300 616263 ff")).isEqualTo(5);
        // setXYH : setX, setY, setH — three int16
        assertThat(length("DistributedAvatar", "setXYH", "0100 0200 0300 ff")).isEqualTo(6);
        // setInventory(Item items[0-20]): uint16 byte length, then Items of uint16 + string + uint8
        assertThat(length("DistributedAvatar", "setInventory", "0700 0100 0200 6869 05")).isEqualTo(9);
        // setGrid(uint8 cells[3][3]): 9 fixed bytes
        assertThat(length("DistributedZone", "setGrid", "000102030405060708 ff")).isEqualTo(9);
        // setSpawn(Vec3): three float64
        assertThat(length("DistributedZone", "setSpawn", "00".repeat(24) + "ff")).isEqualTo(24);
        // setBlob(blob, blob(8), char, char[4])
        assertThat(length("DistributedAvatar", "setBlob", "0100 aa 0102030405060708 41 41424344")).isEqualTo(16);
    }

    @Test
    void truncatedValuesAreAnswerNotOverreads() {
        assertThat(length("DistributedAvatar", "setName", "0500 6162")).isEqualTo(DcWire.CUT_SHORT);
        assertThat(length("DistributedAvatar", "setXYH", "0100 02")).isEqualTo(DcWire.CUT_SHORT);
        assertThat(length("DistributedAvatar", "setInventory", "0900 0100 0500 6869")).isEqualTo(DcWire.CUT_SHORT);
        assertThat(length("DistributedAvatar", "setInventory", "0400 0100 0500")).as("an element runs past its array")
                .isEqualTo(DcWire.CUT_SHORT);
    }

    @Test
    void skippingACutShortValueLeavesTheReaderIndexWhereItWas() {
        ByteBuf b = hex("0100 0200 0300 0400 0500 6869");
        b.readerIndex(2);
        assertThat(DcWire.skipField(DC.classByName("DistributedAvatar").field("setInventory"), b)).isFalse();
        assertThat(b.readerIndex()).isEqualTo(2);
        b.release();
    }
}
