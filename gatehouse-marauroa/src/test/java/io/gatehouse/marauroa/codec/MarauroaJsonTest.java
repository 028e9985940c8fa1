package io.gatehouse.marauroa.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.marauroa.codec.MarauroaCodec.Envelope;
import io.gatehouse.marauroa.codec.MarauroaMessageDecoder.Unreadable;
import io.gatehouse.marauroa.example.WalkAndChat;
import io.gatehouse.marauroa.game.Content;
import io.gatehouse.marauroa.game.Perception;
import io.gatehouse.marauroa.game.RPClasses;
import io.gatehouse.marauroa.game.RPEvent;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.message.AccountResult;
import io.gatehouse.marauroa.message.LoginNackReason;
import io.gatehouse.marauroa.message.MarauroaMessage;
import io.gatehouse.marauroa.message.MarauroaMessage.*;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON of the browser transport (docs/protocol/marauroa.md, sections 11.2 to 11.5), to the byte. */
class MarauroaJsonTest {

    private static final RPClasses CLASSES = new WalkAndChat().classes();

    private static String encode(MarauroaMessage m) {
        return MarauroaJson.encode(new Envelope(MarauroaCodec.VERSION, 7, 1234, m));
    }

    @Test
    void theHeaderHasASpaceAfterEachOfItsColons() {
        assertThat(encode(new ChooseCharacterAck())).isEqualTo("{\"t\": \"10\",\"c\": \"7\",\"s\": \"1234\"}");
        assertThat(encode(new LogoutAck())).isEqualTo("{\"t\": \"17\",\"c\": \"7\",\"s\": \"1234\"}");
        assertThat(encode(new LoginMessageNack("banned"))).isEqualTo("{\"t\": \"31\",\"c\": \"7\",\"s\": \"1234\"}");
    }

    @Test
    void loginMessages() {
        assertThat(encode(new LoginSendKey(new byte[] {0, (byte) 0xC3}, new byte[] {1, 0, 1})))
                .isEqualTo("{\"t\": \"15\",\"c\": \"7\",\"s\": \"1234\",\"n\":\"195\",\"e\":\"65537\",\"config\":[]}");
        assertThat(encode(new LoginNack(LoginNackReason.SERVER_IS_FULL)))
                .isEqualTo("{\"t\": \"14\",\"c\": \"7\",\"s\": \"1234\",\"reason\":\"SERVER_IS_FULL\",\"text\":\"Server is full.\"}");
        assertThat(encode(new LoginAck(List.of("Login successful at 2026-12-02 15:00 server time from 127.0.0.1"))))
                .isEqualTo("{\"t\": \"13\",\"c\": \"7\",\"s\": \"1234\",\"previousLogins\":"
                        + "[\"Login successful at 2026-12-02 15:00 server time from 127.0.0.1\"]}");
        assertThat(encode(new ServerInfo(List.of("a\"b", "<x>\t\r\n\\"), CLASSES)))
                .isEqualTo("{\"t\": \"20\",\"c\": \"7\",\"s\": \"1234\",\"contents\":[\"a\\\"b\",\"\\u003cx>\\t\\r\\n\\\\\"]}");
        assertThat(encode(new InvalidMessage("old"))).as("no comma, as Marauroa writes it")
                .isEqualTo("{\"t\": \"12\",\"c\": \"7\",\"s\": \"1234\"\"reason\":\"old\"}");
        assertThat(encode(new CreateCharacterNack(AccountResult.FAILED_RESERVED_NAME))).isEqualTo("{\"t\": \"28\",\"c\": \"7\",\"s\": \"1234\","
                + "\"charname\":\"\",\"reason\": {\"code\":\"10\",\"name\":\"FAILED_RESERVED_NAME\",\"text\":\"" + AccountResult.FAILED_RESERVED_NAME.text() + "\"}}");
    }

