package io.gatehouse.vcmi.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.vcmi.message.LobbyError;
import io.gatehouse.vcmi.message.LobbyReply;
import io.gatehouse.vcmi.message.LobbyReply.PeopleInLobby.Person;
import io.gatehouse.vcmi.message.LobbyReplyTag;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every lobby reply as docs/protocol/vcmi.md writes it (sections 3 and 5 to 8): the spec's
 * vectors, the transcript's of section 11 among them, and every ERROR text.
 */
class LobbyReplyEncoderTest {

    private static final UUID HOST_UUID = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static final UUID CLIENT_UUID = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");

    private record Vector(LobbyReply reply, String text) {
    }

    /** At least one vector per kind of reply; the test below checks that none is missing. */
    private static final List<Vector> VECTORS = List.of(
            new Vector(LobbyError.ROOM_FULL.reply("castle"), ":>>ERROR:Room castle is full"),
            new Vector(new LobbyReply.Chat("alice", "hi: there"), ":>>MSG:alice:hi: there"),
            new Vector(new LobbyReply.ChannelChat("alice", "global", "hi"), ":>>MSGCH:alice:global:hi"),
            new Vector(new LobbyReply.Users(List.of("alice", "bob")), ":>>USERS:2:alice:bob"),
            new Vector(new LobbyReply.Users(List.of()), ":>>USERS:0"),
            new Vector(new LobbyReply.Sessions(List.of()), ":>>SESSIONS:0"),
            new Vector(new LobbyReply.Sessions(List.of(new LobbyReply.Sessions.Room("castle", 1, 2, false),
                    new LobbyReply.Sessions.Room("tower", 2, 4, true))), ":>>SESSIONS:2:castle:1:2:False:tower:2:4:True"),
            new Vector(new LobbyReply.Created("castle"), ":>>CREATED:castle"),
            new Vector(new LobbyReply.Joined("castle", "bob"), ":>>JOIN:castle:bob"),
            new Vector(new LobbyReply.Status(List.of(new LobbyReply.Status.Player("alice", true),
                    new LobbyReply.Status.Player("bob", false))), ":>>STATUS:2:alice:True:bob:False"),
            new Vector(new LobbyReply.Kicked("castle", "bob"), ":>>KICK:castle:bob"),
            new Vector(new LobbyReply.GameMode(BigInteger.ZERO), ":>>GAMEMODE:0"),
            new Vector(new LobbyReply.GameMode(new BigInteger("-12345678901234567890")), ":>>GAMEMODE:-12345678901234567890"),
            new Vector(new LobbyReply.Mods(List.of()), ":>>MODS:0"),
            new Vector(new LobbyReply.Mods(List.of(new LobbyReply.Mods.Mod("hota", "1.7"), new LobbyReply.Mods.Mod("wog", ""))),
                    ":>>MODS:2:hota:1.7:wog:"),
            new Vector(new LobbyReply.ModsOther("bob", List.of("hota&1.7", "wog", "")), ":>>MODSOTHER:bob:3:hota:1.7:wog:"),
            new Vector(new LobbyReply.ChannelSwitched("room"), ":>>CHANNEL:room"),
            new Vector(new LobbyReply.Host(HOST_UUID, 1), ":>>HOST:0f8fad5b-d9cb-469f-a165-70867728950e:1"),
            new Vector(new LobbyReply.Start(CLIENT_UUID), ":>>START:7c9e6679-7425-40de-944b-e07fc1f90ae7"),
            new Vector(new LobbyReply.Health(), ":>>HEALTH:"),
            new Vector(new LobbyReply.Arrived("bob"), ":>>MSG:System:bob is here"),
            new Vector(new LobbyReply.Welcome(1, 0, false), ":>>MSG:System:Here available 1 users, currently playing 0"),
            new Vector(new LobbyReply.Welcome(0, 2, true),
                    ":>>MSG:System:Here available 0 users, currently playing 2\n Send <HERE> to see people names in the chat"),
            new Vector(new LobbyReply.InRoomChat(), ":>>MSG:System:You are in the room chat."),
            new Vector(new LobbyReply.VersionMismatch("1.4.0", "1.5.0"),
                    ":>>MSG:System:Your VCMI version 1.4.0 differs from host version 1.5.0, which may cause problems"),
            new Vector(new LobbyReply.PeopleInLobby(List.of(new Person("alice", "castle"), new Person("bob", null))),
                    ":>>MSG:System:People in lobby\nalice[room castle]\nbob"),
            new Vector(new LobbyReply.PeopleInLobby(List.of()), ":>>MSG:System:People in lobby"),
            new Vector(new LobbyReply.Statistic(42), ":>>MSG:System:42"));

    @TestFactory
    Stream<DynamicTest> eachReplyIsTheSpecsText() {
        return VECTORS.stream().map(v -> DynamicTest.dynamicTest(v.text(),
                () -> assertThat(LobbyReplyEncoder.text(v.reply())).isEqualTo(v.text())));
    }

