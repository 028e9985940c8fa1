package io.gatehouse.vcmi.handler;

import io.gatehouse.core.lobby.LocalRooms;
import io.gatehouse.core.lobby.Room;
import io.gatehouse.core.lobby.Rooms;
import io.gatehouse.core.metrics.ClientFaults;
import io.gatehouse.core.relay.Relay;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.session.SessionDirectory;
import io.gatehouse.core.time.Deadline;
import io.gatehouse.core.time.Scheduler;
import io.gatehouse.vcmi.VcmiConfig;
import io.gatehouse.vcmi.codec.LobbyCommands;
import io.gatehouse.vcmi.codec.LobbyEncoding;
import io.gatehouse.vcmi.codec.LobbyHandshake;
import io.gatehouse.vcmi.codec.LobbyReplyEncoder;
import io.gatehouse.vcmi.message.LobbyError;
import io.gatehouse.vcmi.message.LobbyReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VCMI lobby (docs/protocol/vcmi.md sections 3, 5, 6, 7): users, channels, rooms and game
 * starts. A single-threaded actor: every method runs on {@code actor}, so the state needs no
 * locks and replies leave in the order the spec gives. Commands are in {@link LobbyCommandTable}.
 * What clients do wrong is counted and logged through {@link ClientFaults}, so that no client
 * decides how much is logged (section 10).
 */
public final class VcmiLobby {

    static final String GLOBAL = "global";
    static final String ROOM = "room";
    static final Set<String> RESERVED = Set.of(LobbyReply.Notice.SENDER, "all", ROOM);
    /** Commands of one packet that run at most; the original fails (and drops the client) near 1,000, where Python's recursion ends. */
    static final int MAX_COMMANDS_PER_PACKET = 1000;
    /** Pipe uuids of started games the lobby remembers the player of, at most; the oldest are forgotten. */
    static final int MAX_REMEMBERED_PIPES = 4096;
    /** How much of a client's text a log line quotes. */
    private static final int QUOTED_CHARS = 120;

    private static final Logger log = LoggerFactory.getLogger(VcmiLobby.class);

