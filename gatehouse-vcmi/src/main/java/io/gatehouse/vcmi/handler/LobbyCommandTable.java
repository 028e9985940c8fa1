package io.gatehouse.vcmi.handler;

import static io.gatehouse.vcmi.handler.LobbyCommandTable.Outcome.IGNORED;
import static io.gatehouse.vcmi.handler.LobbyCommandTable.Outcome.NEXT;
import static io.gatehouse.vcmi.handler.LobbyCommandTable.Outcome.STOP;

import io.gatehouse.core.lobby.Room;
import io.gatehouse.vcmi.codec.PythonInt;
import io.gatehouse.vcmi.message.LobbyError;
import io.gatehouse.vcmi.message.LobbyReply;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lobby's one dispatch table (section 5): a handler per tag. Each returns its
 * {@link Outcome}: whether the commands after it in the same packet still run (not after an
 * ERROR reply, as the original stops there), and whether it did anything at all: a command
 * whose condition does not hold does nothing, and the lobby counts it as a client fault.
 */
final class LobbyCommandTable {

    /** What a command did, for the commands after it in the packet and for the fault counters. */
    enum Outcome {
        /** It ran; the next command runs. */
        NEXT,
        /** It answered with an ERROR (or, for CHANNEL to the same channel, with nothing): the rest of the packet is dropped. */
        STOP,
        /** Its condition does not hold (not greeted, not in a room...): nothing happened; the next command runs. */
        IGNORED,
        /** No such command: nothing happened; the next command runs. */
        UNKNOWN
    }

    @FunctionalInterface
    private interface Command {
        Outcome run(LobbyClient c, String value);
    }

    private static final Logger log = LoggerFactory.getLogger(LobbyCommandTable.class);
    /**
     * The original's {@code ^[\w.%+-]+$}, with Python's {@code \w}: letters and numbers of any
     * kind (Unicode L and N, as {@code str.isalnum}) and {@code _}, not Java's, which adds marks
     * and connector punctuation and leaves out No and Nl. {@code $} matches before a last \n too.
     */
    private static final Pattern USERNAME = Pattern.compile("^[\\p{L}\\p{N}_.%+-]+$", Pattern.UNIX_LINES);

    private final VcmiLobby lobby;
    private final Map<String, Command> table = new HashMap<>();

    LobbyCommandTable(VcmiLobby lobby) {
        this.lobby = lobby;
        table.put("GREETINGS", this::greetings);
        table.put("VER", this::ver);
        table.put("MSG", this::msg);
        table.put("CHANNEL", this::channel);
        table.put("NEW", this::newRoom);
        table.put("PSWD", this::pswd);
        table.put("COUNT", this::count);
        table.put("JOIN", this::join);
        table.put("HOSTMODE", this::hostMode);
        table.put("MODS", this::mods);
        table.put("LEAVE", this::leave);
        table.put("KICK", this::kick);
        table.put("READY", this::ready);
        table.put("FORCESTART", this::forceStart);
        table.put("ROOT", this::root);
        table.put("HERE", this::here);
        table.put("ALIVE", this::alive);
    }

    Outcome run(LobbyClient c, String tag, String value) {
        Command cmd = table.get(tag);
        return cmd == null ? Outcome.UNKNOWN : cmd.run(c, value);
    }

    private Outcome error(LobbyClient c, LobbyReply.Error reply) {
        lobby.send(c, reply);
        return STOP;
    }

    /**
     * The room a greeted client is in (or joining) when, given a name, it has that name;
     * otherwise null, and the command does nothing. A client still joined to a room that is
     * gone (it sent JOIN without PSWD and the room went) is closed, as the original drops it
     * when its room lookup fails; then too the result is null.
     */
    private Room<LobbyClient> roomFor(LobbyClient c, String name) {
        if (!c.greeted || !c.joined || (name != null && !c.roomName.equals(name))) {
            return null;
        }
        Room<LobbyClient> r = lobby.rooms.get(c.roomName);
        if (r == null) {
            lobby.drop(c, "out_of_state", "its room " + c.roomName + " is gone");
        }
        return r;
    }

    /** True, after telling the client, when it is not the room's host. */
    private boolean notHost(LobbyClient c, Room<LobbyClient> r) {
        if (r.host() == c) {
            return false;
        }
        lobby.send(c, LobbyError.NOT_HOST.reply());
        return true;
    }