    private static RPObject player() {
        RPObject p = new RPObject(CLASSES.get("player")).put("id", 3).put("zoneid", "town").put("name", "ann").put("x", 1).put("logins", 2);
        p.addToSlot("bag", new RPObject(CLASSES.get("item")).put("name", "key"));
        p.putInMap("tags", "hat", "red");
        p.link("pet", new RPObject(CLASSES.get("item")).put("id", 1).put("name", "rex"));
        p.events().add(new RPEvent("chat", CLASSES.get("chat"), Map.of("text", "hi")));
        return p;
    }

    @Test
    void anObjectIsClassAttributesSlotsMapsLinksEventsInThatOrder() {
        String ann = "\"c\":\"player\",\"a\":{\"id\":\"3\",\"name\":\"ann\",\"x\":\"1\"},"
                + "\"s\":{\"bag\":[{\"c\":\"item\",\"a\":{\"name\":\"key\",\"id\":\"1\"}}]},"
                + "\"m\":{\"tags\":{\"c\":\"\",\"a\":{\"id\":\"-1\",\"zoneid\":\"\",\"hat\":\"red\"}}},"
                + "\"l\":{\"pet\":{\"c\":\"item\",\"a\":{\"id\":\"1\",\"name\":\"rex\"}}},"
                + "\"e\":[{\"c\":\"chat\",\"a\":{\"text\":\"hi\"}}]";
        RPObject gone = RPObject.withoutClass().put("id", 4);
        assertThat(encode(new PerceptionMessage(new Perception(Perception.SYNC, "town", List.of(player()), List.of(), List.of(), List.of(gone)),
                5, null, null))).isEqualTo("{\"t\": \"19\",\"c\": \"7\",\"s\": \"1234\",\"zoneid\":\"town\",\"sync\":true,\"aO\":[{" + ann + "}],"
                + "\"dO\":[{\"c\":\"\",\"a\":{\"id\":\"4\"}}]}");
        String own = ann.replace("\"x\":\"1\"}", "\"x\":\"1\",\"logins\":\"2\"}");
        assertThat(encode(new PerceptionMessage(new Perception(Perception.DELTA, "town", List.of(), List.of(), List.of(), List.of()),
                5, player(), RPObject.withoutClass().put("id", 3)))).as("the player's own object at PRIVATE level")
                .isEqualTo("{\"t\": \"19\",\"c\": \"7\",\"s\": \"1234\",\"zoneid\":\"town\",\"sync\":false,\"aM\":{" + own + "},"
                        + "\"dM\":{\"c\":\"\",\"a\":{\"id\":\"3\"}}}");
        assertThat(encode(new CharacterList(List.of("ann"), List.of(player())))).as("a character at NORMAL level")
                .isEqualTo("{\"t\": \"9\",\"c\": \"7\",\"s\": \"1234\",\"characters\":{\"ann\":{" + ann + "}}}");
    }

    @Test
    void transfersCarryAnUpperCaseHashAndBase64Data() {
        Content map = new Content("town.map", 1, "w=1".getBytes(StandardCharsets.UTF_8), true);
        assertThat(encode(new TransferReq(List.of(map)))).isEqualTo("{\"t\": \"22\",\"c\": \"7\",\"s\": \"1234\",\"contents\":[{\"name\":\"town.map\","
                + "\"timestamp\":\"1\",\"hash\":\"E6F0A12C4F3BDAA7A742D98A01DA1F2D\",\"cachable\":true}]}");
        assertThat(encode(new Transfer(List.of(map)))).isEqualTo("{\"t\": \"21\",\"c\": \"7\",\"s\": \"1234\",\"contents\":[{\"name\":\"town.map\","
                + "\"timestamp\":\"1\",\"hash\":\"E6F0A12C4F3BDAA7A742D98A01DA1F2D\",\"cachable\":true,\"data\":\"dz0x\"}]}");
    }

    private static MarauroaMessage decode(String json) {
        Object out = MarauroaJson.decode(json, CLASSES);
        assertThat(out).as(json).isInstanceOf(Envelope.class);
        return ((Envelope) out).message();
    }

