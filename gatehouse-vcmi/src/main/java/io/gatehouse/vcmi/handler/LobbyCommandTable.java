package io.gatehouse.vcmi.handler;

import static io.gatehouse.vcmi.handler.LobbyCommandTable.Outcome.IGNORED;
import static io.gatehouse.vcmi.handler.LobbyCommandTable.Outcome.NEXT;
import static io.gatehouse.vcmi.handler.LobbyCommandTable.Outcome.STOP;

import io.gatehouse.core.lobby.Room;
import io.gatehouse.vcmi.codec.PythonInt;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static final String IN_ROOM_CHAT = ":>>MSG:" + VcmiLobby.SYSUSER + ":You are in the room chat.";
    private static final String NO_PERMISSION = ":>>ERROR:Insuficcient permissions";

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

    private Outcome error(LobbyClient c, String text) {
        lobby.send(c, ":>>ERROR:" + text);
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
        lobby.send(c, NO_PERMISSION);
        return true;
    }

    private Outcome greetings(LobbyClient c, String name) {
        if (c.greeted) {
            c.faults.report("out_of_state", "GREETINGS from user " + c.username + ", who is greeted already");
            return error(c, "User already authorized");
        }
        if (name.codePointCount(0, name.length()) < 3) {
            c.faults.report("bad_name", "incorrect username " + VcmiLobby.quote(name));
            return error(c, "Too short username " + name);
        }
        if (VcmiLobby.RESERVED.contains(name)) {
            c.faults.report("bad_name", "incorrect username " + VcmiLobby.quote(name));
            return error(c, "Username " + name + " is reserved by system");
        }
        if (!USERNAME.matcher(name).find()) {
            c.faults.report("bad_name", "incorrect username " + VcmiLobby.quote(name));
            return error(c, "Invalid username");
        }
        for (LobbyClient s : lobby.senders) {
            if (s.isLobby() && s.username.equals(name)) {
                c.faults.report("bad_name", "username " + VcmiLobby.quote(name) + " is taken");
                return error(c, "Can't connect with the name " + name + ". This login is already occpupied");
            }
        }
        log.info("[*] {} autorized as {}", c.address, name);
        lobby.stats.user(name);
        c.username = name;
        List<LobbyClient> oldProtocol = lobby.senders.stream().filter(s -> s.isLobby() && s.protocol < 4).toList();
        lobby.broadcast(oldProtocol, ":>>MSG:" + VcmiLobby.SYSUSER + ":" + name + " is here");
        for (LobbyClient s : List.copyOf(lobby.senders)) {
            if (s.isLobby() && s.protocol >= 4) {
                lobby.sendUsers(s);
            }
        }
        c.greeted = true;
        lobby.greeted(c);
        c.healthCredit = lobby.config.healthcheck().toSeconds();
        lobby.channels.get(c.chatChannel).add(c);
        lobby.sendRooms(c);
        if (c.protocol >= 4) {
            lobby.sendUsers(c);
        }
        long pipes = lobby.senders.stream().filter(s -> s.kind == LobbyClient.Kind.PIPE).count();
        String info = ":>>MSG:" + VcmiLobby.SYSUSER + ":Here available " + (lobby.greetedClients().size() - 1)
                + " users, currently playing " + pipes;
        if (c.protocol < 4) {
            info += "\n Send <HERE> to see people names in the chat";
        }
        lobby.send(c, info);
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
        String line = c.protocol > 4
                ? ":>>MSGCH:" + c.username + ":" + c.chatChannel + ":" + text
                : ":>>MSG:" + c.username + ":" + text;
        lobby.broadcast(targets, line);
        return NEXT;
    }

    private Outcome channel(LobbyClient c, String name) {
        if (!c.greeted) {
            return IGNORED;
        }
        if (!lobby.channels.containsKey(name)) {
            return error(c, "Cannot create session with name " + name + ", session with this name already exists");
        }
        if (c.chatChannel.equals(name)) {
            return STOP;
        }
        lobby.channels.get(c.chatChannel).remove(c);
        lobby.channels.get(name).add(c);
        c.chatChannel = name;
        lobby.send(c, ":>>CHANNEL:" + name);
        return NEXT;
    }

    private Outcome newRoom(LobbyClient c, String name) {
        if (!c.greeted || c.joined) {
            return IGNORED;
        }
        if (lobby.rooms.exists(name)) {
            return error(c, "Cannot create session with name " + name + ", session with this name already exists");
        }
        if (name.isEmpty() || name.startsWith(" ") || name.codePointCount(0, name.length()) < 3) {
            return error(c, "Cannot create session with invalid name " + name);
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
            return error(c, "Incorrect password");
        }
        r.join(c);
        log.info("[R {}] {} joined", r.name(), c.username);
        lobby.broadcast(r.players(), ":>>JOIN:" + r.name() + ":" + c.username);
        lobby.updateStatus(r);
        lobby.updateRooms();
        if (c.protocol >= 4) {
            lobby.send(c, ":>>GAMEMODE:" + r.gameMode());
        }
        if (c.protocol <= 4) {
            lobby.send(c, IN_ROOM_CHAT);
        }
        LobbyClient host = r.host();
        if (!c.vcmiVersion.equals(host.vcmiVersion)) {
            lobby.send(c, ":>>MSG:" + VcmiLobby.SYSUSER + ":Your VCMI version " + c.vcmiVersion + " differs from host version "
                    + host.vcmiVersion + ", which may cause problems");
        }
        return NEXT;
    }

    private Outcome count(LobbyClient c, String value) {
        Room<LobbyClient> r = roomFor(c, null);
        if (r == null || r.host() != c) {
            return IGNORED;
        }
        if (r.total() != Room.UNSET_TOTAL) {
            return error(c, "Changing amount of players is not possible for existing session");
        }
        BigInteger n = PythonInt.parse(value);
        if (n == null || n.compareTo(BigInteger.TWO) < 0 || n.compareTo(BigInteger.valueOf(8)) > 0) {
            lobby.deleteRoom(r);
            return error(c, "Cannot create room with invalid amount of players");
        }
        r.total(n.intValue());
        lobby.send(c, ":>>CREATED:" + r.name());
        lobby.send(c, ":>>JOIN:" + r.name() + ":" + c.username);
        lobby.updateStatus(r);
        lobby.updateRooms();
        lobby.send(c, IN_ROOM_CHAT);
        return NEXT;
    }

    private Outcome join(LobbyClient c, String name) {
        if (!c.greeted || c.joined) {
            return IGNORED;
        }
        Room<LobbyClient> r = lobby.rooms.get(name);
        if (r == null) {
            return error(c, "Room with name " + name + " doesn't exist");
        }
        if (r.joined() >= r.total()) {
            return error(c, "Room " + name + " is full");
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
        lobby.broadcast(r.players(), ":>>GAMEMODE:" + mode);
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
        StringBuilder list = new StringBuilder().append(r.mods().size());
        r.mods().forEach((name, version) -> list.append(':').append(name).append(':').append(version));
        lobby.send(c, ":>>MODS:" + list);
        String flat = String.join(":", mods).replace("&", ":");
        if (mods.length > 0 && r.host().protocol >= 3) {
            lobby.send(r.host(), ":>>MODSOTHER:" + c.username + ":" + mods.length + ":" + flat);
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
            lobby.broadcast(r.players(), ":>>KICK:" + r.name() + ":" + c.username);
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
                lobby.broadcast(r.players(), ":>>KICK:" + r.name() + ":" + p.username);
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
        String value = lobby.stats.field(field);
        if (value != null) {
            lobby.send(c, ":>>MSG:" + VcmiLobby.SYSUSER + ":" + value);
        }
        return NEXT;
    }

    private Outcome here(LobbyClient c, String ignored) {
        if (!c.greeted) {
            return IGNORED;
        }
        if (c.protocol >= 4) {
            lobby.sendUsers(c);
            return NEXT;
        }
        StringBuilder b = new StringBuilder(":>>MSG:" + VcmiLobby.SYSUSER + ":People in lobby");
        for (LobbyClient s : lobby.channels.get(c.chatChannel)) {
            if (s.isLobby()) {
                b.append('\n').append(s.username);
                if (s.joined) {
                    b.append("[room ").append(s.roomName).append(']');
                }
            }
        }
        lobby.send(c, b.toString());
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
