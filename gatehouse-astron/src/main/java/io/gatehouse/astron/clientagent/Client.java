package io.gatehouse.astron.clientagent;

import io.gatehouse.astron.eventlog.LoggedEvent;
import io.gatehouse.astron.md.Datagram;
import io.gatehouse.astron.md.MdParticipant;
import io.gatehouse.astron.message.ArgumentLengths;
import io.gatehouse.astron.message.ClientAgentMessageType;
import io.gatehouse.astron.message.ClientMessageType;
import io.gatehouse.astron.message.EjectCode;
import io.gatehouse.astron.message.StateServerMessageType;
import io.gatehouse.core.metrics.ClientFaults;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.time.Cancellable;
import io.gatehouse.core.time.Deadline;
import io.netty.buffer.ByteBuf;
import io.netty.util.NetUtil;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One game client of the Client Agent (docs/protocol/astron.md, section 11): its state (NEW,
 * ANONYMOUS, ESTABLISHED), what it may send in each, the CLIENTAGENT_* messages game servers
 * send to its channel, and its end. Everything runs on the client's connection thread; the
 * Message Director's deliveries and the time limits are handed over to it. A client that has
 * proven nothing yet has a time limit in each such state: {@code hello_timeout} in NEW,
 * {@code anonymous_timeout} in ANONYMOUS; {@code heartbeat_timeout} applies in every state.
 * What a client does wrong is a client fault: counted, and logged once per connection. Its own
 * datagrams are answered by {@link ClientRequestHandler}, the CLIENTAGENT_* messages by
 * {@link GameServerControl}, the State Server's news of objects by {@link ObjectEvents}.
 */
final class Client implements MdParticipant {

    private static final Logger log = LoggerFactory.getLogger(Client.class);
    /** The faults astrond ejects for as a security matter: its {@code client-ejected-security} event. */
    private static final Set<String> SECURITY_FAULTS = Set.of("oversized", "invalid_msgtype", "anonymous_violation", "forbidden_interest",
            "missing_object", "forbidden_field", "forbidden_relocate", "field_constraint", "unknown_interest");

    private final ClientAgent agent;
    private final ClientLink link;
    private final ObjectView view;
    private final Interests interests;
    private final ObjectEvents objects;
    private final ClientRequestHandler requests;
    private final GameServerControl control;
    private ClientState state = ClientState.NEW;
    private long allocated;
    /** Written on the routing thread (SET_CLIENT_ID), read on both. */
    private volatile long channel;
    private long nextContext;
    private boolean closed;
    private volatile boolean terminated;
    /** The silence limit, or null without {@code heartbeat_timeout}. */
    private Deadline heartbeat;
    /** The time limit of the current state, if it has one. */
    private Cancellable stateLimit = Cancellable.NONE;
    /** Counts the state limits started, so that a limit that fired as it was replaced does nothing. */
    private int stateLimits;
    private ClientFaults.Tracker faults;
    /** What the cluster sends this client's channels wrong; used on the client's thread. */
    private ClientFaults.Tracker serverFaults;
    /** A HAProxy LOCAL connection (its health check): astrond sends no client-connected or client-lost for it. */
    private boolean proxyLocal;
    /** This client as a core session, from its HELLO; null before. Set on the client's thread, read on the routing thread too. */
    private volatile ClientSession session;

    Client(ClientAgent agent, ClientLink link) {
        this.agent = agent;
        this.link = link;
        this.view = new ObjectView(agent.uberdogs(), agent.uberdogClasses());
        this.interests = new Interests(this, view);
        this.objects = new ObjectEvents(this, view, interests, agent.dc());
        this.requests = new ClientRequestHandler(this, agent, view, interests);
        this.control = new GameServerControl(this, agent, view, interests);
    }

    @Override
    public String name() {
        return "Client(" + link.remoteIp() + ":" + link.remotePort() + ", " + channel + ")";
    }

    /** The connection is up: a channel, the subscriptions, the heartbeat clock and the limit of NEW. */
    void start() {
        allocated = agent.channels().allocate();
        if (allocated == 0) {
            eject(EjectCode.GENERIC.code(), "Client capacity reached", CloseReason.SERVER_ERROR, "capacity");
            return;
        }
        channel = allocated;
        if (!agent.config().haproxy()) {
            announce();
        }
        agent.clients().add(this);
        agent.md().subscribe(this, channel);
        agent.md().subscribe(this, ClientAgent.ALL_CLIENTS);
        Duration silence = agent.config().heartbeatTimeout();
        if (!silence.isZero()) {
            heartbeat = new Deadline(agent.scheduler(), silence, () -> onLoop(() -> eject(EjectCode.NO_HEARTBEAT,
                    "Server timed out while waiting for heartbeat."))).start();
        }
        limitState();
    }