    @Test
    void everyKindOfReplyHasAVector() {
        List<Class<?>> kinds = new ArrayList<>();
        for (Class<?> c : LobbyReply.class.getPermittedSubclasses()) {
            kinds.addAll(c.isInterface() ? Arrays.asList(c.getPermittedSubclasses()) : List.of(c));
        }
        List<Class<?>> covered = VECTORS.stream().<Class<?>>map(v -> v.reply().getClass()).distinct().toList();
        assertThat(covered).containsExactlyInAnyOrderElementsOf(kinds);
    }

    @Test
    void everyTagStartsTheTextOfItsReplies() {
        for (Vector v : VECTORS) {
            assertThat(v.text()).startsWith(LobbyReplyEncoder.MARKER + v.reply().tag().name() + ":");
        }
        assertThat(VECTORS.stream().map(v -> v.reply().tag()).distinct()).containsExactlyInAnyOrder(LobbyReplyTag.values());
    }

    /** Sections 3, 5, 6 and 8, spelt as the original spells them. */
    @Test
    void everyErrorIsTheSpecsText() {
        Map<LobbyError, String> texts = new EnumMap<>(LobbyError.class);
        texts.put(LobbyError.HANDSHAKE_TOO_SHORT, "Too short username");
        texts.put(LobbyError.PROTOCOL_INCOMPATIBLE, "Cannot connect to remote server due to protocol incompatibility");
        texts.put(LobbyError.BAD_ENCODING, "Protocol error or incorrect encoding");
        texts.put(LobbyError.ALREADY_AUTHORIZED, "User already authorized");
        texts.put(LobbyError.USERNAME_TOO_SHORT, "Too short username {name}");
        texts.put(LobbyError.USERNAME_RESERVED, "Username {name} is reserved by system");
        texts.put(LobbyError.USERNAME_INVALID, "Invalid username");
        texts.put(LobbyError.USERNAME_TAKEN, "Can't connect with the name {name}. This login is already occpupied");
        texts.put(LobbyError.ROOM_NAME_TAKEN, "Cannot create session with name {name}, session with this name already exists");
        texts.put(LobbyError.ROOM_NAME_INVALID, "Cannot create session with invalid name {name}");
        texts.put(LobbyError.INCORRECT_PASSWORD, "Incorrect password");
        texts.put(LobbyError.COUNT_ALREADY_SET, "Changing amount of players is not possible for existing session");
        texts.put(LobbyError.COUNT_INVALID, "Cannot create room with invalid amount of players");
        texts.put(LobbyError.NO_SUCH_ROOM, "Room with name {name} doesn't exist");
        texts.put(LobbyError.ROOM_FULL, "Room {name} is full");
        texts.put(LobbyError.NOT_HOST, "Insuficcient permissions");
        texts.put(LobbyError.SERVER_FULL, "Server is full");
        texts.put(LobbyError.ADDRESS_FULL, "Too many connections from your address");
        texts.put(LobbyError.LOGIN_TIMED_OUT, "Login timed out");
        texts.put(LobbyError.TOO_MUCH_BEFORE_LOGIN, "Too many messages before login");
        texts.put(LobbyError.INACTIVE, "Disconnected for inactivity");
        texts.put(LobbyError.SHUTTING_DOWN, "Server is shutting down");
        texts.put(LobbyError.LOBBY_LOST, "Lobby server lost, please reconnect");
        texts.put(LobbyError.KICKED_BY_OPERATOR, "Kicked by an operator");
        texts.put(LobbyError.DISCONNECTED, "Disconnected: {name}");
        assertThat(texts.keySet()).containsExactlyInAnyOrder(LobbyError.values());
        texts.forEach((error, text) -> {
            LobbyReply.Error reply = text.contains("{name}") ? error.reply("a{}%s") : error.reply();
            assertThat(LobbyReplyEncoder.text(reply)).as("%s", error).isEqualTo(":>>ERROR:" + text.replace("{name}", "a{}%s"));
        });
    }

    @Test
    void anErrorTakesASubjectExactlyWhenItsTextNamesOne() {
        assertThatThrownBy(LobbyError.ROOM_FULL::reply).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ROOM_FULL");
        assertThatThrownBy(() -> LobbyError.NOT_HOST.reply("bob")).isInstanceOf(IllegalArgumentException.class);
        assertThat(LobbyReplyEncoder.text(LobbyError.USERNAME_TOO_SHORT.reply(""))).isEqualTo(":>>ERROR:Too short username ");
    }

    @Test
    void aReplyDoesNotChangeWithTheListItWasMadeOf() {
        List<String> names = new ArrayList<>(List.of("alice"));
        LobbyReply.Users users = new LobbyReply.Users(names);
        names.add("bob");
        assertThat(LobbyReplyEncoder.text(users)).isEqualTo(":>>USERS:1:alice");
    }
}
