package io.gatehouse.cluster.relay;

import io.gatehouse.core.relay.GameLinks;
import io.gatehouse.core.relay.PipeEnd;
import io.gatehouse.core.relay.PipeRole;
import io.gatehouse.core.relay.Relay;
import io.gatehouse.core.time.Cancellable;
import io.gatehouse.core.time.Scheduler;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay across cluster nodes, on NATS (docs/protocol/vcmi.md, "Across cluster nodes").
 *
 * <p>The node that opens a game is its <b>authority</b>: it alone places pipes into the game's
 * links, wherever they are attached. It subscribes to one subject per uuid of the game; a pipe
 * attached on a node that does not hold the game asks there (request/reply) and then waits for
 * the authority's word on its node's subject: pair with a pipe of this same node (the two are
 * handed each other, bytes stay on the node as with {@code LocalRelay}), pair with a pipe of
 * another node over a link (each node hands its pipe a {@link RemotePeer}, bytes go over NATS
 * with a credit window), or unpair. A pair of two pipes on the authority itself needs no NATS
 * at all. All the authority's words to a node travel on one subject from one connection, so a
 * node hears them in the order they were decided.
 *
 * <p><b>Nodes that go.</b> Every relay beats on the beat subject every {@code beat}; a node not
 * heard for {@code nodeTimeout} (or that said it stopped) is gone: as authority, this node takes
 * its pipes out of the games (their peers are unpaired); pipes attached here whose authority it
 * was are unpaired and refused (their game is gone, and their fronts close them).
 *
 * <p>Locking: one lock guards the tables; what goes to NATS is published under it (so the
 * authority's words keep their order), pipe callbacks are made after it is released.
 */
public final class NatsRelay implements Relay, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NatsRelay.class);
    /** Bytes of one direction of a link in flight or waiting at its receiver. */
    public static final int WINDOW_BYTES = 512 * 1024;
    /** Most bytes in one chunk (below NATS's 1 MiB default payload limit). */
    public static final int CHUNK_BYTES = 32 * 1024;
    /** How long an attach waits for an authority's answer before its pipe is refused. */
    static final Duration ATTACH_WAIT = Duration.ofSeconds(2);
    /**
     * How soon an attach that found no responder asks again (within {@link #ATTACH_WAIT}): the
     * game's authority may have opened it a moment ago, its subscription not yet at the server.
     */
    static final Duration ASK_AGAIN = Duration.ofMillis(50);

    private final Connection nats;
    private final String prefix;
    private final Scheduler scheduler;
    private final Duration grace;
    private final Duration beat;
    private final Duration nodeTimeout;
    private final SecureRandom random = new SecureRandom();
    private final long node;
    private final Dispatcher dispatcher;
    private final List<GameLinks<Slot>> games = new ArrayList<>();
    /** Games of this node holding each uuid: one subscription per uuid while any does. */
    private final Map<String, Integer> uuidGames = new HashMap<>();
    private final Map<PipeEnd, LocalPipe> pipes = new HashMap<>();
    private final Map<Long, LocalPipe> pipesById = new HashMap<>();
    /** When each other node was last heard ({@link #monotonicMillis}). */
    private final Map<Long, Long> lastHeard = new HashMap<>();
    /**
     * Beats, judgements of silent nodes and repeated asks run here, on the wall clock: they are
     * about the network, not the node's game clock (which a test may hold still).
     */
    private final ScheduledExecutorService beater;
    private long pipeNumbers;
    private boolean closed;

    /** A pipe attached on this node. */
    private static final class LocalPipe {
        final long id;
        final PipeEnd end;
        final PipeRole role;
        /** Its game's authority, or 0 while the answer is awaited. */
        long authority;
        boolean detached;
        RemotePeer link;
        LocalPipe localPeer;

        LocalPipe(long id, PipeEnd end, PipeRole role) {
            this.id = id;
            this.end = end;
            this.role = role;
        }

        boolean paired() {
            return link != null || localPeer != null;
        }
    }

    /**
     * A relay on {@code nats} (which it owns from now on and closes); {@code prefix} begins its
     * subjects. Games without pipes keep for {@code grace} on {@code scheduler} (the node's
     * clock); on the wall clock it beats every {@code beat} and judges another node gone after
     * {@code nodeTimeout} without one.
     */
    public NatsRelay(Connection nats, String prefix, Scheduler scheduler, Duration grace, Duration beat, Duration nodeTimeout) {
        this.nats = nats;
        this.prefix = prefix + ".relay";
        this.scheduler = scheduler;
        this.grace = grace;
        this.beat = beat;
        this.nodeTimeout = nodeTimeout;
        long id;
        do {
            id = random.nextLong();
        } while (id == 0);
        this.node = id;
        this.dispatcher = nats.createDispatcher(this::onMessage);
        dispatcher.subscribe(nodeSubject(node));
        dispatcher.subscribe(this.prefix + ".beat");
        this.beater = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gatehouse-relay-beat");
            t.setDaemon(true);
            return t;
        });
        beater.scheduleWithFixedDelay(this::beat, beat.toMillis(), beat.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void open(String name, String hostUuid, List<String> clientUuids) {
        synchronized (this) {
            GameLinks<Slot> g = new GameLinks<>(hostUuid, clientUuids);
            games.add(g);
            for (String uuid : g.uuids()) {
                if (uuidGames.merge(uuid, 1, Integer::sum) == 1) {
                    dispatcher.subscribe(uuidSubject(uuid));
                }
            }
            armExpiry(g);
        }
    }

    @Override
    public void attach(String uuid, PipeRole role, PipeEnd end) {
        List<Runnable> told = new ArrayList<>();
        LocalPipe asking = null;
        synchronized (this) {
            GameLinks<Slot> g = closed ? null : admitting(uuid, role);
            if (g != null) {
                LocalPipe lp = register(end, role);
                lp.authority = node;
                place(g, new Slot(node, lp.id), role, told);
            } else if (closed || uuidGames.containsKey(uuid)) {
                told.add(end::refused);
            } else {
                asking = register(end, role);
            }
        }
        told.forEach(Runnable::run);
        if (asking != null) {
            ask(asking, uuid, monotonicMillis() + ATTACH_WAIT.toMillis());
        }
    }

    /**
     * Asks the authority of {@code uuid}'s game to place the pipe. Where no node answers (no
     * responder yet, or garbage), it asks again every {@link #ASK_AGAIN} until {@code deadline}.
     */
    private void ask(LocalPipe lp, String uuid, long deadline) {
        long left = Math.max(1, deadline - monotonicMillis());
        nats.requestWithTimeout(uuidSubject(uuid), RelayCodec.encode(new RelayMessage.Attach(lp.role, node, lp.id)), Duration.ofMillis(left))
                .whenComplete((reply, failure) -> {
                    RelayMessage answer = failure == null && !reply.isStatusMessage() ? RelayCodec.decode(reply.getData()) : null;
                    if (answer == null && stillAsking(lp) && monotonicMillis() + ASK_AGAIN.toMillis() < deadline) {
                        try {
                            beater.schedule(() -> ask(lp, uuid, deadline), ASK_AGAIN.toMillis(), TimeUnit.MILLISECONDS);
                            return;
                        } catch (RejectedExecutionException stopping) {
                            // the relay is closing: the pipe is refused below
                        }
                    }
                    answered(lp, answer);
                });
    }

    private synchronized boolean stillAsking(LocalPipe lp) {
        return !closed && !lp.detached && lp.authority == 0;
    }

    @Override
    public void detach(PipeEnd end) {
        List<Runnable> told = new ArrayList<>();
        synchronized (this) {
            LocalPipe lp = pipes.remove(end);
            if (lp == null) {
                return;
            }
            pipesById.remove(lp.id);
            lp.detached = true;
            LocalPipe peer = lp.localPeer;
            dropPairing(lp);
            if (peer != null) {
                dropPairing(peer);
                told.add(peer.end::unpaired);
            }
            if (lp.authority != 0) {
                tellDetach(lp.authority, lp.id, told);
            }
        }
        told.forEach(Runnable::run);
    }

    @Override
    public synchronized int sessionCount() {
        return games.size();
    }

    @Override
    public synchronized int pipeCount() {
        return pipes.size();
    }

    /** Tells the other nodes this one is gone (its games with it), then closes the NATS connection. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            pipes.values().forEach(this::dropPairing);
        }
        beater.shutdownNow();
        try {
            nats.publish(prefix + ".beat", RelayCodec.encode(new RelayMessage.Gone(node)));
            nats.flush(Duration.ofSeconds(2));
        } catch (Exception e) {
            log.debug("the relay's last word did not reach NATS", e);
        }
        try {
            nats.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- this node as a pipe's node

    private LocalPipe register(PipeEnd end, PipeRole role) {
        LocalPipe lp = new LocalPipe(++pipeNumbers, end, role);
        pipes.put(end, lp);
        pipesById.put(lp.id, lp);
        return lp;
    }

    /** The authority's answer to an attach, or null when none came (no responder, timeout, garbage). */
    private void answered(LocalPipe lp, RelayMessage reply) {
        List<Runnable> told = new ArrayList<>();
        synchronized (this) {
            if (reply instanceof RelayMessage.Answer a && a.accepted() && a.authority() != 0) {
                lp.authority = a.authority();
                heardOf(a.authority());
                if (lp.detached) {
                    tellDetach(lp.authority, lp.id, told);
                }
            } else if (lp.authority == 0 && !lp.detached) {
                pipes.remove(lp.end);
                pipesById.remove(lp.id);
                told.add(lp.end::refused);
            }
        }
        told.forEach(Runnable::run);
    }

    private void pairLocal(long authority, long x, long y, List<Runnable> told) {
        LocalPipe a = pipesById.get(x);
        LocalPipe b = pipesById.get(y);
        if (a == null || b == null) {
            // the missing pipe's detach reaches the authority, which then unpairs the other
            if (a == null) {
                tellDetach(authority, x, told);
            }
            if (b == null) {
                tellDetach(authority, y, told);
            }
            return;
        }
        known(a, authority);
        known(b, authority);
        dropPairing(a);
        dropPairing(b);
        a.localPeer = b;
        b.localPeer = a;
        told.add(() -> {
            b.end.paired(a.end);
            a.end.paired(b.end);
        });
    }

    private void pairRemote(long authority, long x, long link, long peerNode, List<Runnable> told) {
        LocalPipe lp = pipesById.get(x);
        if (lp == null) {
            tellDetach(authority, x, told);
            return;
        }
        known(lp, authority);
        dropPairing(lp);
        heardOf(peerNode);
        String base = prefix + ".link." + Long.toHexString(link) + ".";
        String in = base + (lp.role == PipeRole.SERVER ? "s" : "c");
        String out = base + (lp.role == PipeRole.SERVER ? "c" : "s");
        RemotePeer peer = new RemotePeer(nats, dispatcher, in, out, WINDOW_BYTES, CHUNK_BYTES, lp.end, peerNode, this::linkBroken);
        lp.link = peer;
        peer.start();
        told.add(() -> lp.end.paired(peer));
    }

    private void unpair(long x, List<Runnable> told) {
        LocalPipe lp = pipesById.get(x);
        if (lp != null && lp.paired()) {
            LocalPipe peer = lp.localPeer;
            dropPairing(lp);
            told.add(lp.end::unpaired);
            if (peer != null) {
                dropPairing(peer);
                told.add(peer.end::unpaired);
            }
        }
    }

    /** A link lost bytes: its pipe here is unpaired and refused (its front closes it), and its authority told. */
    private void linkBroken(RemotePeer peer) {
        List<Runnable> told = new ArrayList<>();
        synchronized (this) {
            peer.breakOff();
            for (LocalPipe lp : List.copyOf(pipes.values())) {
                if (lp.link == peer) {
                    log.warn("[P] a cross-node pipe lost bytes; closing it");
                    dropAndRefuse(lp, told);
                }
            }
        }
        told.forEach(Runnable::run);
    }

    private void dropAndRefuse(LocalPipe lp, List<Runnable> told) {
        pipes.remove(lp.end);
        pipesById.remove(lp.id);
        lp.detached = true;
        boolean wasPaired = lp.paired();
        dropPairing(lp);
        if (lp.authority != 0) {
            tellDetach(lp.authority, lp.id, told);
        }
        told.add(() -> {
            if (wasPaired) {
                lp.end.unpaired();
            }
            lp.end.refused();
        });
    }

    private void known(LocalPipe lp, long authority) {
        if (lp.authority == 0) {
            lp.authority = authority;
        }
    }

    private void dropPairing(LocalPipe lp) {
        if (lp.link != null) {
            lp.link.close();
            lp.link = null;
        }
        if (lp.localPeer != null) {
            lp.localPeer.localPeer = null;
            lp.localPeer = null;
        }
    }

    // --- this node as a game's authority

    private GameLinks<Slot> admitting(String uuid, PipeRole role) {
        return games.stream().filter(g -> g.admits(uuid, role)).findFirst().orElse(null);
    }

    private void place(GameLinks<Slot> g, Slot slot, PipeRole role, List<Runnable> told) {
        g.expireWith(Cancellable.NONE);
        GameLinks.Link<Slot> link = g.place(slot, role);
        if (!link.complete()) {
            return;
        }
        Slot s = link.server();
        Slot c = link.client();
        if (s.node() == c.node()) {
            if (s.node() == node) {
                pairLocal(node, s.pipe(), c.pipe(), told);
            } else {
                publish(nodeSubject(s.node()), new RelayMessage.PairLocal(node, s.pipe(), c.pipe()));
            }
            return;
        }
        long id = random.nextLong();
        tellPair(s, id, c.node(), told);
        tellPair(c, id, s.node(), told);
    }

    private void tellPair(Slot slot, long link, long peerNode, List<Runnable> told) {
        if (slot.node() == node) {
            pairRemote(node, slot.pipe(), link, peerNode, told);
        } else {
            publish(nodeSubject(slot.node()), new RelayMessage.Pair(node, slot.pipe(), link, peerNode));
        }
    }

    private void tellDetach(long authority, long pipe, List<Runnable> told) {
        if (authority == node) {
            removeSlot(new Slot(node, pipe), told);
        } else {
            publish(nodeSubject(authority), new RelayMessage.Detach(node, pipe));
        }
    }

    /** Takes a pipe out of its game; its peer, if it had one, is unpaired and waits again. */
    private void removeSlot(Slot slot, List<Runnable> told) {
        for (GameLinks<Slot> g : games) {
            GameLinks.Link<Slot> link = g.linkOf(slot);
            if (link != null) {
                boolean wasComplete = link.complete();
                Slot peer = g.remove(slot);
                if (wasComplete) {
                    if (peer.node() == node) {
                        unpair(peer.pipe(), told);
                    } else {
                        publish(nodeSubject(peer.node()), new RelayMessage.Unpair(node, peer.pipe()));
                    }
                }
                if (g.idle()) {
                    armExpiry(g);
                }
                return;
            }
        }
    }

    private void attachRequest(RelayMessage.Attach a, String subject, String replyTo) {
        List<Runnable> told = new ArrayList<>();
        synchronized (this) {
            String uuid = uuidOf(subject);
            GameLinks<Slot> g = closed || uuid == null || a.node() == node ? null : admitting(uuid, a.role());
            if (replyTo != null) {
                publish(replyTo, new RelayMessage.Answer(g != null, node));
            }
            if (g != null && replyTo != null) {
                heardOf(a.node());
                place(g, new Slot(a.node(), a.pipe()), a.role(), told);
            }
        }
        told.forEach(Runnable::run);
    }

    private void armExpiry(GameLinks<Slot> g) {
        g.expireWith(scheduler.schedule(grace, () -> {
            synchronized (this) {
                if (g.idle() && games.remove(g)) {
                    for (String uuid : g.uuids()) {
                        if (uuidGames.merge(uuid, -1, Integer::sum) == 0) {
                            uuidGames.remove(uuid);
                            if (!closed && nats.getStatus() != Connection.Status.CLOSED) {
                                dispatcher.unsubscribe(uuidSubject(uuid));
                            }
                        }
                    }
                }
            }
        }));
    }

    // --- nodes that go

    /** Beats, and judges gone the nodes not heard for {@code nodeTimeout}; a failing pipe callback does not stop the beating. */
    private void beat() {
        try {
            beatOnce();
        } catch (RuntimeException e) {
            log.warn("[P] the relay's beat failed; beating on", e);
        }
    }

    private void beatOnce() {
        List<Runnable> told = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            publish(prefix + ".beat", new RelayMessage.Beat(node));
            long now = monotonicMillis();
            for (Map.Entry<Long, Long> e : List.copyOf(lastHeard.entrySet())) {
                if (now - e.getValue() > nodeTimeout.toMillis()) {
                    log.info("[P] relay node {} not heard for {} ms: its games and links are gone", Long.toHexString(e.getKey()),
                            now - e.getValue());
                    nodeGone(e.getKey(), told);
                }
            }
        }
        told.forEach(Runnable::run);
    }

    private static long monotonicMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    /** First dealings with a node: from now on it must beat. */
    private void heardOf(long other) {
        lastHeard.putIfAbsent(other, monotonicMillis());
    }

    private void nodeGone(long gone, List<Runnable> told) {
        lastHeard.remove(gone);
        for (GameLinks<Slot> g : List.copyOf(games)) {
            g.ends().stream().filter(s -> s.node() == gone).forEach(s -> removeSlot(s, told));
        }
        for (LocalPipe lp : List.copyOf(pipes.values())) {
            if (lp.authority == gone) {
                dropAndRefuse(lp, told);
            }
        }
    }

    // --- NATS

    private void onMessage(Message m) {
        RelayMessage message = RelayCodec.decode(m.getData());
        if (message instanceof RelayMessage.Attach a) {
            attachRequest(a, m.getSubject(), m.getReplyTo());
            return;
        }
        List<Runnable> told = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            if (message instanceof RelayMessage.Pair p) {
                pairRemote(p.authority(), p.pipe(), p.link(), p.peerNode(), told);
            } else if (message instanceof RelayMessage.PairLocal p) {
                pairLocal(p.authority(), p.pipe(), p.peerPipe(), told);
            } else if (message instanceof RelayMessage.Unpair u) {
                unpair(u.pipe(), told);
            } else if (message instanceof RelayMessage.Detach d) {
                removeSlot(new Slot(d.node(), d.pipe()), told);
            } else if (message instanceof RelayMessage.Beat b && b.node() != node) {
                lastHeard.put(b.node(), monotonicMillis());
            } else if (message instanceof RelayMessage.Gone g && g.node() != node) {
                nodeGone(g.node(), told);
            } else if (message == null) {
                log.debug("[P] a relay message that is none of ours on {}", m.getSubject());
            }
        }
        told.forEach(Runnable::run);
    }

    /** Publishes; on a closed connection nothing goes out (the other nodes judge this one gone by its silence). */
    private void publish(String subject, RelayMessage m) {
        try {
            nats.publish(subject, RelayCodec.encode(m));
        } catch (IllegalStateException e) {
            log.debug("[P] not sent on {}: {}", subject, e.getMessage());
        }
    }

    private String nodeSubject(long id) {
        return prefix + ".node." + Long.toHexString(id);
    }

    private String uuidSubject(String uuid) {
        return prefix + ".pipe." + Base64.getUrlEncoder().withoutPadding().encodeToString(uuid.getBytes(StandardCharsets.UTF_8));
    }

    private String uuidOf(String subject) {
        String head = prefix + ".pipe.";
        try {
            return subject.startsWith(head) ? new String(Base64.getUrlDecoder().decode(subject.substring(head.length())), StandardCharsets.UTF_8) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
