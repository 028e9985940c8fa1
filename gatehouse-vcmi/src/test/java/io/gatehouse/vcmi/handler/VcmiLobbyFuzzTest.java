package io.gatehouse.vcmi.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gatehouse.core.lobby.Room;
import io.gatehouse.vcmi.VcmiConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The lobby's command parsing and dispatch (docs/protocol/vcmi.md sections 3 and 5 to 8) on
 * arbitrary packets from three connections, with the clock and the health check moving in
 * between. The input is a script of lines: a line starting with {@code t} moves the clock 31 s
 * (handshake limits fall due), {@code T} 11 minutes (idle limits), {@code h} runs one health
 * check; any other line is a lobby packet of connection {@code first byte % 3} (a closed one
 * is replaced by a new connection). What must hold after every step:
 * <ul>
 *   <li>no exception escapes the lobby;</li>
 *   <li>every reply is one of the spec's, {@code :>>TAG:} with a tag of section 5, and every
 *       ERROR one of its texts;</li>
 *   <li>the lobby stays consistent: greeted names are unique; each greeted user is in exactly
 *       its own chat channel and nobody else is in one; each room's players are greeted users
 *       joined to it, its host among them, no more than its total; a closed connection has
 *       left the lobby.</li>
 * </ul>
 * Seeds, one per feature, are in {@code VcmiLobbyFuzzTestInputs/lobby/}.
 */
class VcmiLobbyFuzzTest {

    private static final Set<String> TAGS = Set.of("ERROR", "MSG", "MSGCH", "USERS", "SESSIONS", "CREATED", "JOIN", "STATUS",
            "KICK", "GAMEMODE", "MODS", "MODSOTHER", "HOST", "START", "CHANNEL", "HEALTH");
    private static final List<Pattern> ERRORS = List.of(
            "Too short username", "Cannot connect to remote server due to protocol incompatibility",
            "Protocol error or incorrect encoding", "User already authorized", "Too short username .*",
            "Username .* is reserved by system", "Invalid username",
            "Can't connect with the name .*\\. This login is already occpupied",
            "Cannot create session with name .*, session with this name already exists",
            "Cannot create session with invalid name .*", "Incorrect password",
            "Changing amount of players is not possible for existing session",
            "Cannot create room with invalid amount of players", "Room with name .* doesn't exist", "Room .* is full",
            "Insuficcient permissions", "Login timed out", "Too many messages before login", "Disconnected for inactivity")
            .stream().map(p -> Pattern.compile(p, Pattern.DOTALL)).toList();
    private static final VcmiConfig CONFIG = config();

    private static VcmiConfig config() {
        VcmiConfig d = VcmiConfig.defaults();
        return new VcmiConfig(true, d.bind(), d.capacity(), d.healthcheck(), d.sessionGrace(), true, 16 * 1024,
                d.maxPendingBytes(), d.maxOutboundBytes(), d.admission(), d.splice());
    }

    @FuzzTest(maxDuration = "5s")
    void lobby(byte[] script) {
        LobbyHarness h = new LobbyHarness(CONFIG);
        LobbyHarness.Conn[] conns = new LobbyHarness.Conn[3];
        List<LobbyHarness.Conn> all = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= script.length; i++) {
            if (i < script.length && script[i] != '\n') {
                continue;
            }
            byte[] line = Arrays.copyOfRange(script, start, i);
            start = i + 1;
            if (line.length == 0) {
                continue;
            }
            switch (line[0]) {
                case 't' -> h.clock.advance(Duration.ofSeconds(31));
                case 'T' -> h.clock.advance(Duration.ofMinutes(11));
                case 'h' -> h.lobby.healthTick();
                default -> {
                    int slot = (line[0] & 0xFF) % conns.length;
                    if (conns[slot] == null || conns[slot].closed()) {
                        conns[slot] = h.connect();
                        all.add(conns[slot]);
                    }
                    conns[slot].packet(Arrays.copyOfRange(line, 1, line.length));
                }
            }
            h.drain();
            for (LobbyHarness.Conn c : all) {
                checkReplies(c);
            }
            checkLobby(h.lobby, all);
        }
        for (LobbyHarness.Conn c : all) {
            c.channel.finishAndReleaseAll();
        }
    }

    private static void checkReplies(LobbyHarness.Conn c) {
        for (byte[] reply : c.replies()) {
            String text = c.client.encoding.decode(reply);
            assertThat(text).as("a reply").startsWith(":>>");
            int colon = text.indexOf(':', 3);
            assertThat(colon).as("a tag in %s", text).isPositive();
            String tag = text.substring(3, colon);
            assertThat(TAGS).as("the tag of %s", text).contains(tag);
            if (tag.equals("ERROR")) {
                String error = text.substring(colon + 1);
                assertThat(ERRORS.stream().anyMatch(p -> p.matcher(error).matches())).as("a specified error: %s", error).isTrue();
            }
        }
    }

    private static void checkLobby(VcmiLobby lobby, List<LobbyHarness.Conn> all) {
        Set<String> names = new HashSet<>();
        for (LobbyClient c : lobby.senders) {
            if (c.isLobby() && c.greeted) {
                assertThat(names.add(c.username)).as("greeted names are unique: %s", c.username).isTrue();
                assertThat(lobby.channels.get(c.chatChannel)).as("%s is in its channel", c).containsOnlyOnce(c);
            }
        }
        lobby.channels.forEach((name, members) -> {
            for (LobbyClient m : members) {
                assertThat(m.greeted && m.chatChannel.equals(name) && lobby.senders.contains(m))
                        .as("%s in channel %s is a greeted user of it", m, name).isTrue();
            }
        });
        for (Room<LobbyClient> r : lobby.rooms.all()) {
            assertThat(r.players()).as("room %s has its host", r.name()).contains(r.host());
            assertThat(r.players()).as("room %s holds no more than its total", r.name()).hasSizeLessThanOrEqualTo(Math.max(r.total(), 1));
            assertThat(r.started()).as("a started room is gone").isFalse();
            for (LobbyClient p : r.players()) {
                assertThat(p.greeted && p.joined && p.roomName.equals(r.name()) && lobby.senders.contains(p))
                        .as("%s in room %s is a greeted user joined to it", p, r.name()).isTrue();
            }
        }
        for (LobbyHarness.Conn c : all) {
            if (c.closed()) {
                assertThat(lobby.senders).as("a closed connection has left the lobby").doesNotContain(c.client);
            }
        }
    }
}