    /**
     * astrond's {@code client-connected} event, with the client's and the listener's addresses;
     * behind HAProxy once the PROXY header has named them, and none for a LOCAL connection.
     */
    void announce() {
        if (closed) {
            return;
        }
        event(LoggedEvent.of("client-connected", sender())
                .with("remote_address", address(link.remoteIp(), link.remotePort()))
                .with("local_address", address(link.localIp(), link.localPort())));
    }

    /** The PROXY header is read: LOCAL, or the client it names. */
    void proxyHeaderRead(boolean local) {
        proxyLocal = local;
        if (!local) {
            announce();
        }
    }

    private void event(LoggedEvent e) {
        agent.events().send(e);
    }

    /** The {@code sender} of this client's events: {@code Client:} and the channel it was given (a later SET_CLIENT_ID does not change it). */
    private String sender() {
        return "Client:" + allocated;
    }

    /** {@code ip:port} as astrond writes it, an IPv6 address in its short form. */
    private static String address(String ip, int port) {
        byte[] bytes = ip.indexOf(':') >= 0 ? NetUtil.createByteArrayFromIpAddressString(ip) : null;
        return (bytes != null ? NetUtil.bytesToIpAddress(bytes) : ip) + ":" + port;
    }

    // ---- to and from the rest of the client agent ----

    ClientFrame frame(ClientMessageType type) {
        return ClientFrame.of(link.alloc(), type);
    }

    void send(ClientFrame f) {
        if (closed) {
            f.discard();
            return;
        }
        if (!f.fits()) {
            log.error("{}: a message for the client of {} bytes does not fit one datagram; dropped", name(), f.length());
            f.discard();
            return;
        }
        link.send(f.build());
    }

    /** Routes {@code d}; false, and nothing sent, when it does not fit one datagram (the caller answers that). */
    boolean route(Datagram d) {
        if (!d.fits()) {
            d.discard();
            return false;
        }
        agent.md().route(this, d.build());
        return true;
    }

    void subscribe(long c) {
        agent.md().subscribe(this, c);
    }

    void unsubscribe(long c) {
        agent.md().unsubscribe(this, c);
    }

    long channel() {
        return channel;
    }

    long nextContext() {
        return nextContext++;
    }

    boolean isClosed() {
        return closed;
    }

    ClientLink link() {
        return link;
    }

    ClientAgentConfig config() {
        return agent.config();
    }

    ObjectEvents objects() {
        return objects;
    }

    /** The session this client is in the core's registry, or null before its HELLO. */
    ClientSession session() {
        return session;
    }

    /** The channel the Client Agent gave this connection, which its post-removes are filed under. */
    long allocated() {
        return allocated;
    }

    /** CLIENTAGENT_SET_CLIENT_ID, on the routing thread: the channel every routed message is sent from. */
    void rename(long newChannel) {
        channel = newChannel;
    }

    /**
     * Sends CLIENT_EJECT with the code and reason, then closes; counted under the close reason
     * the code stands for, and as a client fault when the code says the client was wrong.
     */
    void eject(EjectCode code, String reason) {
        eject(code.code(), reason, code.closeReason(), code.faultKind());
    }

    /** The core ends this client's session (an operator's kick): CLIENT_EJECT 151 with its words, on the client's thread. */
    void endFromCore(CloseReason why, String detail) {
        onLoop(() -> eject(EjectCode.LOGGED_OUT_BY_ADMIN.code(), detail, why, null));
    }

    /** The server is shutting down: CLIENT_EJECT 154, then the close. */
    void serverShutdown() {
        eject(EjectCode.SERVER_SHUTDOWN, "Server is shutting down.");
    }

    /** This connection's faults, named by its address (known once a PROXY header has been read). */
    ClientFaults.Tracker faults() {
        if (faults == null) {
            faults = agent.faults().connection(name());
        }
        return faults;
    }

