package io.gatehouse.marauroa.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.marauroa.codec.MarauroaFormatException;
import io.gatehouse.marauroa.codec.WireReader;
import io.gatehouse.marauroa.codec.WireWriter;
import io.gatehouse.marauroa.game.Definition.Type;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Objects and classes on the wire, at each detail level, byte for byte. */
class RPObjectCodecTest {

    /* Codes: id 1, zoneid 2, #clientid 3, #db_id 4, name 5, hp 6, secret 7, bag 8, say 9. */
    private static final RPClass PLAYER = new RPClass("player")
            .addAttribute("name", Type.STRING, Definition.STANDARD)
            .addAttribute("hp", Type.INT, Definition.PRIVATE)
            .addAttribute("secret", Type.STRING, Definition.HIDDEN)
            .addSlot("bag", 5, Definition.STANDARD)
            .addEvent("say", Definition.STANDARD);
    private static final RPClass SAY = new RPClass("say").addAttribute("text", Type.STRING, Definition.STANDARD);
    private static final RPClasses CLASSES = new RPClasses().add(PLAYER).add(SAY);

    private static RPObject ann() {
        RPObject o = new RPObject(PLAYER).put("id", 7).put("name", "ann").put("hp", 30).put("secret", "x");
        o.slot("bag").add(new RPObject(DefaultRPClass.INSTANCE).put("kind", "apple"));
        return o;
    }

    private static String hex(RPObject o, DetailLevel level, int version) {
        ByteBuf b = Unpooled.buffer();
        RPObjectCodec.write(o, level, version, new WireWriter(b));
        return ByteBufUtil.hexDump(b);
    }

    private static final String APPLE = "00000000" + "01000000" + "ffff" + "04000000" + "6b696e64" + "05000000" + "6170706c65"
            + "00" + "00000000" + "00000000" + "00000000" + "00000000";

    @Test
    void normalShowsWhatEveryoneSeesByCode() {
        String expected = "06000000" + "706c61796572" + "02000000"
                + "0100" + "07000000"
                + "0500" + "03" + "616e6e"
                + "00"
                + "01000000" + "0800" + "01000000" + APPLE
                + "00000000" + "00000000" + "00000000";
        assertThat(hex(ann(), DetailLevel.NORMAL, 35)).isEqualTo(expected);
    }

    @Test
    void privateAddsTheOwnersAttributes() {
        assertThat(hex(ann(), DetailLevel.PRIVATE, 35)).startsWith("06000000" + "706c61796572" + "03000000"
                + "0100" + "07000000" + "0500" + "03616e6e" + "0600" + "1e000000" + "00");
    }

    @Test
    void fullWritesEverythingStorableByNameAndReadsBack() {
        RPObject o = ann().hidden(false).storable(true);
        o.events().add(new RPEvent("say", SAY, Map.of("text", "hi")));
        String full = hex(o, DetailLevel.FULL, 35);
        assertThat(full).startsWith("06000000" + "706c61796572" + "04000000" + "ffff" + "02000000" + "6964" + "07000000");
        ByteBuf b = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(full));
        RPObject back = RPObjectCodec.read(new WireReader(b), CLASSES, 35);
        assertThat(b.isReadable()).isFalse();
        assertThat(back.attributes()).containsExactly(Map.entry("id", "7"), Map.entry("name", "ann"), Map.entry("hp", "30"),
                Map.entry("secret", "x"));
        assertThat(back.slot("bag")).singleElement().satisfies(item -> assertThat(item.get("kind")).isEqualTo("apple"));
        assertThat(back.events()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("say");
            assertThat(e.attributes()).containsEntry("text", "hi");
        });
        assertThat(back.storable()).isTrue();
    }

    @Test
    void normalObjectsReadBackThroughTheCodes() {
        ByteBuf b = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex(ann(), DetailLevel.NORMAL, 35)));
        RPObject back = RPObjectCodec.read(new WireReader(b), CLASSES, 35);
        assertThat(back.attributes()).containsExactly(Map.entry("id", "7"), Map.entry("name", "ann"));
    }

    @Test
    void versionsBeforeMapsHaveNoMapCount() {
        String v35 = hex(new RPObject(DefaultRPClass.INSTANCE), DetailLevel.NORMAL, 35);
        String v32 = hex(new RPObject(DefaultRPClass.INSTANCE), DetailLevel.NORMAL, 32);
        assertThat(v35.length() - v32.length()).as("one int fewer").isEqualTo(8);
    }

    @Test
    void theClassesGoOutAndComeBack() {
        ByteBuf b = Unpooled.buffer();
        CLASSES.write(new WireWriter(b));
        String hex = ByteBufUtil.hexDump(b);
        // 2 classes; "player", no parent; 7 attributes, the first: kind 1 (attribute), code 1, "id", capacity 0, no value, INT, STANDARD
        assertThat(hex).startsWith("02000000" + "06000000706c61796572" + "00" + "07000000" + "01" + "0100" + "02000000" + "6964"
                + "00000000" + "00" + "05" + "00");
        RPClasses back = RPClasses.read(new WireReader(b));
        assertThat(back.get("player").definition(Definition.Kind.RPSLOT, "bag").capacity()).isEqualTo(5);
        assertThat(back.get("player").nameOf(Definition.Kind.ATTRIBUTE, (short) 6)).isEqualTo("hp");
    }

    /** docs/protocol/marauroa.md, section 8: the class vector, built by hand from the spec. */
    @Test
    void aClassIsItsDefinitionsInOrder() {
        ByteBuf b = Unpooled.buffer();
        new RPClass("chat").addAttribute("text", Definition.Type.LONG_STRING, Definition.STANDARD).write(new WireWriter(b));
        assertThat(ByteBufUtil.hexDump(b)).isEqualTo("0400000063686174" + "00" + "05000000"
                + "01" + "0100" + "02000000" + "6964" + "00000000" + "00" + "05" + "00"
                + "01" + "0200" + "06000000" + "7a6f6e656964" + "00000000" + "00" + "03" + "02"
                + "01" + "0300" + "09000000" + "23636c69656e746964" + "00000000" + "00" + "05" + "06"
                + "01" + "0400" + "06000000" + "2364625f6964" + "00000000" + "00" + "05" + "02"
                + "01" + "0500" + "04000000" + "74657874" + "00000000" + "00" + "02" + "00"
                + "00000000" + "00000000" + "00000000" + "00000000");
        b.release();
    }

    @Test
    void hostileObjectsAreErrors() {
        assertThatThrownBy(() -> RPObjectCodec.read(new WireReader(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(
                "06000000706c61796572" + "01000000" + "6300"))), CLASSES, 35))
                .isInstanceOf(MarauroaFormatException.class).hasMessageContaining("code 99");
        assertThatThrownBy(() -> RPObjectCodec.read(new WireReader(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(
                "00000000" + "ffffff7f"))), CLASSES, 35))
                .isInstanceOf(MarauroaFormatException.class);
    }
}
