package io.gatehouse.vcmi.handler;

import io.gatehouse.core.lobby.Room;
import io.gatehouse.core.lobby.Rooms;
import io.gatehouse.core.relay.RelayService;
import io.gatehouse.vcmi.VcmiConfig;
import io.gatehouse.vcmi.codec.LobbyCommands;
import io.gatehouse.vcmi.codec.LobbyHandshake;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VCMI lobby (docs/protocol/vcmi.md sections 3, 5, 6, 7): users, channels, rooms and game
 * starts. A single-threaded actor: every method runs on {@code actor}, so the state needs no
 * locks and replies leave in the order the spec gives. Commands are in {@link LobbyCommandTable}.
 */
public final class VcmiLobby {

    static final String SYSUSER = "System";
    static final String GLOBAL = "global";
    static final String ROOM = "room";
    static final Set<String> RESERVED = Set.of(SYSUSER, "all", ROOM);

    private static final Logger log = LoggerFactory.getLogger(VcmiLobby.class);

    final Executor actor;
    final VcmiConfig config;
    final VcmiStats stats;
    final RelayService relay;
    final Rooms<LobbyClient> rooms = new Rooms<>();
    /** Every connection in accept order, lobby and pipe alike (replies to "all" follow this order). */
    final List<LobbyClient> senders = new ArrayList<>();
    final Map<String, List<LobbyClient>> channels = new LinkedHashMap<>();
    private final LobbyCommandTable commands = new LobbyCommandTable(this);

    public VcmiLobby(Executor actor, VcmiConfig config, VcmiStats stats, RelayService relay) {
        this.actor = actor;
        this.config = config;
        this.stats = stats;
        this.relay = relay;
        channels.put(GLOBAL, new ArrayList<>());
        channels.put(ROOM, new ArrayList<>());
    }

    // ---- events from connections (each runs on the actor) -------------------------------------

    void accepted(LobbyClient c) {
        actor.execute(() -> {
            senders.add(c);
            String host = c.address.contains(":") ? c.address.substring(0, c.address.lastIndexOf(':')) : c.address;
            stats.login(host);
            log.info("[+] {} connected", c.address);
        });
    }

    /** A lobby packet; {@code done} runs once it has been handled. */
    void packet(LobbyClient c, byte[] bytes, Runnable done) {
        actor.execute(() -> {
            try {
                handlePacket(c, bytes);
            } finally {
                done.run();
            }
        });
    }

    private void handlePacket(LobbyClient c, byte[] bytes) {
        if (!senders.contains(c)) {
            return;
        }
        if (!c.isLobby()) {
            // Only the first packet is the handshake; later ones are commands, greeted or not.
            c.kind = LobbyClient.Kind.LOBBY;
            LobbyHandshake.Result hs = LobbyHandshake.read(bytes);
            if (!hs.ok()) {
                log.error("[!] {}: {}", c.address, hs.error());
                send(c, ":>>ERROR:" + hs.error());
                c.closeAfterWrites();
                return;
            }
            c.protocol = hs.protocol();
            c.encoding = hs.encoding();
        }
        dispatch(c, c.encoding.decode(bytes));
    }

    void pipeStarted(LobbyClient c) {
        actor.execute(() -> c.kind = LobbyClient.Kind.PIPE);
    }

    void disconnected(LobbyClient c) {
        actor.execute(() -> {
            if (c.isLobby()) {
                disconnectLobby(c);
            }
            senders.remove(c);
            log.info("[-] {} disconnected", c);
        });
    }

    /** One health check period passed (section 7). */
    public void healthTick() {
        actor.execute(() -> {
            long period = config.healthcheck().toSeconds();
            List<LobbyClient> drop = new ArrayList<>();
            for (LobbyClient c : senders) {
                if (c.isLobby() && c.greeted && c.protocol >= 4) {
                    c.healthCredit -= period;
                    if (c.healthCredit <= 0) {
                        send(c, ":>>HEALTH:");
                    }
                    if (c.healthCredit <= -period) {
                        drop.add(c);
                    }
                }
            }
            for (LobbyClient c : drop) {
                log.warn("[!] {} did not answer the health check", c);
                disconnectLobby(c);
                senders.remove(c);
                c.closeAfterWrites();
            }
        });
    }

    /** Tells every greeted lobby user the server is stopping (Gatehouse's own line; the original just dies). */
    public void shutdown() {
        actor.execute(() -> {
            for (LobbyClient c : List.copyOf(senders)) {
                if (c.isLobby() && c.greeted) {
                    send(c, ":>>ERROR:Server is shutting down");
                }
            }
        });
    }

    // ---- dispatch --------------------------------------------------------------------------------