    /** {@code faultKind} null: not the client's fault (the game's eject, a deleted session object, shutdown). */
    void eject(int code, String reason, CloseReason why, String faultKind) {
        if (closed) {
            return;
        }
        if (faultKind != null) {
            faults().report(faultKind, "ejected (" + code + "): " + reason);
        } else if (why == CloseReason.SERVER_SHUTDOWN) {
            log.debug("{}: ejecting client ({}): {}", name(), code, reason);
        } else {
            log.info("{}: ejecting client ({}): {}", name(), code, reason);
        }
        event(LoggedEvent.of(faultKind != null && SECURITY_FAULTS.contains(faultKind) ? "client-ejected-security" : "client-ejected", sender())
                .with("reason_code", Integer.toString(code)).with("reason_msg", reason));
        closed = true;
        ClientFrame f = frame(ClientMessageType.EJECT).u16(code).string(reason);
        if (!f.fits()) {
            f.discard();
            link.close(why);
            return;
        }
        link.sendAndClose(f.build(), why);
    }

    /** What the cluster sent this client's channels wrong: counted, and logged as client faults are (first at INFO). */
    void serverFault(String what) {
        if (serverFaults == null) {
            serverFaults = agent.serverFaults().connection(name());
        }
        serverFaults.report("truncated_server_message", what);
    }

    void drop(CloseReason why) {
        closed = true;
        link.close(why);
    }

    /** CLIENT_DISCONNECT: astrond's {@code client-disconnected} event, and the connection closes quietly. */
    void disconnected() {
        event(LoggedEvent.of("client-disconnected", sender()));
        drop(CloseReason.CLIENT_CLOSED);
    }

    // ---- the client's datagrams ----

    /** One datagram from the client, decoded; the caller releases the datagram. */
    void fromClient(ClientRequest request) {
        if (!closed) {
            requests.handle(state, request);
        }
    }

    /** What the client sent does not fit one internal datagram once recipients and sender are added: eject 106, as astrond does. */
    void tooLargeForTheCluster() {
        eject(EjectCode.OVERSIZED_DATAGRAM, "ClientDatagram too large to be routed on MD.");
    }

    /** A valid CLIENT_HELLO: the client is ANONYMOUS, and a session of the core. */
    void greeted() {
        state = ClientState.ANONYMOUS;
        session = new ClientSession(this);
        agent.sessions().attach(session, null, null);
        limitState();
    }

    void resetHeartbeat() {
        if (heartbeat != null) {
            heartbeat.touch();
        }
    }

    /**
     * Starts the time limit of the state the client is in now, replacing the one before: NEW
     * until HELLO ({@code hello_timeout}, eject 107), ANONYMOUS until the game establishes it
     * ({@code anonymous_timeout}, eject 1); ESTABLISHED has none.
     */
    private void limitState() {
        stateLimit.cancel();
        int limit = ++stateLimits;
        ClientState limited = state;
        Duration time = switch (state) {
            case NEW -> agent.config().helloTimeout();
            case ANONYMOUS -> agent.config().anonymousTimeout();
            case ESTABLISHED -> Duration.ZERO;
        };
        if (time.isZero()) {
            stateLimit = Cancellable.NONE;
            return;
        }
        stateLimit = agent.scheduler().schedule(time, () -> onLoop(() -> {
            if (limit != stateLimits) {
                return;
            }
            if (limited == ClientState.NEW) {
                eject(EjectCode.NO_HELLO.code(), "No CLIENT_HELLO within " + seconds(time) + ".", CloseReason.HEARTBEAT_TIMEOUT, "hello_timeout");
            } else {
                eject(EjectCode.GENERIC.code(), "Client was not authenticated within " + seconds(time) + ".", CloseReason.AUTH_FAILED,
                        "anonymous_timeout");
            }
        }));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " seconds" : d.toMillis() + " ms";
    }

    /** Runs {@code task} on the client's thread after {@code delay} on the agent's clock (the injected {@code Scheduler}). */
    Cancellable later(Duration delay, Runnable task) {
        return agent.scheduler().schedule(delay, () -> onLoop(task));
    }

    /** This client for an operator, read on its thread; the answer, later (at once, empty, when that thread is gone). */
    CompletableFuture<ClientStatus> status() {
        CompletableFuture<ClientStatus> f = new CompletableFuture<>();
        try {
            link.executor().execute(() -> f.complete(new ClientStatus(channel, state.name(), link.remoteIp() + ":" + link.remotePort(),
                    interests.open.values().stream().sorted(Comparator.comparingInt(Interest::id))
                            .map(i -> new ClientStatus.InterestStatus(i.id(), i.parent(), i.zones().stream().sorted().toList())).toList())));
        } catch (RejectedExecutionException e) {
            f.complete(null);
        }
        return f;
    }

