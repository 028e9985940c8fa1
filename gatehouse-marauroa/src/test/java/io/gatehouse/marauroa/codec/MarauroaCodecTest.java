package io.gatehouse.marauroa.codec;

import static io.gatehouse.marauroa.codec.Frames.decode;
import static io.gatehouse.marauroa.codec.Frames.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.marauroa.codec.MarauroaCodec.Envelope;
import io.gatehouse.marauroa.game.RPClasses;
import io.gatehouse.marauroa.message.AccountResult;
import io.gatehouse.marauroa.message.LoginNackReason;
import io.gatehouse.marauroa.message.MarauroaMessage;
import io.gatehouse.marauroa.message.MarauroaMessage.*;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frames of docs/protocol/marauroa.md, byte for byte, both ways. */
class MarauroaCodecTest {


    @Test
    void theHeaderAndTheLoginRequest() {
        // size 21 (itself included), version 35, type 2, client id -1, timestamp, "gh", "1.0" as 255-long strings
        String frame = "15000000 23 02 ffffffff 04030201 02 6768 03 312e30".replace(" ", "");
        assertThat(encode(new LoginRequestKey("gh", "1.0"), 35, -1)).isEqualTo(frame);
        Envelope e = decode(frame);
        assertThat(e.version()).isEqualTo(35);
        assertThat(e.clientId()).isEqualTo(-1);
        assertThat(e.timestamp()).isEqualTo(0x01020304);
        assertThat(e.message()).isEqualTo(new LoginRequestKey("gh", "1.0"));
    }

    @Test
    void loginMessagesFollowTheirLayouts() {
        assertThat(encode(new LoginSendKey(new byte[] {0x00, (byte) 0xc3}, new byte[] {0x01, 0x00, 0x01}), 35, -1))
                .isEqualTo("1b000000 23 0f ffffffff 04030201 02000000 00c3 03000000 010001".replace(" ", ""));
        assertThat(encode(new LoginSendNonce(new byte[] {9, 8}), 35, 7))
                .isEqualTo("14000000 23 10 07000000 04030201 02000000 0908".replace(" ", ""));
        assertThat(encode(new LoginAck(List.of("Login successful at x")), 35, 7))
                .isEqualTo("25000000 23 0d 07000000 04030201 01 15 4c6f67696e207375636365737366756c206174 2078".replace(" ", ""));
        assertThat(encode(new LoginNack(LoginNackReason.SERVER_IS_FULL), 35, -1))
                .isEqualTo("0f000000 23 0e ffffffff 04030201 03".replace(" ", ""));
        assertThat(encode(new LoginMessageNack("ban"), 35, -1)).as("16-bit length from version 34")
                .isEqualTo("13000000 23 1f ffffffff 04030201 0300 62616e".replace(" ", ""));
        assertThat(encode(new LoginMessageNack("ban"), 33, -1)).as("8-bit length before")
                .isEqualTo("12000000 21 1f ffffffff 04030201 03 62616e".replace(" ", ""));
        assertThat(encode(new CreateAccountNack(AccountResult.FAILED_PLAYER_EXISTS), 35, -1))
                .isEqualTo("0f000000 23 19 ffffffff 04030201 04".replace(" ", ""));
        assertThat(encode(new CharacterList(List.of(), List.of()), 35, 7)).as("names, then objects from version 32")
                .isEqualTo("16000000 23 09 07000000 04030201 00000000 00000000".replace(" ", ""));
        assertThat(encode(new LogoutAck(), 35, 7)).isEqualTo("0e000000 23 11 07000000 04030201".replace(" ", ""));
    }

    @Test
    void clientMessagesAreRead() {
        Envelope promise = decode("17000000 23 04 ffffffff 00000000 02000000 0102 02 6465".replace(" ", ""));
        assertThat(promise.message()).isInstanceOfSatisfying(LoginSendPromise.class, p -> {
            assertThat(p.nonceHash()).containsExactly(1, 2);
            assertThat(p.language()).isEqualTo("de");
        });
        Envelope noLanguage = decode("14000000 23 04 ffffffff 00000000 02000000 0102".replace(" ", ""));
        assertThat(((LoginSendPromise) noLanguage.message()).language()).isNull();

        Envelope login = decode("23000000 23 03 07000000 00000000 02000000 0a0b 03000000 616e6e 04000000 01020304".replace(" ", ""));
        assertThat(login.message()).isInstanceOfSatisfying(LoginSendNonceNameAndPassword.class, l -> {
            assertThat(l.nonce()).containsExactly(10, 11);
            assertThat(l.username()).isEqualTo("ann");
            assertThat(l.encryptedPassword()).containsExactly(1, 2, 3, 4);
        });
        assertThat(decode("12000000 23 05 07000000 00000000 01000000".replace(" ", "")).message()).isEqualTo(new Logout(1));
        assertThat(decode("0e000000 23 05 07000000 00000000".replace(" ", "")).message()).isEqualTo(new Logout(0));
        assertThat(decode("0e000000 23 08 07000000 00000000".replace(" ", "")).message()).isEqualTo(new KeepAlive());
    }

    @Test
    void theServerInfoIsZlibCompressedAndRoundTrips() {
        RPClasses classes = new io.gatehouse.marauroa.example.WalkAndChat().classes();
        ByteBuf b = MarauroaCodec.encode(new Envelope(35, 7, 0, new ServerInfo(List.of("Gatehouse", "v1"), classes)), ByteBufAllocator.DEFAULT);
        b.skipBytes(4);
        byte[] body = new byte[b.readableBytes() - MarauroaCodec.HEADER - 4];
        b.getBytes(b.readerIndex() + MarauroaCodec.HEADER + 4, body);
        assertThat(body[0]).as("a zlib header").isEqualTo((byte) 0x78);
        ServerInfo back = (ServerInfo) MarauroaCodec.decode(b, new RPClasses()).message();
        assertThat(back.contents()).containsExactly("Gatehouse", "v1");
        assertThat(back.classes().all()).extracting(c -> c.name()).containsExactly("entity", "player", "chat", "item");
        assertThat(back.classes().get("player").parent().name()).isEqualTo("entity");
        b.release();
    }

