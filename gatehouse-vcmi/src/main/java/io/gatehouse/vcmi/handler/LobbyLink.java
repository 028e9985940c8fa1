package io.gatehouse.vcmi.handler;

import io.gatehouse.core.bus.Bus;
import io.gatehouse.core.cluster.NodeMail;
import io.gatehouse.core.cluster.Seniority;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.time.Deadline;
import io.gatehouse.core.transport.AddressText;
import io.gatehouse.vcmi.link.LinkCodec;
import io.gatehouse.vcmi.link.LinkMessage;
import io.gatehouse.vcmi.message.LobbyError;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lobby for the whole cluster (docs/protocol/vcmi.md, "Lobby across cluster nodes"): the
 * lobby's actor decides on the eldest live node ({@link Seniority}); a lobby connection of any
 * other node is a {@link ForwardedMember} there, and a stand-in member ({@link StandInLine}) of
 * the lobby here. What they say travels as {@link NodeMail}, out of reach of the clients' bus
 * topics: to the lobby node's box {@code vcmi.lobby}, back to a connection's node's box
 * {@code vcmi.member}, each direction from one thread in order.
 *
 * <p>Every {@link #LOOK} this node looks again at who is eldest. When it is another node than
 * before, the connections forwarded to the old one are closed with {@code LOBBY_LOST}, so that
 * their clients connect again into the new lobby; if this node was the lobby, every user of its
 * lobby is closed likewise: there is never a second actor that stays. Stand-ins of a node no
 * longer alive leave the lobby (section 6 runs for them).
 *
 * <p>On a node alone the eldest is always this node: nothing is forwarded and the lobby is as
 * it is without a cluster.
 */
public final class LobbyLink implements LobbyPlace, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LobbyLink.class);
    static final String LOBBY_BOX = "vcmi.lobby";
    static final String MEMBER_BOX = "vcmi.member";
    /** How often the node looks at who is eldest (a wall-clock period; NodeMembership itself judges at each beat). */
    static final Duration LOOK = Duration.ofMillis(100);

    private record Key(String node, long conn) {
    }

    private final NodeMail mail;
    private final Seniority seniority;
    private final VcmiLobby lobby;
    private final String self;
    /** This node's name in UTF-8 bytes, as every message to the lobby carries it. */
    private final int selfBytes;
    private final AtomicLong numbers = new AtomicLong();
    /** This node's connections forwarded to the lobby elsewhere, by number. */
    private final Map<Long, ForwardedMember> forwarded = new ConcurrentHashMap<>();
    /** The lobby's members on other nodes, while this node is the lobby. */
    private final Map<Key, LobbyClient> standIns = new ConcurrentHashMap<>();
    private final Bus.Subscription toLobby;
    private final Bus.Subscription toMember;
    private final ScheduledExecutorService looker;
    /**
     * Nodes holding stand-ins that a look found alive; looker thread only. A node's stand-ins
     * leave only once it was seen alive and then not: a node that just joined may forward a
     * connection before this node's membership has seen its first beat.
     */
    private final Set<String> seenAlive = new HashSet<>();
    private volatile String lobbyNode;

    public LobbyLink(NodeMail mail, Seniority seniority, VcmiLobby lobby) {
        this.mail = mail;
        this.seniority = seniority;
        this.lobby = lobby;
        this.self = seniority.self();
        this.selfBytes = self.getBytes(StandardCharsets.UTF_8).length;
        this.lobbyNode = seniority.eldest();
        this.toLobby = mail.open(LOBBY_BOX, this::heardAsLobby);
        this.toMember = mail.open(MEMBER_BOX, this::heardAsMember);
        this.looker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gatehouse-vcmi-lobby-look");
            t.setDaemon(true);
            return t;
        });
        // a node alone is its own lobby for good: nothing to look at
        if (seniority.shared()) {
            looker.scheduleWithFixedDelay(this::look, LOOK.toMillis(), LOOK.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    String self() {
        return self;
    }

    @Override
    public boolean lobbyHere() {
        return lobbyNode.equals(self);
    }

    @Override
    public ForwardedMember forward(Channel channel, byte[] firstPacket) {
        String at = lobbyNode;
        ForwardedMember m = new ForwardedMember(this, channel, numbers.incrementAndGet(), at, firstPacket);
        forwarded.put(m.conn(), m);
        String address = AddressText.of(channel.remoteAddress());
        toLobby(at, new LinkMessage.Open(self, m.conn(), address));
        return m;
    }

    void forget(ForwardedMember m) {
        forwarded.remove(m.conn());
    }

    void toLobby(String node, LinkMessage.ToLobby m) {
        mail.send(node, LOBBY_BOX, LinkCodec.encode(m));
    }

    /** Whether a packet of {@code bytes} fits in one message to the lobby node. */
    boolean fits(int bytes) {
        return bytes + LinkCodec.PACKET_OVERHEAD + selfBytes <= mail.maxPayloadBytes();
    }

    private void toMember(String node, LinkMessage.ToMember m) {
        mail.send(node, MEMBER_BOX, LinkCodec.encode(m));
    }

    // ---- on the lobby node ----------------------------------------------------------------------

    private void heardAsLobby(byte[] payload) {
        if (!(LinkCodec.decode(payload) instanceof LinkMessage.ToLobby m)) {
            log.debug("a lobby link message of {} bytes that is none; dropped", payload.length);
            return;
        }
        Key key = new Key(m.node(), m.conn());
        if (m instanceof LinkMessage.Open o) {
            if (!lobbyHere()) {
                toMember(o.node(), new LinkMessage.Refused(o.conn()));
                return;
            }
            standIns.computeIfAbsent(key, k -> standIn(k, o.address()));
            return;
        }
        LobbyClient c = standIns.get(key);
        if (m instanceof LinkMessage.Closed) {
            if (c != null && standIns.remove(key, c)) {
                lobby.disconnected(c);
            }
        } else if (c == null) {
            // a member this lobby does not know (it was not the lobby when the connection opened)
            toMember(m.node(), new LinkMessage.Refused(m.conn()));
        } else if (m instanceof LinkMessage.Packet p) {
            lobby.packet(c, p.bytes(), () -> toMember(key.node(), new LinkMessage.Handled(key.conn())));
        } else if (m instanceof LinkMessage.Expired) {
            lobby.handshakeExpired(c);
        } else if (m instanceof LinkMessage.Written w) {
            ((StandInLine) c.line).written(w.upTo());
        }
    }

    private LobbyClient standIn(Key key, String address) {
        LobbyClient[] self = new LobbyClient[1];
        StandInLine line = new StandInLine(key.node(), key.conn(), address, lobby.config.maxOutboundBytes(),
                m -> toMember(key.node(), m), () -> {
                    if (standIns.remove(key, self[0])) {
                        lobby.disconnected(self[0]);
                    }
                });
        // The connection's own node runs its handshake deadline and says when it passed.
        Deadline unused = new Deadline(lobby.scheduler, lobby.config.admission().handshakeTimeout(), () -> { });
        self[0] = new LobbyClient(line, lobby.faults, unused);
        lobby.accepted(self[0]);
        return self[0];
    }

    // ---- on a connection's node -----------------------------------------------------------------

    private void heardAsMember(byte[] payload) {
        if (!(LinkCodec.decode(payload) instanceof LinkMessage.ToMember m)) {
            log.debug("a lobby link message of {} bytes that is none; dropped", payload.length);
            return;
        }
        ForwardedMember f = forwarded.get(m.conn());
        if (f != null) {
            f.heard(m);
        }
    }

    // ---- who is eldest --------------------------------------------------------------------------

    private void look() {
        try {
            String now = seniority.eldest();
            String before = lobbyNode;
            if (!now.equals(before)) {
                lobbyNode = now;
                log.info("the vcmi lobby moves from node {} to node {}", before, now);
                if (before.equals(self)) {
                    lobby.relinquish();
                } else if (now.equals(self)) {
                    lobby.serve();
                }
            }
            for (ForwardedMember f : forwarded.values()) {
                if (!f.lobbyNode.equals(now)) {
                    f.lose(LobbyError.LOBBY_LOST);
                }
            }
            standIns.forEach((key, c) -> {
                if (seniority.alive(key.node())) {
                    seenAlive.add(key.node());
                } else if (seenAlive.contains(key.node()) && standIns.remove(key, c)) {
                    lobby.disconnected(c);
                }
            });
            seenAlive.removeIf(node -> !seniority.alive(node));
        } catch (RuntimeException e) {
            log.warn("looking at the vcmi lobby's node failed", e);
        }
    }

    /**
     * This node stops: its lobby's stand-ins are closed on the lobby's actor, after the last
     * words of {@link VcmiLobby#shutdown()} (call it after that), and its forwarded connections
     * are told the server is shutting down.
     */
    public void shutdown() {
        lobby.actor.execute(() -> standIns.values().forEach(c -> {
            c.line.closing(CloseReason.SERVER_SHUTDOWN);
            c.line.closeAfterWrites();
        }));
        forwarded.values().forEach(f -> f.lose(LobbyError.SHUTTING_DOWN));
    }

    @Override
    public void close() {
        looker.shutdownNow();
        toLobby.close();
        toMember.close();
    }
}