    /** Runs {@code task} on the client's thread; nothing when that thread is gone (the server stopped). */
    private void onLoop(Runnable task) {
        try {
            link.executor().execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("{}: the connection's thread is gone; a time limit is dropped", name());
        }
    }

    // ---- the cluster's datagrams ----

    /**
     * A datagram from the cluster, on the routing thread. Channel and post-remove changes take
     * effect here and now, as in astrond, so that what the same sender routes next already
     * follows them; everything else is handed to the client's thread.
     */
    @Override
    public void deliver(ByteBuf d) {
        boolean whole = Datagram.hasHeader(d);
        if (whole) {
            int at = Datagram.senderOffset(d);
            if (!terminated && d.getLongLE(at) != channel && control.routingChange(d.getUnsignedShortLE(at + 8), d.slice(at + 10, d.writerIndex() - at - 10))) {
                d.release();
                return;
            }
        }
        link.executor().execute(() -> {
            try {
                if (!whole) {
                    serverFault("a truncated datagram header from the cluster; dropped");
                    return;
                }
                d.readerIndex(Datagram.senderOffset(d));
                fromServer(d);
            } finally {
                d.release();
            }
        });
    }

    /**
     * A datagram from the cluster, read from its sender on (its header is whole); the caller
     * releases it. One whose arguments are cut short is dropped, as astrond drops it.
     */
    void fromServer(ByteBuf d) {
        if (terminated) {
            return;
        }
        ByteBuf whole = d.duplicate();
        long sender = d.readLongLE();
        if (sender == channel) {
            return;
        }
        int type = d.readUnsignedShortLE();
        ClientAgentMessageType ca = ClientAgentMessageType.of(type);
        StateServerMessageType ss = StateServerMessageType.of(type);
        if (ca != null ? !ArgumentLengths.complete(ca, d) : ss != null && !ArgumentLengths.complete(ss, d)) {
            serverFault("a truncated " + (ca != null ? ca : ss) + " from " + sender + "; dropped");
        } else if (ca != null) {
            control.handle(ca, d, sender);
        } else if (ss == null || !objects.handle(ss, d, whole)) {
            log.error("{}: unknown server message type {}", name(), type);
        }
    }

    /** CLIENTAGENT_SET_STATE: any of the three states, at any time; a new state starts its time limit. */
    void setState(ClientState newState) {
        if (newState == ClientState.ESTABLISHED && state != ClientState.ESTABLISHED) {
            agent.established().incrementAndGet();
        } else if (state == ClientState.ESTABLISHED && newState != ClientState.ESTABLISHED) {
            agent.established().decrementAndGet();
        }
        if (newState != state) {
            state = newState;
            limitState();
        }
    }

    // ---- the end ----

    /**
     * The connection is gone, for whatever reason: the channel goes back, session objects are
     * deleted, pending interests end, and the Message Director runs the post-removes. When
     * neither side ended it (no eject, no CLIENT_DISCONNECT), astrond's {@code client-lost}
     * event says so, with {@code reason} in libuv's words.
     */
    void closedByNetwork(String reason) {
        if (terminated) {
            return;
        }
        if (!closed && !proxyLocal) {
            event(LoggedEvent.of("client-lost", sender())
                    .with("remote_address", address(link.remoteIp(), link.remotePort()))
                    .with("local_address", address(link.localIp(), link.localPort()))
                    .with("reason", reason));
        }
        terminated = true;
        closed = true;
        if (session != null) {
            agent.sessions().release(session);
        }
        if (state == ClientState.ESTABLISHED) {
            agent.established().decrementAndGet();
        }
        if (heartbeat != null) {
            heartbeat.stop();
        }
        stateLimit.cancel();
        if (allocated == 0) {
            return;
        }
        agent.channels().free(allocated);
        agent.clients().remove(this);
        for (long doId : new LinkedHashSet<>(view.session)) {
            route(Datagram.to(doId, channel, StateServerMessageType.OBJECT_DELETE_RAM.id()).u32(doId));
        }
        view.session.clear();
        interests.finishAll();
        agent.md().remove(this);
    }
}