    final Executor actor;
    final VcmiConfig config;
    final VcmiStats stats;
    final Relay relay;
    final Scheduler scheduler;
    final ClientFaults faults;
    final SessionDirectory sessions;
    final Rooms<LobbyClient> rooms = new LocalRooms<>();
    /** Every connection in accept order, lobby and pipe alike (replies to "all" follow this order). */
    final List<LobbyClient> senders = new ArrayList<>();
    final Map<String, List<LobbyClient>> channels = new LinkedHashMap<>();
    private final LobbyCommandTable commands = new LobbyCommandTable(this);
    /** The pipes attached on this node, added and removed by their connections on their event loops. */
    final Set<PipeEndpoint> pipes = ConcurrentHashMap.newKeySet();
    /** For each pipe uuid of a started game: the game and the player (host included) it was made for; actor only. */
    private final Map<String, PipeOwner> owners = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PipeOwner> eldest) {
            return size() > MAX_REMEMBERED_PIPES;
        }
    };

    private record PipeOwner(String game, String player) {
    }

    /** False while this node is a cluster node whose lobby runs elsewhere (from {@link #relinquish()} to {@link #serve()}); actor only. */
    private boolean serving = true;

    public VcmiLobby(Executor actor, VcmiConfig config, VcmiStats stats, Relay relay, Scheduler scheduler,
                     ClientFaults faults, SessionDirectory sessions) {
        this.actor = actor;
        this.sessions = sessions;
        this.config = config;
        this.stats = stats;
        this.relay = relay;
        this.scheduler = scheduler;
        this.faults = faults;
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
            if (!serving) {
                // its connection chose this lobby a moment before it moved to another node
                c.encoding = hs.ok() ? hs.encoding() : LobbyEncoding.UTF8;
                send(c, LobbyError.LOBBY_LOST.reply());
                c.line.closing(CloseReason.SERVER_SHUTDOWN);
                disconnectLobby(c);
                c.closeAfterWrites();
                return;
            }
            if (!hs.ok()) {
                c.faults.report("bad_handshake", hs.error().text(null) + "; closing");
                send(c, hs.error().reply());
                c.line.closing(CloseReason.BAD_FRAME);
                c.closeAfterWrites();
                return;
            }
            c.protocol = hs.protocol();
            c.encoding = hs.encoding();
        }
        if (c.idleLimit != null) {
            c.idleLimit.touch();
        }
        if (!c.greeted && tooMuchBeforeGreeting(c, bytes.length)) {
            return;
        }
        dispatch(c, c.encoding.decode(bytes));
    }

    /** Counts a packet before the greeting; past the handshake limits the client is refused and closed (section 8). */
    private boolean tooMuchBeforeGreeting(LobbyClient c, int length) {
        c.packetsBeforeGreeting++;
        c.bytesBeforeGreeting += 4L + length;
        VcmiConfig.Admission a = config.admission();
        if (c.packetsBeforeGreeting <= a.maxHandshakePackets() && c.bytesBeforeGreeting <= a.maxHandshakeBytes()) {
            return false;
        }
        c.faults.report("handshake_limit", c.packetsBeforeGreeting + " packets, " + c.bytesBeforeGreeting
                + " bytes before greeting (max " + a.maxHandshakePackets() + ", " + a.maxHandshakeBytes() + "); closing");
        send(c, LobbyError.TOO_MUCH_BEFORE_LOGIN.reply());
        c.line.closing(CloseReason.OVERSIZED);
        disconnectLobby(c);
        c.closeAfterWrites();
        return true;
    }

    void pipeStarted(LobbyClient c) {
        actor.execute(() -> c.kind = LobbyClient.Kind.PIPE);
    }

    void disconnected(LobbyClient c) {
        actor.execute(() -> {
            if (c.idleLimit != null) {
                c.idleLimit.stop();
            }
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
                        send(c, new LobbyReply.Health());
                    }
                    if (c.healthCredit <= -period) {
                        drop.add(c);
                    }
                }
            }
            for (LobbyClient c : drop) {
                c.faults.report("timeout", "did not answer the health check; closing");
                c.line.closing(CloseReason.HEARTBEAT_TIMEOUT);
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
                    send(c, LobbyError.SHUTTING_DOWN.reply());
                }
            }
        });
    }

    /**
     * This node is no longer the cluster's lobby node (docs/protocol/vcmi.md, "Lobby across
     * cluster nodes"): every lobby user, greeted or not, is told {@code LOBBY_LOST} and closed,
     * with no leaving announced to the others (they go too), and the rooms are forgotten, so
     * that no second lobby stays and a later turn as lobby node starts empty.
     */
    void relinquish() {
        actor.execute(() -> {
            List<LobbyClient> users = lobbyClients();
            sendEach(users, LobbyError.LOBBY_LOST.reply());
            for (LobbyClient c : users) {
                c.gone = true;
                if (c.idleLimit != null) {
                    c.idleLimit.stop();
                }
                if (c.session != null) {
                    sessions.release(c.session);
                }
                senders.remove(c);
                channels.values().forEach(list -> list.remove(c));
                c.joined = false;
                c.line.closing(CloseReason.SERVER_SHUTDOWN);
                c.closeAfterWrites();
            }
            List.copyOf(rooms.all()).forEach(rooms::remove);
            serving = false;
            log.info("[-] this node is no longer the lobby's; {} lobby connection(s) closed", users.size());
        });
    }

    /** This node is the cluster's lobby node again (after {@link #relinquish()}): new lobby connections are its members. */
    void serve() {
        actor.execute(() -> serving = true);
    }

    /** The core ends a greeted user's session (an operator's kick, a ban): the ERROR line, its leaving, the close. */
    void endFromCore(LobbyClient c, CloseReason reason, LobbyReply.Error answer) {
        actor.execute(() -> {
            if (c.gone) {
                return;
            }
            log.info("[-] {} disconnected by the server: {}", c, reason.text());
            send(c, answer);
            c.line.closing(reason);
            disconnectLobby(c);
            c.closeAfterWrites();
        });
    }

    /** A client fault seen off the actor (by the connection's decoder or handler), reported on it. */
    void fault(LobbyClient c, String kind, String what) {
        actor.execute(() -> c.faults.report(kind, what));
    }

    /** The handshake deadline passed for a lobby connection: unless it was greeted meanwhile, it is refused (section 8). */
    void handshakeExpired(LobbyClient c) {
        actor.execute(() -> {
            if (c.greeted || !senders.contains(c)) {
                return;
            }
            c.faults.report("timeout", "not greeted within " + config.admission().handshakeTimeout().toSeconds() + " s; closing");
            send(c, LobbyError.LOGIN_TIMED_OUT.reply());
            c.line.closing(CloseReason.HEARTBEAT_TIMEOUT);
            disconnectLobby(c);
            c.closeAfterWrites();
        });
    }

    /**
     * The client is greeted: its handshake deadline ends, and a user the health check does not
     * cover (protocol below 4, or the check off) gets a silence limit instead (section 8).
     */
    void greeted(LobbyClient c) {
        c.handshakeLimit.stop();
        c.session = new LobbySession(this, c);
        sessions.attach(c.session, null, c.username);
        if (c.protocol < 4 || config.healthcheck().isZero()) {
            c.idleLimit = new Deadline(scheduler, config.admission().idleTimeout(), () -> fromTimer(() -> idleExpired(c))).start();
        }
    }

    /** Hands a timer's task to the actor; once the front has stopped, the actor is gone and the task with it. */
    private void fromTimer(Runnable task) {
        try {
            actor.execute(task);
        } catch (RejectedExecutionException stopped) {
            log.debug("the lobby has stopped; a late timer task is dropped");
        }
    }

    private void idleExpired(LobbyClient c) {
        if (c.gone || !senders.contains(c)) {
            return;
        }
        c.faults.report("timeout", "silent for " + config.admission().idleTimeout().toSeconds() + " s; closing");
        send(c, LobbyError.INACTIVE.reply());
        c.line.closing(CloseReason.HEARTBEAT_TIMEOUT);
        disconnectLobby(c);
        c.closeAfterWrites();
    }

    /** The rooms and the games with pipes here, read on the actor; the answer, later. */
    public CompletableFuture<VcmiStatus> status() {
        CompletableFuture<VcmiStatus> f = new CompletableFuture<>();
        try {
            actor.execute(() -> f.complete(statusNow()));
        } catch (RejectedExecutionException stopped) {
            f.complete(new VcmiStatus(scheduler.nowMillis(), List.of(), List.of()));
        }
        return f;
    }

    private VcmiStatus statusNow() {
        List<VcmiStatus.RoomStatus> open = new ArrayList<>();
        for (Room<LobbyClient> r : rooms.all()) {
            open.add(new VcmiStatus.RoomStatus(r.name(), r.host().username,
                    r.players().stream().map(p -> new VcmiStatus.PlayerStatus(p.username, p.ready)).toList(), r.total(), r.isProtected()));
        }
        Map<String, List<VcmiStatus.PipeStatus>> byGame = new TreeMap<>();
        for (PipeEndpoint p : pipes) {
            PipeOwner owner = owners.getOrDefault(p.uuid(), new PipeOwner("?", "?"));
            byGame.computeIfAbsent(owner.game(), g -> new ArrayList<>()).add(p.status(owner.player()));
        }
        List<VcmiStatus.GameStatus> games = new ArrayList<>();
        byGame.forEach((game, list) -> games.add(new VcmiStatus.GameStatus(game, list)));
        return new VcmiStatus(scheduler.nowMillis(), open, games);
    }

    // ---- dispatch --------------------------------------------------------------------------------

    /**
     * Runs the commands of one packet's text in order (section 5). The original re-encodes what
     * follows each command as UTF-8 and decodes it again in the client's encoding; that changes
     * nothing for UTF-8 clients and for ASCII text in an encoding that keeps ASCII, so the text is
     * only re-read where it can change. Re-reading can grow the text (each round turns a
     * non-ASCII character of a single-byte encoding into two or more): past
     * {@code max_packet_bytes} characters, or past {@link #MAX_COMMANDS_PER_PACKET} commands, the
     * client is dropped as the original drops it when it runs out of memory or recursion.
     */
    private void dispatch(LobbyClient c, String text) {
        int from = 0;
        int lastNonAscii = lastNonAscii(c.encoding, text);
        for (int n = 1; ; n++) {
            LobbyCommands.Command cmd = LobbyCommands.next(text, from);
            if (cmd == null) {
                c.faults.report("bad_command", "incorrect message: " + quote(text.substring(from)));
                return;
            }
            if (n > MAX_COMMANDS_PER_PACKET) {
                c.line.closing(CloseReason.BAD_FRAME);
                drop(c, "bad_command", "more than " + MAX_COMMANDS_PER_PACKET + " commands in one packet");
                return;
            }
            LobbyCommandTable.Outcome outcome = commands.run(c, cmd.tag(), cmd.value());
            if (!senders.contains(c)) {
                return;
            }
            if (outcome == LobbyCommandTable.Outcome.IGNORED) {
                c.faults.report("out_of_state", "<" + quote(cmd.tag()) + "> does not apply now; ignored");
            } else if (outcome == LobbyCommandTable.Outcome.UNKNOWN) {
                c.faults.report("unknown_command", "unknown command <" + quote(cmd.tag()) + ">; ignored");
            }
            if (outcome == LobbyCommandTable.Outcome.STOP || cmd.end() == text.length()) {
                return;
            }
            if (cmd.end() > lastNonAscii) {
                from = cmd.end();
                continue;
            }
            text = c.encoding.decode(text.substring(cmd.end()).getBytes(StandardCharsets.UTF_8));
            from = 0;
            lastNonAscii = lastNonAscii(c.encoding, text);
            if (text.length() > config.maxPacketBytes()) {
                c.line.closing(CloseReason.BAD_FRAME);
                drop(c, "bad_command", "the rest of a packet grew to " + text.length() + " characters when read again in "
                        + c.encoding.charset().name() + " (max " + config.maxPacketBytes() + ")");
                return;
            }
        }
    }

    /**
     * Where the text stops being one that re-reading leaves as it is: -1 when all of it stays (a
     * UTF-8 client, or ASCII in an encoding that keeps ASCII), else the index of its last
     * character that may change.
     */
    private static int lastNonAscii(LobbyEncoding encoding, String text) {
        if (encoding == LobbyEncoding.UTF8) {
            return -1;
        }
        if (!encoding.keepsAscii()) {
            return Integer.MAX_VALUE;
        }
        for (int i = text.length() - 1; i >= 0; i--) {
            if (text.charAt(i) >= 0x80) {
                return i;
            }
        }
        return -1;
    }

    /** A client's text as a log line quotes it: cut short. */
    static String quote(String text) {
        return text.length() <= QUOTED_CHARS ? text : text.substring(0, QUOTED_CHARS) + "... (" + text.length() + " characters)";
    }

    // ---- what commands share ---------------------------------------------------------------------

    /** Writes to one connection if it is still in the lobby. */
    void send(LobbyClient c, LobbyReply reply) {
        write(c, LobbyReplyEncoder.text(reply));
    }

    /** Writes to each of {@code targets} still in the lobby, greeted or not, the reply encoded once. */
    void sendEach(List<LobbyClient> targets, LobbyReply reply) {
        String text = LobbyReplyEncoder.text(reply);
        for (LobbyClient t : List.copyOf(targets)) {
            write(t, text);
        }
    }

    /** Writes to the greeted lobby users among {@code targets}, the reply encoded once. */
    void broadcast(List<LobbyClient> targets, LobbyReply reply) {
        sendEach(targets.stream().filter(t -> t.isLobby() && t.greeted).toList(), reply);
    }

    private void write(LobbyClient c, String text) {
        if (senders.contains(c)) {
            c.write(text);
        }
    }

    List<LobbyClient> lobbyClients() {
        return senders.stream().filter(LobbyClient::isLobby).toList();
    }

    List<LobbyClient> greetedClients() {
        return senders.stream().filter(s -> s.isLobby() && s.greeted).toList();
    }

    /** Closes a lobby user whose command the original would have failed on, losing the connection (section 6 runs). */
    void drop(LobbyClient c, String faultKind, String why) {
        c.faults.report(faultKind, why + "; closing the connection");
        disconnectLobby(c);
        c.closeAfterWrites();
    }

    /** USERS: the lobby users that have a name. */
    LobbyReply.Users users() {
        return new LobbyReply.Users(senders.stream().filter(s -> s.isLobby() && !s.username.isEmpty()).map(s -> s.username).toList());
    }

    /** SESSIONS: the rooms not started. */
    LobbyReply.Sessions sessions() {
        List<LobbyReply.Sessions.Room> open = new ArrayList<>();
        for (Room<LobbyClient> r : rooms.all()) {
            if (!r.started()) {
                open.add(new LobbyReply.Sessions.Room(r.name(), r.joined(), r.total(), r.isProtected()));
            }
        }
        return new LobbyReply.Sessions(open);
    }

    /** SESSIONS to every lobby connection, greeted or not. */
    void updateRooms() {
        sendEach(lobbyClients(), sessions());
    }

    /** STATUS to the room's players. */
    void updateStatus(Room<LobbyClient> r) {
        List<LobbyReply.Status.Player> players = r.players().stream().map(p -> new LobbyReply.Status.Player(p.username, p.ready)).toList();
        broadcast(r.players(), new LobbyReply.Status(players));
    }

    void deleteRoom(Room<LobbyClient> r) {
        for (LobbyClient p : r.players()) {
            p.joined = false;
            send(p, new LobbyReply.Kicked(r.name(), p.username));
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
        UUID hostUuid = UUID.randomUUID();
        List<UUID> clientUuids = new ArrayList<>();
        for (int i = 0; i < r.joined(); i++) {
            clientUuids.add(UUID.randomUUID());
        }
        relay.open(r.name(), hostUuid.toString(), clientUuids.stream().map(UUID::toString).toList());
        owners.put(hostUuid.toString(), new PipeOwner(r.name(), r.host().username));
        for (int i = 0; i < clientUuids.size(); i++) {
            owners.put(clientUuids.get(i).toString(), new PipeOwner(r.name(), r.players().get(i).username));
        }
        log.info("[S {}] Starting for {} players", r.name(), r.joined());
        send(r.host(), new LobbyReply.Host(hostUuid, r.joined() - 1));
        List<LobbyClient> players = List.copyOf(r.players());
        for (int i = 0; i < players.size(); i++) {
            send(players.get(i), new LobbyReply.Start(clientUuids.get(i)));
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
        if (c.session != null) {
            sessions.release(c.session);
        }
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
                    broadcast(r.players(), new LobbyReply.Kicked(c.roomName, c.username));
                    updateStatus(r);
                }
                updateRooms();
            }
        }
        sendEach(senders.stream().filter(s -> s.isLobby() && s.greeted && s.protocol >= 4).toList(), users());
    }
}