    @Test
    void charactersGoWithTheirObjects() {
        RPClasses classes = new io.gatehouse.marauroa.example.WalkAndChat().classes();
        io.gatehouse.marauroa.game.RPObject hero = new io.gatehouse.marauroa.game.RPObject(classes.get("player"))
                .put("name", "hero").put("x", 1).put("y", 2).put("logins", 3);
        ByteBuf b = MarauroaCodec.encode(new Envelope(35, 7, 0, new CharacterList(List.of("hero"), List.of(hero))), ByteBufAllocator.DEFAULT);
        b.skipBytes(4);
        CharacterList back = (CharacterList) MarauroaCodec.decode(b, classes).message();
        assertThat(back.characters()).containsExactly("hero");
        assertThat(back.objects().get(0).attributes()).as("the normal level: not the private logins")
                .containsExactly(java.util.Map.entry("name", "hero"), java.util.Map.entry("x", "1"), java.util.Map.entry("y", "2"));
        b.release();
    }

    @Test
    void badFramesAreErrorsNotCrashes() {
        assertThatThrownBy(() -> decode("0e000000 1e 02 ffffffff 00000000".replace(" ", "")))
                .isInstanceOfSatisfying(UnsupportedVersionException.class, e -> assertThat(e.version()).isEqualTo(30));
        assertThatThrownBy(() -> decode("0e000000 51 02 ffffffff 00000000".replace(" ", ""))).isInstanceOf(UnsupportedVersionException.class);
        assertThatThrownBy(() -> decode("0e000000 23 63 ffffffff 00000000".replace(" ", "")))
                .isInstanceOf(MarauroaFormatException.class).hasMessageContaining("type 99");
        assertThatThrownBy(() -> decode("13000000 23 03 ffffffff 00000000 05000000 01".replace(" ", "")))
                .isInstanceOf(MarauroaFormatException.class).hasMessageContaining("short");
        assertThatThrownBy(() -> decode("12000000 23 03 ffffffff 00000000 ffffff7f".replace(" ", "")))
                .isInstanceOf(MarauroaFormatException.class).hasMessageContaining("limit");
    }

    @Test
    void aPerceptionHasASharedCompressedPartAndAPrivateOne() {
        RPClasses classes = new io.gatehouse.marauroa.example.WalkAndChat().classes();
        io.gatehouse.marauroa.game.RPObject hero = new io.gatehouse.marauroa.game.RPObject(classes.get("player"))
                .put("id", 1).put("name", "hero").put("x", 2).put("y", 3).put("logins", 4);
        io.gatehouse.marauroa.game.RPObject mine = new io.gatehouse.marauroa.game.RPObject(classes.get("player")).put("id", 1).put("logins", 4);
        var p = new io.gatehouse.marauroa.game.Perception(io.gatehouse.marauroa.game.Perception.SYNC, "town",
                List.of(hero), List.of(), List.of(), List.of());
        ByteBuf b = MarauroaCodec.encode(new Envelope(35, 7, 0, new PerceptionMessage(p, 5, mine, null)), ByteBufAllocator.DEFAULT);
        b.skipBytes(4 + MarauroaCodec.HEADER);
        byte[] zlib = new byte[b.readIntLE()];
        b.readBytes(zlib);
        String shared = ByteBufUtil.hexDump(MarauroaCodec.inflate(zlib));
        assertThat(shared).as("type SYNC, zone \"town\", one added object").startsWith("01" + "04000000746f776e" + "01000000");
        assertThat(shared).as("then no modified-added, modified-deleted or deleted").endsWith("00000000" + "00000000" + "00000000");
        byte[] own = new byte[b.readIntLE()];
        b.readBytes(own);
        assertThat(ByteBufUtil.hexDump(own)).as("timestamp 5, my object at PRIVATE, no deleted part")
                .startsWith("05000000" + "01" + "06000000706c61796572").endsWith("00");
        b.resetReaderIndex();
        b.skipBytes(4);
        PerceptionMessage back = (PerceptionMessage) MarauroaCodec.decode(b, classes).message();
        assertThat(back.timestamp()).isEqualTo(5);
        assertThat(back.perception().added().get(0).attributes()).as("NORMAL: the private logins are not shared")
                .doesNotContainKey("logins").containsEntry("name", "hero");
        assertThat(back.myAdded().attributes()).containsEntry("logins", "4");
        assertThat(back.myDeleted()).isNull();
        b.release();
    }

    @Test
    void anActionIsAttributesAndAnOptionalWindowByte() {
        io.gatehouse.marauroa.game.RPObject move = new io.gatehouse.marauroa.game.RPObject(new RPClasses().get("")).put("type", "move");
        String hex = encode(new Action(move, 1), 35, 7);
        // default class "", one attribute by name (-1, "type"), very long string "move", then the window byte
        assertThat(hex).isEqualTo("29000000 23 00 07000000 04030201 00000000 01000000 ffff 04000000 74797065 04000000 6d6f7665 01".replace(" ", ""));
        Envelope back = decode(hex);
        assertThat(((Action) back.message()).action().get("type")).isEqualTo("move");
        assertThat(((Action) back.message()).window()).isEqualTo(1);
    }
}
