package io.gatehouse.server.vcmi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.client.vcmi.VcmiLobbyClient;
import io.gatehouse.server.ServerTestBase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * Lobby tests: users are greeted one after another, and every user already in the lobby
 * takes the push the newcomer causes, so each test starts from a drained lobby.
 */
abstract class VcmiLobbyFixture extends ServerTestBase {

    /** Greeted users still connected, in greeting order, with their protocol. */
    private final Map<VcmiLobbyClient, Integer> lobby = new LinkedHashMap<>();
    private final Map<VcmiLobbyClient, String> names = new LinkedHashMap<>();
    private final List<VcmiLobbyClient> opened = new ArrayList<>();

    @AfterEach
    void closeClients() {
        opened.forEach(VcmiLobbyClient::close);
    }

    static final int UUID_LENGTH = 36;

    /** Starts a two-player game and returns {host uuid, host's client uuid, guest's client uuid}. */
    String[] startGame() throws InterruptedException {
        VcmiLobbyClient a = user("alice");
        VcmiLobbyClient b = user("bob");
        room(a, "arena", 2, "");
        b.send("<JOIN>arena<PSWD>");
        a.takeThrough(":>>SESSIONS:1:arena:2:2:False");
        b.takeThrough(":>>GAMEMODE:0");
        a.send("<READY>arena");
        b.send("<READY>arena");
        a.takeThrough(":>>STATUS:2:alice:True:bob:True");
        b.takeThrough(":>>STATUS:2:alice:True:bob:True");
        a.takeThrough(":>>HOST:");
        String host = new String(a.take(UUID_LENGTH));
        a.takeThrough(":1:>>START:");
        String aliceClient = new String(a.take(UUID_LENGTH));
        b.takeThrough(":>>START:");
        String bobClient = new String(b.take(UUID_LENGTH));
        left(a);
        left(b);
        return new String[] {host, aliceClient, bobClient};
    }

    /** Takes the next reply bytes and checks they are exactly {@code text}. */
    static void expect(VcmiLobbyClient c, String text) throws InterruptedException {
        assertThat(c.expect(text)).isEqualTo(text);
    }

    VcmiLobbyClient connect() throws InterruptedException {
        VcmiLobbyClient c = VcmiLobbyClient.connect(server.vcmi());
        opened.add(c);
        return c;
    }

    /** A protocol-5 user of VCMI 1.5.0, greeted. */
    VcmiLobbyClient user(String name) throws InterruptedException {
        return user(name, 5, "1.5.0");
    }

    VcmiLobbyClient user(String name, int protocol, String version) throws InterruptedException {
        VcmiLobbyClient c = connect();
        names.put(c, name);
        c.hello(protocol, "", "<GREETINGS>" + name + "<VER>" + version);
        String users = users();
        for (Map.Entry<VcmiLobbyClient, Integer> e : lobby.entrySet()) {
            if (e.getValue() >= 4) {
                assertThat(e.getKey().expect(users)).isEqualTo(users);
            } else {
                assertThat(e.getKey().takeThrough(name + " is here")).endsWith(":>>MSG:System:" + name + " is here");
            }
        }
        lobby.put(c, protocol);
        c.takeThrough("currently playing 0");
        if (protocol < 4) {
            c.takeThrough("Send <HERE> to see people names in the chat");
        }
        return c;
    }

    /** The USERS line for the users greeted and not yet {@link #left}. */
    String users() {
        StringBuilder b = new StringBuilder(":>>USERS:").append(names.size());
        names.values().forEach(n -> b.append(':').append(n));
        return b.toString();
    }

    /** The user is out of the lobby (disconnected or started a game). */
    void left(VcmiLobbyClient c) {
        lobby.remove(c);
        names.remove(c);
    }

    /** Creates a room as {@code host}, taking the host's replies and everyone else's SESSIONS line. */
    void room(VcmiLobbyClient host, String room, int total, String password) throws InterruptedException {
        host.send("<NEW>" + room + "<PSWD>" + password + "<COUNT>" + total);
        host.takeThrough("You are in the room chat.");
        String sessions = ":" + room + ":1:" + total + ":" + (password.isEmpty() ? "False" : "True");
        for (VcmiLobbyClient o : lobby.keySet()) {
            if (o != host) {
                o.takeThrough(sessions);
            }
        }
    }
}