    private Outcome greetings(LobbyClient c, String name) {
        if (c.greeted) {
            c.faults.report("out_of_state", "GREETINGS from user " + c.username + ", who is greeted already");
            return error(c, LobbyError.ALREADY_AUTHORIZED.reply());
        }
        if (name.codePointCount(0, name.length()) < 3) {
            c.faults.report("bad_name", "incorrect username " + VcmiLobby.quote(name));
            return error(c, LobbyError.USERNAME_TOO_SHORT.reply(name));
        }
        if (VcmiLobby.RESERVED.contains(name)) {
            c.faults.report("bad_name", "incorrect username " + VcmiLobby.quote(name));
            return error(c, LobbyError.USERNAME_RESERVED.reply(name));
        }
        if (!USERNAME.matcher(name).find()) {
            c.faults.report("bad_name", "incorrect username " + VcmiLobby.quote(name));
            return error(c, LobbyError.USERNAME_INVALID.reply());
        }
        for (LobbyClient s : lobby.senders) {
            if (s.isLobby() && s.username.equals(name)) {
                c.faults.report("bad_name", "username " + VcmiLobby.quote(name) + " is taken");
                return error(c, LobbyError.USERNAME_TAKEN.reply(name));
            }
        }
        log.info("[*] {} autorized as {}", c.address, name);
        lobby.stats.user(name);
        c.username = name;
        List<LobbyClient> oldProtocol = lobby.senders.stream().filter(s -> s.isLobby() && s.protocol < 4).toList();
        lobby.broadcast(oldProtocol, new LobbyReply.Arrived(name));
        lobby.sendEach(lobby.senders.stream().filter(s -> s.isLobby() && s.protocol >= 4).toList(), lobby.users());
        c.greeted = true;
        lobby.greeted(c);
        c.healthCredit = lobby.config.healthcheck().toSeconds();
        lobby.channels.get(c.chatChannel).add(c);
        lobby.send(c, lobby.sessions());
        if (c.protocol >= 4) {
            lobby.send(c, lobby.users());
        }
        long pipes = lobby.senders.stream().filter(s -> s.kind == LobbyClient.Kind.PIPE).count();
        lobby.send(c, new LobbyReply.Welcome(lobby.greetedClients().size() - 1, pipes, c.protocol < 4));
        return NEXT;
    }

    private Outcome ver(LobbyClient c, String version) {
        if (!c.greeted) {
            return IGNORED;
        }
        log.info("[*] User {} has version {}", c.username, VcmiLobby.quote(version));
        c.vcmiVersion = version;
        return NEXT;
    }

    private Outcome msg(LobbyClient c, String text) {
        if (!c.greeted) {
            return IGNORED;
        }
        List<LobbyClient> targets;
        if (c.chatChannel.equals(VcmiLobby.GLOBAL)) {
            targets = lobby.lobbyClients();
        } else if (c.chatChannel.equals(VcmiLobby.ROOM) && c.joined) {
            Room<LobbyClient> room = roomFor(c, null);
            if (room == null) {
                return IGNORED;
            }
            targets = room.players();
        } else {
            targets = lobby.channels.get(c.chatChannel).stream().filter(LobbyClient::isLobby).toList();
        }
        if (lobby.config.messageTargets() && text.startsWith("@")) {
            int space = text.indexOf(' ');
            String name = space < 0 ? text.substring(1) : text.substring(1, space);
            if (!name.isEmpty()) {
                text = space < 0 ? "" : text.substring(space + 1);
                if (name.equals("all")) {
                    targets = lobby.lobbyClients();
                } else {
                    for (LobbyClient t : targets) {
                        if (t.username.equals(name)) {
                            targets = List.of(t, c);
                            break;
                        }
                    }
                }
            }
        }
        lobby.broadcast(targets, c.protocol > 4
                ? new LobbyReply.ChannelChat(c.username, c.chatChannel, text)
                : new LobbyReply.Chat(c.username, text));
        return NEXT;
    }

    private Outcome channel(LobbyClient c, String name) {
        if (!c.greeted) {
            return IGNORED;
        }
        if (!lobby.channels.containsKey(name)) {
            return error(c, LobbyError.ROOM_NAME_TAKEN.reply(name));
        }
        if (c.chatChannel.equals(name)) {
            return STOP;
        }
        lobby.channels.get(c.chatChannel).remove(c);
        lobby.channels.get(name).add(c);
        c.chatChannel = name;
        lobby.send(c, new LobbyReply.ChannelSwitched(name));
        return NEXT;
    }