    private void dispatch(LobbyClient c, String text) {
        while (true) {
            LobbyCommands.Command cmd = LobbyCommands.next(text);
            if (cmd == null) {
                log.error("[!] Incorrect message from {}: {}", c.address, text);
                return;
            }
            if (!commands.run(c, cmd.tag(), cmd.value()) || cmd.rest().isEmpty() || !senders.contains(c)) {
                return;
            }
            // The original re-encodes the rest as UTF-8 and decodes it in the client's encoding.
            text = c.encoding.decode(cmd.rest().getBytes(StandardCharsets.UTF_8));
        }
    }

    // ---- what commands share ---------------------------------------------------------------------

    /** Writes to one connection if it is still in the lobby. */
    void send(LobbyClient c, String text) {
        if (senders.contains(c)) {
            c.write(text);
        }
    }

    /** Writes to the greeted lobby users among {@code targets}. */
    void broadcast(List<LobbyClient> targets, String text) {
        for (LobbyClient t : List.copyOf(targets)) {
            if (t.isLobby() && t.greeted) {
                send(t, text);
            }
        }
    }

    List<LobbyClient> lobbyClients() {
        return senders.stream().filter(LobbyClient::isLobby).toList();
    }

    List<LobbyClient> greetedClients() {
        return senders.stream().filter(s -> s.isLobby() && s.greeted).toList();
    }

    /** Closes a lobby user whose command the original would have failed on, losing the connection (section 6 runs). */
    void drop(LobbyClient c, String why) {
        log.error("[!] {}: {}; closing the connection", c, why);
        disconnectLobby(c);
        c.closeAfterWrites();
    }

    void sendUsers(LobbyClient to) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (LobbyClient s : senders) {
            if (s.isLobby() && !s.username.isEmpty()) {
                b.append(':').append(s.username);
                n++;
            }
        }
        send(to, ":>>USERS:" + n + b);
    }

    void sendRooms(LobbyClient to) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (Room<LobbyClient> r : rooms.all()) {
            if (!r.started()) {
                b.append(':').append(r.name()).append(':').append(r.joined()).append(':').append(r.total())
                        .append(':').append(py(r.isProtected()));
                n++;
            }
        }
        send(to, ":>>SESSIONS:" + n + b);
    }

    void updateRooms() {
        for (LobbyClient s : lobbyClients()) {
            sendRooms(s);
        }
    }

    void updateStatus(Room<LobbyClient> r) {
        StringBuilder b = new StringBuilder(":>>STATUS:").append(r.joined());
        for (LobbyClient p : r.players()) {
            b.append(':').append(p.username).append(':').append(py(p.ready));
        }
        broadcast(r.players(), b.toString());
    }

    void deleteRoom(Room<LobbyClient> r) {
        for (LobbyClient p : r.players()) {
            p.joined = false;
            send(p, ":>>KICK:" + r.name() + ":" + p.username);
        }
        log.info("[R {}]: Destroying room", r.name());
        rooms.remove(r);
    }

    boolean startRoomIfReady(Room<LobbyClient> r) {
        if (r.joined() > 1 && r.allReady(p -> p.ready)) {
            startRoom(r);
            return true;
        }
        return false;
    }

    /** Section 5, "Starting a game": HOST to the host, START to each player, then their lobby connections close. */
    void startRoom(Room<LobbyClient> r) {
        stats.sessionStarted();
        r.markStarted();
        String hostUuid = UUID.randomUUID().toString();
        List<String> clientUuids = new ArrayList<>();
        for (int i = 0; i < r.joined(); i++) {
            clientUuids.add(UUID.randomUUID().toString());
        }
        relay.open(r.name(), hostUuid, clientUuids);
        log.info("[S {}] Starting for {} players", r.name(), r.joined());
        send(r.host(), ":>>HOST:" + hostUuid + ":" + (r.joined() - 1));
        List<LobbyClient> players = List.copyOf(r.players());
        for (int i = 0; i < players.size(); i++) {
            send(players.get(i), ":>>START:" + clientUuids.get(i));
        }
        for (LobbyClient p : players) {
            p.closeAfterWrites();
            senders.remove(p);
        }
        log.info("[R {}] Exit room as session {} was started", r.name(), r.name());
        rooms.remove(r);
    }

    /** Section 6. */
    private void disconnectLobby(LobbyClient c) {
        if (c.gone) {
            return;
        }
        c.gone = true;
        senders.remove(c);
        channels.values().forEach(list -> list.remove(c));
        if (c.joined && rooms.exists(c.roomName)) {
            Room<LobbyClient> r = rooms.get(c.roomName);
            if (!r.started()) {
                if (r.host() == c) {
                    deleteRoom(r);
                } else {
                    r.leave(c);
                    c.joined = false;
                    broadcast(r.players(), ":>>KICK:" + c.roomName + ":" + c.username);
                    updateStatus(r);
                }
                updateRooms();
            }
        }
        for (LobbyClient cl : List.copyOf(senders)) {
            if (cl.isLobby() && cl.greeted && cl.protocol >= 4) {
                sendUsers(cl);
            }
        }
    }

    /** Python's spelling of a boolean. */
    static String py(boolean b) {
        return b ? "True" : "False";
    }
}
