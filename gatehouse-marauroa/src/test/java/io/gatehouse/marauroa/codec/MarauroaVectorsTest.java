package io.gatehouse.marauroa.codec;

import static io.gatehouse.marauroa.codec.Frames.decode;
import static io.gatehouse.marauroa.codec.Frames.encode;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.marauroa.codec.MarauroaCodec.Envelope;
import io.gatehouse.marauroa.game.Content;
import io.gatehouse.marauroa.game.Perception;
import io.gatehouse.marauroa.game.RPClasses;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.message.AccountResult;
import io.gatehouse.marauroa.message.LoginNackReason;
import io.gatehouse.marauroa.message.MarauroaMessage;
import io.gatehouse.marauroa.message.MarauroaMessage.*;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One frame of every message type, as docs/protocol/marauroa.md (section 4, "Vectors of every
 * message") lays it out byte by byte: the message encodes to exactly those bytes, and those
 * bytes decode to a message of that type that encodes back to them. The vectors were built
 * from the spec's layouts by hand, not by this codec. Compressed bodies are checked in their
 * inflated form.
 */
class MarauroaVectorsTest {

    private static final Content TOWN_MAP = new Content("town.map", 1, "w=1".getBytes(StandardCharsets.UTF_8), true);

    record Vector(String name, int version, MarauroaMessage message, String hex) {
        int clientId() {
            return Integer.reverseBytes(Integer.parseUnsignedInt(hex.split(" ")[3], 16));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Vector vector(String name, int version, MarauroaMessage m, String hex) {
        return new Vector(name, version, m, hex);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static Stream<Vector> everyMessage() {
        return Stream.of(
                vector("C2S_ACTION move, window 0", 35, new Action(RPObject.withoutClass().put("type", "move"), 0),
                        "29000000 23 00 07000000 04030201 0000000001000000ffff0400000074797065040000006d6f766500"),
                vector("C2S_CHOOSECHARACTER hero", 35, new ChooseCharacter("hero"),
                        "16000000 23 01 07000000 04030201 040000006865726f"),
                vector("C2S_LOGIN_REQUESTKEY gh 1.0", 35, new LoginRequestKey("gh", "1.0"),
                        "15000000 23 02 ffffffff 04030201 02676803312e30"),
                vector("C2S_LOGIN_SENDNONCENAMEANDPASSWORD", 35, new LoginSendNonceNameAndPassword(bytes(0x0a, 0x0b), "ann", bytes(1, 2, 3, 4)),
                        "23000000 23 03 07000000 04030201 020000000a0b03000000616e6e0400000001020304"),
                vector("C2S_LOGIN_SENDPROMISE with language", 35, new LoginSendPromise(bytes(1, 2), "de"),
                        "17000000 23 04 ffffffff 04030201 020000000102026465"),
                vector("C2S_LOGOUT reason 1", 35, new Logout(1),
                        "12000000 23 05 07000000 04030201 01000000"),
                vector("C2S_OUTOFSYNC", 35, new OutOfSync(),
                        "0e000000 23 06 07000000 04030201"),
                vector("C2S_TRANSFER_ACK town.map wanted", 35, new TransferAck(Map.of("town.map", true)),
                        "1f000000 23 07 07000000 04030201 0100000008000000746f776e2e6d617001"),
                vector("C2S_KEEPALIVE", 35, new KeepAlive(),
                        "0e000000 23 08 07000000 04030201"),
                vector("S2C_CHARACTERLIST hero (empty object)", 35, new CharacterList(List.of("hero"), List.of(RPObject.withoutClass())),
                        "37000000 23 09 07000000 04030201 01000000040000006865726f0100000000000000000000000000000000000000000000000000000000"),
                vector("S2C_CHOOSECHARACTER_ACK", 35, new ChooseCharacterAck(),
                        "0e000000 23 0a 07000000 04030201"),
                vector("S2C_CHOOSECHARACTER_NACK", 35, new ChooseCharacterNack(),
                        "0e000000 23 0b 07000000 04030201"),
                vector("S2C_INVALIDMESSAGE", 35, new InvalidMessage("Invalid client version: Update client"),
                        "37000000 23 0c ffffffff 04030201 25000000496e76616c696420636c69656e742076657273696f6e3a2055706461746520636c69656e74"),
                vector("S2C_LOGIN_ACK one previous login", 35, new LoginAck(List.of("Login FAILED")),
                        "1c000000 23 0d 07000000 04030201 010c4c6f67696e204641494c4544"),
                vector("S2C_LOGIN_NACK USERNAME_WRONG", 35, new LoginNack(LoginNackReason.USERNAME_WRONG),
                        "0f000000 23 0e ffffffff 04030201 00"),
                vector("S2C_LOGIN_SENDKEY n=0x00c3 e=0x010001", 35, new LoginSendKey(bytes(0x00, 0xc3), bytes(0x01, 0x00, 0x01)),
                        "1b000000 23 0f ffffffff 04030201 0200000000c303000000010001"),
                vector("S2C_LOGIN_SENDNONCE", 35, new LoginSendNonce(bytes(9, 8)),
                        "14000000 23 10 07000000 04030201 020000000908"),
                vector("S2C_LOGOUT_ACK", 35, new LogoutAck(),
                        "0e000000 23 11 07000000 04030201"),
                vector("S2C_LOGOUT_NACK", 35, new LogoutNack(),
                        "0e000000 23 12 07000000 04030201"),
                vector("S2C_TRANSFER_REQ town.map ts 1 cacheable", 35, new TransferReq(List.of(TOWN_MAP)),
                        "37000000 23 16 07000000 04030201 0100000008000000746f776e2e6d61700100000010000000e6f0a12c4f3bdaa7a742d98a01da1f2d01"),
                vector("S2C_TRANSFER_REQ v33 (no hash)", 33, new TransferReq(List.of(TOWN_MAP)),
                        "23000000 21 16 07000000 04030201 0100000008000000746f776e2e6d61700100000001"),
                vector("C2S_CREATEACCOUNT with language", 35, new CreateAccount("ann", "pw", "a@b", "en"),
                        "25000000 23 17 ffffffff 04030201 03000000616e6e0200000070770300000061406202656e"),
                vector("S2C_CREATEACCOUNT_ACK", 35, new CreateAccountAck("ann"),
                        "15000000 23 18 ffffffff 04030201 03000000616e6e"),
                vector("S2C_CREATEACCOUNT_NACK FAILED_TOO_MANY", 35, new CreateAccountNack(AccountResult.FAILED_TOO_MANY),
                        "0f000000 23 19 ffffffff 04030201 0d"),
                vector("C2S_CREATECHARACTER hero (empty template)", 35, new CreateCharacter("hero", RPObject.withoutClass()),
                        "2f000000 23 1a 07000000 04030201 040000006865726f00000000000000000000000000000000000000000000000000"),
                vector("S2C_CREATECHARACTER_ACK hero", 35, new CreateCharacterAck("hero", RPObject.withoutClass()),
                        "2f000000 23 1b 07000000 04030201 040000006865726f00000000000000000000000000000000000000000000000000"),
                vector("S2C_CREATECHARACTER_NACK FAILED_CHARACTER_EXISTS", 35, new CreateCharacterNack(AccountResult.FAILED_CHARACTER_EXISTS),
                        "0f000000 23 1c 07000000 04030201 06"),
                vector("S2C_CONNECT_NACK", 35, new ConnectNack(),
                        "0e000000 23 1d ffffffff 04030201"),
                vector("C2S_LOGIN_SENDNONCENAMEPASSWORDANDSEED", 35, new LoginSendNonceNamePasswordAndSeed(bytes(0x0a), "ann", bytes(1), bytes(2)),
                        "24000000 23 1e 07000000 04030201 010000000a03000000616e6e01000000010100000002"),
                vector("S2C_LOGIN_MESSAGE_NACK ban", 35, new LoginMessageNack("ban"),
                        "13000000 23 1f ffffffff 04030201 030062616e"),
                vector("P2S_CREATECHARACTER", 35, new ProxyCreateCharacter("k", "10.0.0.9", "ann", "hero", RPObject.withoutClass()),
                        "47000000 23 20 ffffffff 04030201 010000006b0800000031302e302e302e3903000000616e6e040000006865726f00000000000000000000000000000000000000000000000000"),
                vector("P2S_CREATEACCOUNT", 35, new ProxyCreateAccount("k", "10.0.0.9", "ann", "pw", "a@b"),
                        "33000000 23 21 ffffffff 04030201 010000006b0800000031302e302e302e3903000000616e6e02000000707703000000614062"),
                vector("C2S_LOGIN_SENDUSERNAMEANDPASSWORD", 35, new LoginSendUsernameAndPassword("ann", "pw"),
                        "1b000000 23 22 07000000 04030201 03000000616e6e020000007077"),
                vector("S2C_UPDATE", 35, new Update(bytes(0xca, 0xfe)),
                        "14000000 23 23 07000000 04030201 02000000cafe"),
                vector("C2S_UPDATE_RESPONSE", 35, new UpdateResponse("ok"),
                        "12000000 23 24 07000000 04030201 02006f6b"),
                vector("C2S_LOGIN_WITH_TOKEN", 35, new LoginWithToken(bytes(1), bytes(2), bytes(3), "ann", "oauth", bytes(4)),
                        "32000000 23 25 07000000 04030201 01000000010100000002010000000303000000616e6e050000006f617574680100000004"),
                vector("C2S_CREATE_ACCOUNT_WITH_TOKEN", 35, new CreateAccountWithToken("ann", "oauth", "t", null),
                        "23000000 23 26 ffffffff 04030201 03000000616e6e050000006f617574680100000074"));
    }


    @ParameterizedTest(name = "{0}")
    @MethodSource("everyMessage")
    void encodesToTheVectorAndDecodesBack(Vector v) {
        String hex = v.hex().replace(" ", "");
        assertThat(encode(v.message(), v.version(), v.clientId())).isEqualTo(hex);
        Envelope e = decode(hex);
        assertThat(e.version()).isEqualTo(v.version());
        assertThat(e.clientId()).isEqualTo(v.clientId());
        assertThat(e.timestamp()).isEqualTo(0x01020304);
        assertThat(e.message()).isInstanceOf(v.message().getClass());
        assertThat(encode(e.message(), v.version(), v.clientId())).as("what was read, written again").isEqualTo(hex);
    }

    /** All the vectors in one stream, fed a byte at a time through the front's frame decoder. */
    @Test
    void theStreamSplitsIntoTheseFramesWhateverTheFragments() {
        List<Vector> vectors = everyMessage().toList();
        ByteBuf stream = Unpooled.buffer();
        vectors.forEach(v -> stream.writeBytes(HexFormat.of().parseHex(v.hex().replace(" ", ""))));
        EmbeddedChannel channel = new EmbeddedChannel(MarauroaCodec.frameDecoder(262_208));
        while (stream.isReadable()) {
            channel.writeInbound(stream.readRetainedSlice(1));
        }
        stream.release();
        for (Vector v : vectors) {
            ByteBuf frame = channel.readInbound();
            try {
                Envelope e = MarauroaCodec.decode(frame, new RPClasses());
                assertThat(encode(e.message(), e.version(), e.clientId())).as(v.name()).isEqualTo(v.hex().replace(" ", ""));
            } finally {
                frame.release();
            }
        }
        assertThat(channel.finish()).as("nothing left over").isFalse();
    }

    @Test
    void everyTypeHasAVector() {
        assertThat(everyMessage().map(v -> v.hex().split(" ")[2]).distinct().count() + 3)
                .as("all types but the three compressed ones, which have their own tests")
                .isEqualTo(MessageType.values().length);
    }

    /** The body of a compressed message: the byte array's zlib data inflated. */
    private static String inflatedBody(MarauroaMessage m) {
        ByteBuf b = MarauroaCodec.encode(new Envelope(35, 7, 0x01020304, m), ByteBufAllocator.DEFAULT);
        try {
            b.skipBytes(4 + MarauroaCodec.HEADER);
            byte[] zlib = new byte[b.readIntLE()];
            b.readBytes(zlib);
            assertThat(zlib[0]).as("a zlib header").isEqualTo((byte) 0x78);
            return ByteBufUtil.hexDump(MarauroaCodec.inflate(zlib));
        } finally {
            b.release();
        }
    }

    @Test
    void theServerInfo() {
        assertThat(inflatedBody(new ServerInfo(List.of("Gatehouse"), new RPClasses()))).isEqualTo("010000000900000047617465686f75736500000000");
    }

    @Test
    void theTransfer() {
        assertThat(inflatedBody(new Transfer(List.of(TOWN_MAP)))).isEqualTo("0100000008000000746f776e2e6d617003000000773d310100000010000000e6f0a12c4f3bdaa7a742d98a01da1f2d01");
    }

    @Test
    void thePerception() {
        Perception p = new Perception(Perception.DELTA, "town", List.of(), List.of(), List.of(), List.of(RPObject.withoutClass().put("id", 3)));
        PerceptionMessage m = new PerceptionMessage(p, 5, null, null);
        assertThat(inflatedBody(m)).isEqualTo("0004000000746f776e000000000000000000000000010000000000000001000000ffff02000000696401000000330000000000000000000000000000000000");
        ByteBuf b = MarauroaCodec.encode(new Envelope(35, 7, 0x01020304, m), ByteBufAllocator.DEFAULT);
        try {
            b.skipBytes(4 + MarauroaCodec.HEADER);
            b.skipBytes(b.readIntLE());
            byte[] own = new byte[b.readIntLE()];
            b.readBytes(own);
            assertThat(ByteBufUtil.hexDump(own)).as("the private part, not compressed").isEqualTo("050000000000");
        } finally {
            b.release();
        }
    }
}