    private Outcome newRoom(LobbyClient c, String name) {
        if (!c.greeted || c.joined) {
            return IGNORED;
        }
        if (lobby.rooms.exists(name)) {
            return error(c, LobbyError.ROOM_NAME_TAKEN.reply(name));
        }
        if (name.isEmpty() || name.startsWith(" ") || name.codePointCount(0, name.length()) < 3) {
            return error(c, LobbyError.ROOM_NAME_INVALID.reply(name));
        }
        lobby.rooms.create(name, c);
        c.joined = true;
        c.ready = false;
        c.roomName = name;
        log.info("[R {}]: room created", name);
        lobby.stats.roomCreated();
        return NEXT;
    }

    private Outcome pswd(LobbyClient c, String password) {
        Room<LobbyClient> r = roomFor(c, null);
        if (r == null) {
            return IGNORED;
        }
        if (r.host() == c) {
            r.password(password);
            return NEXT;
        }
        if (r.contains(c)) {
            // Already a player: the original announced the join again, or on a wrong password
            // left the user among the players but no longer joined, a ghost that could not leave.
            return IGNORED;
        }
        if (!r.passwordMatches(password)) {
            c.joined = false;
            return error(c, LobbyError.INCORRECT_PASSWORD.reply());
        }
        r.join(c);
        log.info("[R {}] {} joined", r.name(), c.username);
        lobby.broadcast(r.players(), new LobbyReply.Joined(r.name(), c.username));
        lobby.updateStatus(r);
        lobby.updateRooms();
        if (c.protocol >= 4) {
            lobby.send(c, new LobbyReply.GameMode(r.gameMode()));
        }
        if (c.protocol <= 4) {
            lobby.send(c, new LobbyReply.InRoomChat());
        }
        LobbyClient host = r.host();
        if (!c.vcmiVersion.equals(host.vcmiVersion)) {
            lobby.send(c, new LobbyReply.VersionMismatch(c.vcmiVersion, host.vcmiVersion));
        }
        return NEXT;
    }

    private Outcome count(LobbyClient c, String value) {
        Room<LobbyClient> r = roomFor(c, null);
        if (r == null || r.host() != c) {
            return IGNORED;
        }
        if (r.total() != Room.UNSET_TOTAL) {
            return error(c, LobbyError.COUNT_ALREADY_SET.reply());
        }
        BigInteger n = PythonInt.parse(value);
        if (n == null || n.compareTo(BigInteger.TWO) < 0 || n.compareTo(BigInteger.valueOf(8)) > 0) {
            lobby.deleteRoom(r);
            return error(c, LobbyError.COUNT_INVALID.reply());
        }
        r.total(n.intValue());
        lobby.send(c, new LobbyReply.Created(r.name()));
        lobby.send(c, new LobbyReply.Joined(r.name(), c.username));
        lobby.updateStatus(r);
        lobby.updateRooms();
        lobby.send(c, new LobbyReply.InRoomChat());
        return NEXT;
    }

    private Outcome join(LobbyClient c, String name) {
        if (!c.greeted || c.joined) {
            return IGNORED;
        }
        Room<LobbyClient> r = lobby.rooms.get(name);
        if (r == null) {
            return error(c, LobbyError.NO_SUCH_ROOM.reply(name));
        }
        if (r.joined() >= r.total()) {
            return error(c, LobbyError.ROOM_FULL.reply(name));
        }
        c.joined = true;
        c.ready = false;
        c.roomName = name;
        return NEXT;
    }

    private Outcome hostMode(LobbyClient c, String value) {
        Room<LobbyClient> r = roomFor(c, null);
        if (r == null) {
            return IGNORED;
        }
        if (notHost(c, r)) {
            return STOP;
        }
        BigInteger mode = PythonInt.parse(value);
        if (mode == null) {
            c.faults.report("bad_value", "game mode '" + VcmiLobby.quote(value) + "' is not a number; ignored");
            return NEXT;
        }
        r.gameMode(mode);
        lobby.broadcast(r.players(), new LobbyReply.GameMode(mode));
        return NEXT;
    }