    @Test
    void clientMessagesAreReadAsMarauroaReadsThem() {
        Object e = MarauroaJson.decode("{ \"s\" : \"1\", \"t\":\"8\", \"c\":\"-1\", \"extra\": [1, {\"x\": null}] }", CLASSES);
        assertThat(e).isEqualTo(new Envelope(MarauroaCodec.VERSION, -1, 1, new KeepAlive()));
        MarauroaMessage a = decode("{\"t\":\"0\",\"c\":\"3\",\"s\":\"1\",\"a\":{\"type\":\"chat\",\"text\":\"\\u00e9\\n\\\"\",\"n\":5,\"_rpclass\":\"\"}}");
        assertThat(((Action) a).action().attributes()).as("numbers skipped, escapes read").isEqualTo(Map.of("type", "chat", "text", "é\n\""));
        assertThat(decode("{\"t\":\"34\",\"c\":\"3\",\"s\":\"1\",\"u\":\"ann\",\"p\":\"tok\"}")).isEqualTo(new LoginSendUsernameAndPassword("ann", "tok"));
        assertThat(decode("{\"t\":\"1\",\"c\":\"3\",\"s\":\"1\",\"character\":\"ann\"}")).isEqualTo(new ChooseCharacter("ann"));
        assertThat(decode("{\"t\":\"5\",\"c\":\"3\",\"s\":\"1\",\"reason\":2}")).isEqualTo(new Logout(2));
        assertThat(decode("{\"t\":\"6\",\"c\":\"3\",\"s\":\"1\"}")).isEqualTo(new OutOfSync());
        assertThat(decode("{\"t\":\"7\",\"c\":\"3\",\"s\":\"1\",\"contents\":{\"town.map\":true,\"b\":\"false\"}}"))
                .isEqualTo(new TransferAck(Map.of("town.map", true, "b", false)));
        assertThat(decode("{\"t\":\"23\",\"c\":\"3\",\"s\":\"1\",\"u\":\"ann\",\"p\":\"pw\"}")).isEqualTo(new CreateAccount("ann", "pw", "", null));
        CreateCharacter c = (CreateCharacter) decode("{\"t\":\"26\",\"c\":\"3\",\"s\":\"1\",\"charname\":\"ann\",\"template\":{}}");
        assertThat(c.character()).isEqualTo("ann");
    }

    @Test
    void whatCannotBeReadIsUnreadable() {
        for (String bad : List.of("", "nope", "[]", "\"x\"", "{\"t\":8,\"c\":\"1\",\"s\":\"1\"}", "{\"t\":\"8\",\"c\":\"1\"}",
                "{\"t\":\"300\",\"c\":\"1\",\"s\":\"1\"}", "{\"t\":\"99\",\"c\":\"1\",\"s\":\"1\"}", "{\"t\":\"2\",\"c\":\"1\",\"s\":\"1\"}",
                "{\"t\":\"19\",\"c\":\"1\",\"s\":\"1\"}", "{\"t\":\"8\",\"c\":\"1\",\"s\":\"1\"} x", "{\"t\":\"8\",\"c\":\"1\",\"s\":\"1\",}",
                "{\"t\":\"0\",\"c\":\"1\",\"s\":\"1\",\"a\":[]}", "{\"t\":\"0\",\"c\":\"1\",\"s\":\"1\",\"a\":{\"_rpclass\":\"player\",\"nope\":\"1\"}}",
                "{\"t\":\"1\",\"c\":\"1\",\"s\":\"1\",\"character\":5}", "{\"t\":\"8\",\"c\":\"99999999999\",\"s\":\"1\"}",
                "{\"t\":\"8\",\"c\":\"1\",\"s\":\"1\",\"x\":\"\\uZZZZ\"}", "{\"t\":\"8\",\"c\":\"1\",\"s\":\"1\",\"x\":01}",
                "{\"x\":" + "[".repeat(40) + "]".repeat(40) + "}")) {
            assertThat(MarauroaJson.decode(bad, CLASSES)).as(bad).isInstanceOf(Unreadable.class);
        }
    }
}