    private Outcome mods(LobbyClient c, String value) {
        Room<LobbyClient> r = c.greeted && c.joined ? lobby.rooms.get(c.roomName) : null;
        if (r == null) {
            return IGNORED;
        }
        String[] mods = value.split(";", -1);
        if (r.host() == c) {
            for (String m : mods) {
                int amp = m.indexOf('&');
                r.putMod(amp < 0 ? m : m.substring(0, amp), amp < 0 ? "" : m.substring(amp + 1));
            }
        }
        List<LobbyReply.Mods.Mod> roomMods = new ArrayList<>();
        r.mods().forEach((name, version) -> roomMods.add(new LobbyReply.Mods.Mod(name, version)));
        lobby.send(c, new LobbyReply.Mods(roomMods));
        if (mods.length > 0 && r.host().protocol >= 3) {
            lobby.send(r.host(), new LobbyReply.ModsOther(c.username, List.of(mods)));
        }
        return NEXT;
    }

    private Outcome leave(LobbyClient c, String name) {
        Room<LobbyClient> r = roomFor(c, name);
        if (r == null) {
            return IGNORED;
        }
        if (r.host() == c) {
            lobby.deleteRoom(r);
        } else {
            lobby.broadcast(r.players(), new LobbyReply.Kicked(r.name(), c.username));
            r.leave(c);
            r.players().forEach(p -> p.ready = false);
            c.joined = false;
            log.info("[R {}] {} left", r.name(), c.username);
            lobby.updateStatus(r);
        }
        lobby.updateRooms();
        return NEXT;
    }

    private Outcome kick(LobbyClient c, String name) {
        Room<LobbyClient> r = roomFor(c, null);
        if (r == null) {
            return IGNORED;
        }
        if (notHost(c, r)) {
            return STOP;
        }
        for (LobbyClient p : new ArrayList<>(r.players())) {
            if (p != r.host() && p.username.equals(name)) {
                lobby.broadcast(r.players(), new LobbyReply.Kicked(r.name(), p.username));
                r.leave(p);
                p.joined = false;
                log.info("[R {}] {} was kicked", r.name(), p.username);
                lobby.updateStatus(r);
                lobby.startRoomIfReady(r);
                lobby.updateRooms();
                break;
            }
        }
        return NEXT;
    }

    private Outcome ready(LobbyClient c, String name) {
        Room<LobbyClient> r = roomFor(c, name);
        if (r == null) {
            return IGNORED;
        }
        c.ready = !c.ready;
        lobby.updateStatus(r);
        if (c.protocol < 3 && r.host() == c) {
            lobby.startRoom(r);
            lobby.updateRooms();
        } else if (lobby.startRoomIfReady(r)) {
            lobby.updateRooms();
        }
        return NEXT;
    }

    private Outcome forceStart(LobbyClient c, String name) {
        Room<LobbyClient> r = roomFor(c, name);
        if (r == null) {
            return IGNORED;
        }
        if (notHost(c, r)) {
            return STOP;
        }
        lobby.startRoom(r);
        lobby.updateRooms();
        return NEXT;
    }

    private Outcome root(LobbyClient c, String field) {
        if (!c.greeted) {
            return IGNORED;
        }
        // Counted with the faults: any user may ask, and the original logs each one as a warning.
        c.faults.report("root", "ROOT " + VcmiLobby.quote(field));
        OptionalLong value = lobby.stats.field(field);
        if (value.isPresent()) {
            lobby.send(c, new LobbyReply.Statistic(value.getAsLong()));
        }
        return NEXT;
    }

    private Outcome here(LobbyClient c, String ignored) {
        if (!c.greeted) {
            return IGNORED;
        }
        if (c.protocol >= 4) {
            lobby.send(c, lobby.users());
            return NEXT;
        }
        List<LobbyReply.PeopleInLobby.Person> people = new ArrayList<>();
        for (LobbyClient s : lobby.channels.get(c.chatChannel)) {
            if (s.isLobby()) {
                people.add(new LobbyReply.PeopleInLobby.Person(s.username, s.joined ? s.roomName : null));
            }
        }
        lobby.send(c, new LobbyReply.PeopleInLobby(people));
        return NEXT;
    }

    private Outcome alive(LobbyClient c, String ignored) {
        if (!c.greeted) {
            return IGNORED;
        }
        c.healthCredit = lobby.config.healthcheck().toSeconds();
        return NEXT;
    }
}
