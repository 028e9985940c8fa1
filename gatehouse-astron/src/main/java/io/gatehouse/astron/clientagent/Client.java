package io.gatehouse.astron.clientagent;

import static io.gatehouse.astron.clientagent.ClientMessage.*;
import static io.gatehouse.astron.stateserver.StateServerMessage.OBJECT_CHANGING_LOCATION;
import static io.gatehouse.astron.stateserver.StateServerMessage.OBJECT_CHANGING_OWNER;
import static io.gatehouse.astron.stateserver.StateServerMessage.OBJECT_DELETE_RAM;
import static io.gatehouse.astron.stateserver.StateServerMessage.OBJECT_ENTER_INTEREST_WITH_REQUIRED;
import static io.gatehouse.astron.stateserver.StateServerMessage.OBJECT_ENTER_INTEREST_WITH_REQUIRED_OTHER;
import static io.gatehouse.astron.stateserver.StateServerMessage.OBJECT_ENTER_LOCATION_WITH_REQUIRED;
import static io.gatehouse.astron.stateserver.StateServerMessage.OBJECT_ENTER_LOCATION_WITH_REQUIRED_OTHER;
import static io.gatehouse.astron.stateserver.StateServerMessage.OBJECT_ENTER_OWNER_WITH_REQUIRED;
import static io.gatehouse.astron.stateserver.StateServerMessage.OBJECT_ENTER_OWNER_WITH_REQUIRED_OTHER;
import static io.gatehouse.astron.stateserver.StateServerMessage.OBJECT_GET_ZONES_COUNT_RESP;
import static io.gatehouse.astron.stateserver.StateServerMessage.OBJECT_SET_LOCATION;

import io.gatehouse.astron.dc.DcClass;
import io.gatehouse.astron.dc.DcField;
import io.gatehouse.astron.dc.DcConstraints;
import io.gatehouse.astron.dc.DcWireException;
import io.gatehouse.astron.md.Datagram;
import io.gatehouse.astron.md.DatagramOverflowException;
import io.gatehouse.astron.md.MdParticipant;
import io.gatehouse.astron.stateserver.StateServerMessage;
import io.gatehouse.core.metrics.ClientFaults;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.time.Cancellable;
import io.gatehouse.core.time.Deadline;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
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
 * What a client does wrong is a client fault: counted, and logged once per connection.
 */
final class Client implements MdParticipant {

    static final int NEW = 0;
    static final int ANONYMOUS = 1;
    static final int ESTABLISHED = 2;

    private static final Logger log = LoggerFactory.getLogger(Client.class);

    private final ClientAgent agent;
    private final ClientLink link;
    private final ObjectView view;
    private final Interests interests;
    private final ObjectEvents objects;
    private int state = NEW;
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
    /** This client as a core session, from its HELLO; null before. Set on the client's thread, read on the routing thread too. */
    private volatile ClientSession session;

    Client(ClientAgent agent, ClientLink link) {
        this.agent = agent;
        this.link = link;
        this.view = new ObjectView(agent.uberdogs(), agent.uberdogClasses());
        this.interests = new Interests(this, view);
        this.objects = new ObjectEvents(this, view, interests, agent.dc());
    }

    @Override
    public String name() {
        return "Client(" + link.remoteIp() + ":" + link.remotePort() + ", " + channel + ")";
    }

    /** The connection is up: a channel, the subscriptions, the heartbeat clock and the limit of NEW. */
    void start() {
        allocated = agent.channels().allocate();
        if (allocated == 0) {
            eject(EJECT_GENERIC, "Client capacity reached", CloseReason.SERVER_ERROR, "capacity");
            return;
        }
        channel = allocated;
        agent.md().subscribe(this, channel);
        agent.md().subscribe(this, ALL_CLIENTS);
        Duration silence = agent.config().heartbeatTimeout();
        if (!silence.isZero()) {
            heartbeat = new Deadline(agent.scheduler(), silence, () -> onLoop(() -> eject(EJECT_NO_HEARTBEAT,
                    "Server timed out while waiting for heartbeat.", CloseReason.HEARTBEAT_TIMEOUT, "no_heartbeat"))).start();
        }
        limitState();
    }

    // ---- to and from the rest of the client agent ----

    ClientFrame frame(int type) {
        return ClientFrame.of(link.alloc(), type);
    }

    void send(ClientFrame f) {
        if (closed) {
            return;
        }
        ByteBuf b;
        try {
            b = f.build();
        } catch (DatagramOverflowException e) {
            log.error("{}: a message for the client does not fit one datagram ({}); dropped", name(), e.getMessage());
            return;
        }
        link.send(b);
    }

    void route(Datagram d) {
        agent.md().route(this, d.build());
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

    /**
     * Sends CLIENT_EJECT with the code and reason, then closes; counted under the close reason
     * the code stands for, and as a client fault when the code says the client was wrong.
     */
    void eject(int code, String reason) {
        eject(code, reason, closeReason(code), faultKind(code));
    }

    /** The core ends this client's session (an operator's kick): CLIENT_EJECT 151 with its words, on the client's thread. */
    void endFromCore(CloseReason why, String detail) {
        onLoop(() -> eject(EJECT_LOGGED_OUT_BY_ADMIN, detail, why, null));
    }

    /** The server is shutting down: CLIENT_EJECT 154, then the close. */
    void serverShutdown() {
        eject(EJECT_SERVER_SHUTDOWN, "Server is shutting down.", CloseReason.SERVER_SHUTDOWN, null);
    }

    /** This connection's faults, named by its address (known once a PROXY header has been read). */
    ClientFaults.Tracker faults() {
        if (faults == null) {
            faults = agent.faults().connection(name());
        }
        return faults;
    }

    /** {@code faultKind} null: not the client's fault (the game's eject, a deleted session object, shutdown). */
    private void eject(int code, String reason, CloseReason why, String faultKind) {
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
        closed = true;
        ByteBuf b;
        try {
            b = frame(EJECT).u16(code).string(reason).build();
        } catch (DatagramOverflowException e) {
            link.close(why);
            return;
        }
        link.sendAndClose(b, why);
    }

    /** The core's name for why a client the Client Agent itself ejects goes. */
    static CloseReason closeReason(int ejectCode) {
        return switch (ejectCode) {
            case EJECT_NO_HEARTBEAT -> CloseReason.HEARTBEAT_TIMEOUT;
            case EJECT_OVERSIZED_DATAGRAM -> CloseReason.OVERSIZED;
            case EJECT_TRUNCATED_DATAGRAM -> CloseReason.TRUNCATED;
            case EJECT_SESSION_OBJECT_DELETED -> CloseReason.KICKED;
            case EJECT_SERVER_SHUTDOWN -> CloseReason.SERVER_SHUTDOWN;
            case EJECT_GENERIC -> CloseReason.SERVER_ERROR;
            default -> CloseReason.BAD_FRAME;
        };
    }

    /** The client fault an eject code of the Client Agent's stands for; null for codes that are not the client's doing. */
    static String faultKind(int ejectCode) {
        return switch (ejectCode) {
            case EJECT_OVERSIZED_DATAGRAM -> "oversized";
            case EJECT_NO_HELLO -> "no_hello";
            case EJECT_INVALID_MSGTYPE -> "invalid_msgtype";
            case EJECT_TRUNCATED_DATAGRAM -> "truncated";
            case EJECT_ANONYMOUS_VIOLATION -> "anonymous_violation";
            case EJECT_FORBIDDEN_INTEREST -> "forbidden_interest";
            case EJECT_MISSING_OBJECT -> "missing_object";
            case EJECT_FORBIDDEN_FIELD -> "forbidden_field";
            case EJECT_FORBIDDEN_RELOCATE -> "forbidden_relocate";
            case EJECT_BAD_VERSION -> "bad_version";
            case EJECT_BAD_DCHASH -> "bad_dchash";
            case EJECT_FIELD_CONSTRAINT -> "field_constraint";
            default -> null;
        };
    }

    private void drop(CloseReason why) {
        closed = true;
        link.close(why);
    }

    // ---- the client's datagrams ----

    /** One datagram from the client (its length tag removed); the caller releases it. */
    void fromClient(ByteBuf in) {
        if (closed) {
            return;
        }
        try {
            switch (state) {
                case NEW -> beforeHello(in);
                case ANONYMOUS -> anonymous(in);
                default -> established(in);
            }
        } catch (IndexOutOfBoundsException | DcWireException e) {
            eject(EJECT_TRUNCATED_DATAGRAM, "Datagram unexpectedly ended while iterating.");
            return;
        } catch (DatagramOverflowException e) {
            eject(EJECT_OVERSIZED_DATAGRAM, "ClientDatagram too large to be routed on MD.");
            return;
        }
        if (!closed && in.isReadable()) {
            eject(EJECT_OVERSIZED_DATAGRAM, "Datagram contains excess data.");
        }
    }

    private void beforeHello(ByteBuf in) {
        int type = in.readUnsignedShortLE();
        if (type != HELLO) {
            eject(EJECT_NO_HELLO, "First packet is not CLIENT_HELLO");
            return;
        }
        resetHeartbeat();
        long hash = in.readUnsignedIntLE();
        String version = readString(in);
        if (!version.equals(agent.config().version())) {
            eject(EJECT_BAD_VERSION, "Client version mismatch: client=" + version + ", server=" + agent.config().version());
            return;
        }
        if (hash != agent.hash()) {
            eject(EJECT_BAD_DCHASH, "Client DC hash mismatch: client=0x" + Long.toHexString(hash)
                    + ", server=0x" + Long.toHexString(agent.hash()));
            return;
        }
        send(frame(HELLO_RESP));
        state = ANONYMOUS;
        session = new ClientSession(this);
        agent.sessions().attach(session, null, null);
        limitState();
    }

    private void anonymous(ByteBuf in) {
        int type = in.readUnsignedShortLE();
        switch (type) {
            case DISCONNECT -> drop(CloseReason.CLIENT_CLOSED);
            case ClientMessage.OBJECT_SET_FIELD -> setField(in);
            case HEARTBEAT -> resetHeartbeat();
            default -> eject(EJECT_INVALID_MSGTYPE, "Message type " + type + " not allowed prior to authentication.");
        }
    }

    private void established(ByteBuf in) {
        int type = in.readUnsignedShortLE();
        switch (type) {
            case DISCONNECT -> drop(CloseReason.CLIENT_CLOSED);
            case ClientMessage.OBJECT_SET_FIELD -> setField(in);
            case OBJECT_LOCATION -> relocate(in);
            case ClientMessage.ADD_INTEREST -> addInterest(in, false);
            case ADD_INTEREST_MULTIPLE -> addInterest(in, true);
            case REMOVE_INTEREST -> removeInterest(in);
            case HEARTBEAT -> resetHeartbeat();
            default -> eject(EJECT_INVALID_MSGTYPE, "Message type " + type + " not valid.");
        }
    }

    /** A field update from the client, checked against what it may see and send. */
    private void setField(ByteBuf in) {
        long doId = in.readUnsignedIntLE();
        int fieldId = in.readUnsignedShortLE();
        DcClass dclass = view.lookup(doId);
        if (dclass == null) {
            if (view.historical.contains(doId)) {
                in.skipBytes(in.readableBytes());
            } else {
                eject(EJECT_MISSING_OBJECT, "Client tried to send update to nonexistent object " + doId);
            }
            return;
        }
        String object = dclass.name() + "(" + doId + ")";
        if (state != ESTABLISHED && !view.isAnonymousUberdog(doId)) {
            eject(EJECT_ANONYMOUS_VIOLATION, "Client tried to send update to non-anonymous object " + object);
            return;
        }
        DcField field = agent.dc().field(fieldId);
        if (field == null || !dclass.has(field)) {
            eject(EJECT_FORBIDDEN_FIELD, "Client tried to send update for nonexistent field " + fieldId + " to object " + object);
            return;
        }
        boolean owned = view.isOwned(doId);
        if (!field.hasKeyword("clsend") && !(owned && field.hasKeyword("ownsend")) && !view.isSendable(doId, fieldId)) {
            eject(EJECT_FORBIDDEN_FIELD, "Client tried to send update for non-sendable field: " + object + "." + field.name());
            return;
        }
        int start = in.readerIndex();
        String violation = DcConstraints.skipField(field, in);
        if (violation != null) {
            eject(EJECT_FIELD_CONSTRAINT, "Client tried to send update that violates the constraints for field "
                    + object + "." + field.name() + ": " + violation);
            return;
        }
        route(Datagram.to(doId, channel, StateServerMessage.OBJECT_SET_FIELD).u32(doId).u16(fieldId)
                .bytes(ByteBufUtil.getBytes(in, start, in.readerIndex() - start)));
    }

    /** CLIENT_OBJECT_LOCATION: the client moves an object it owns, when the agent allows it. */
    private void relocate(ByteBuf in) {
        if (!agent.config().relocateAllowed()) {
            eject(EJECT_FORBIDDEN_RELOCATE, "Owned object relocation is disabled by server.");
            return;
        }
        long doId = in.readUnsignedIntLE();
        if (!view.isOwned(doId)) {
            if (view.historical.contains(doId)) {
                in.skipBytes(in.readableBytes());
            } else if (view.visible.containsKey(doId)) {
                eject(EJECT_FORBIDDEN_RELOCATE, "Can't relocate an object the client doesn't own");
            } else {
                eject(EJECT_MISSING_OBJECT, "Client tried to manipulate unknown object " + doId);
            }
            return;
        }
        long parent = in.readUnsignedIntLE();
        long zone = in.readUnsignedIntLE();
        route(Datagram.to(doId, channel, OBJECT_SET_LOCATION).u32(parent).u32(zone));
    }

    private void addInterest(ByteBuf in, boolean multiple) {
        if (agent.config().interests() == InterestPolicy.DISABLED) {
            eject(EJECT_FORBIDDEN_INTEREST, "Client is not allowed to add interests.");
            return;
        }
        long context = in.readUnsignedIntLE();
        Interest i = Interests.read(in, multiple);
        if (agent.config().interests() == InterestPolicy.VISIBLE && view.lookup(i.parent()) == null) {
            eject(EJECT_FORBIDDEN_INTEREST, "Cannot add interest to parent with id " + i.parent()
                    + " because parent is not visible to client.");
            return;
        }
        interests.add(i, context, 0);
    }

    private void removeInterest(ByteBuf in) {
        if (agent.config().interests() == InterestPolicy.DISABLED) {
            eject(EJECT_FORBIDDEN_INTEREST, "Client is not allowed to remove interests.");
            return;
        }
        long context = in.readUnsignedIntLE();
        int id = in.readUnsignedShortLE();
        Interest i = interests.open.get(id);
        if (i == null) {
            eject(EJECT_GENERIC, "Tried to remove a non-existing interest.", CloseReason.BAD_FRAME, "unknown_interest");
            return;
        }
        if (agent.config().interests() == InterestPolicy.VISIBLE && view.lookup(i.parent()) == null) {
            eject(EJECT_FORBIDDEN_INTEREST, "Cannot remove interest for parent with id " + i.parent()
                    + " because parent is not visible to client.");
            return;
        }
        interests.remove(i, context, 0);
    }

    private void resetHeartbeat() {
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
        int limited = state;
        Duration time = switch (state) {
            case NEW -> agent.config().helloTimeout();
            case ANONYMOUS -> agent.config().anonymousTimeout();
            default -> Duration.ZERO;
        };
        if (time.isZero()) {
            stateLimit = Cancellable.NONE;
            return;
        }
        stateLimit = agent.scheduler().schedule(time, () -> onLoop(() -> {
            if (limit != stateLimits) {
                return;
            }
            if (limited == NEW) {
                eject(EJECT_NO_HELLO, "No CLIENT_HELLO within " + seconds(time) + ".", CloseReason.HEARTBEAT_TIMEOUT, "hello_timeout");
            } else {
                eject(EJECT_GENERIC, "Client was not authenticated within " + seconds(time) + ".", CloseReason.AUTH_FAILED,
                        "anonymous_timeout");
            }
        }));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " seconds" : d.toMillis() + " ms";
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
        try {
            int at = Datagram.senderOffset(d);
            if (!terminated && d.getLongLE(at) != channel && routingChange(d.getUnsignedShortLE(at + 8), d.slice(at + 10, d.writerIndex() - at - 10))) {
                d.release();
                return;
            }
        } catch (IndexOutOfBoundsException e) {
            log.error("{}: truncated datagram from the cluster", name());
            d.release();
            return;
        }
        link.executor().execute(() -> {
            try {
                d.readerIndex(Datagram.senderOffset(d));
                fromServer(d);
            } catch (IndexOutOfBoundsException | DcWireException e) {
                log.error("{}: truncated datagram from the cluster: {}", name(), e.getMessage());
            } finally {
                d.release();
            }
        });
    }

    /** A datagram from the cluster, read from its sender on; the caller releases it. */
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
        switch (type) {
            case CA_EJECT -> {
                int code = d.readUnsignedShortLE();
                eject(code, readString(d), CloseReason.KICKED, null);
            }
            case CA_DROP -> drop(CloseReason.KICKED);
            case CA_SET_STATE -> setState(d.readUnsignedShortLE());
            case CA_ADD_INTEREST, CA_ADD_INTEREST_MULTIPLE -> {
                long context = nextContext();
                Interest i = Interests.read(d, type == CA_ADD_INTEREST_MULTIPLE);
                boolean multiple = i.zones().size() > 1;
                ClientFrame f = frame(multiple ? ADD_INTEREST_MULTIPLE : ClientMessage.ADD_INTEREST).u32(context).u16(i.id()).u32(i.parent());
                if (multiple) {
                    f.u16(i.zones().size());
                }
                i.zones().forEach(f::u32);
                send(f);
                interests.add(i, context, sender);
            }
            case CA_REMOVE_INTEREST -> {
                long context = nextContext();
                int id = d.readUnsignedShortLE();
                Interest i = interests.open.getOrDefault(id, new Interest(id, 0, Set.of()));
                send(frame(REMOVE_INTEREST).u32(context).u16(id));
                interests.remove(i, context, sender);
            }
            case CA_SEND_DATAGRAM -> {
                int length = d.readUnsignedShortLE();
                ByteBuf datagram = d.readSlice(length);
                if (!closed) {
                    link.send(ClientFrame.raw(link.alloc(), datagram));
                }
            }
            case CA_DECLARE_OBJECT -> {
                long doId = d.readUnsignedIntLE();
                int classId = d.readUnsignedShortLE();
                if (view.declared.containsKey(doId)) {
                    log.warn("{}: object declaration for previously declared object {}", name(), doId);
                } else {
                    view.declared.put(doId, agent.dc().classById(classId));
                }
            }
            case CA_UNDECLARE_OBJECT -> {
                long doId = d.readUnsignedIntLE();
                if (view.declared.remove(doId) == null) {
                    log.warn("{}: undeclare object for unknown object {}", name(), doId);
                }
            }
            case CA_SET_FIELDS_SENDABLE -> {
                long doId = d.readUnsignedIntLE();
                int count = d.readUnsignedShortLE();
                Set<Integer> fields = new HashSet<>();
                for (int i = 0; i < count; i++) {
                    fields.add(d.readUnsignedShortLE());
                }
                view.sendable.put(doId, fields);
            }
            case CA_ADD_SESSION_OBJECT -> {
                long doId = d.readUnsignedIntLE();
                if (!view.session.add(doId)) {
                    log.warn("{}: add session object for existing session object {}", name(), doId);
                }
            }
            case CA_REMOVE_SESSION_OBJECT -> {
                long doId = d.readUnsignedIntLE();
                if (!view.session.remove(doId)) {
                    log.warn("{}: remove session object for non-session object {}", name(), doId);
                }
            }
            case CA_GET_TLVS -> {
                byte[] tlvs = link.tlvs();
                route(Datagram.to(sender, channel, CA_GET_TLVS_RESP).u32(d.readUnsignedIntLE()).u16(tlvs.length).bytes(tlvs));
            }
            case CA_GET_NETWORK_ADDRESS -> {
                Datagram r = Datagram.to(sender, channel, CA_GET_NETWORK_ADDRESS_RESP).u32(d.readUnsignedIntLE());
                writeString(r, link.remoteIp());
                r.u16(link.remotePort());
                writeString(r, link.localIp());
                r.u16(link.localPort());
                route(r);
            }
            case StateServerMessage.OBJECT_SET_FIELD -> objects.fieldUpdate(d, whole, false);
            case StateServerMessage.OBJECT_SET_FIELDS -> objects.fieldUpdate(d, whole, true);
            case OBJECT_DELETE_RAM -> objects.deleted(d, whole);
            case OBJECT_ENTER_OWNER_WITH_REQUIRED -> objects.ownership(d, false);
            case OBJECT_ENTER_OWNER_WITH_REQUIRED_OTHER -> objects.ownership(d, true);
            case OBJECT_ENTER_LOCATION_WITH_REQUIRED, OBJECT_ENTER_LOCATION_WITH_REQUIRED_OTHER -> {
                ByteBuf at = d.duplicate();
                long doId = d.readUnsignedIntLE();
                long parent = d.readUnsignedIntLE();
                long zone = d.readUnsignedIntLE();
                if (!interests.holdEntrance(doId, parent, zone, whole)) {
                    objects.entrance(at, type == OBJECT_ENTER_LOCATION_WITH_REQUIRED_OTHER);
                }
            }
            case OBJECT_ENTER_INTEREST_WITH_REQUIRED, OBJECT_ENTER_INTEREST_WITH_REQUIRED_OTHER -> {
                long context = d.readUnsignedIntLE();
                interests.interestEntry(context, whole, d.getUnsignedIntLE(d.readerIndex()));
            }
            case OBJECT_GET_ZONES_COUNT_RESP -> {
                long context = d.readUnsignedIntLE();
                interests.zonesCount(context, d.readUnsignedIntLE());
            }
            case OBJECT_CHANGING_LOCATION -> objects.moved(d, whole);
            case OBJECT_CHANGING_OWNER -> objects.ownerChanged(d);
            default -> log.error("{}: unknown server message type {}", name(), type);
        }
    }

    /** The messages that change what the director routes to this client; true when {@code args} was one. */
    private boolean routingChange(int type, ByteBuf args) {
        switch (type) {
            case CA_SET_CLIENT_ID -> {
                if (channel != allocated) {
                    unsubscribe(channel);
                }
                channel = args.readLongLE();
                subscribe(channel);
                if (session != null) {
                    agent.sessions().identify(session, null, Long.toUnsignedString(channel));
                }
            }
            case CA_OPEN_CHANNEL -> subscribe(args.readLongLE());
            case CA_CLOSE_CHANNEL -> unsubscribe(args.readLongLE());
            case CA_ADD_POST_REMOVE -> {
                int length = args.readUnsignedShortLE();
                agent.md().addPostRemove(this, allocated, ByteBufUtil.getBytes(args.readSlice(length)));
            }
            case CA_CLEAR_POST_REMOVES -> agent.md().clearPostRemoves(this, allocated);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void setState(int newState) {
        if (newState > ESTABLISHED) {
            log.error("{}: CLIENTAGENT_SET_STATE to unknown state {}", name(), newState);
            return;
        }
        if (newState == ESTABLISHED && state != ESTABLISHED) {
            agent.established().incrementAndGet();
        } else if (state == ESTABLISHED && newState != ESTABLISHED) {
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
     * deleted, pending interests end, and the Message Director runs the post-removes.
     */
    void closedByNetwork() {
        if (terminated) {
            return;
        }
        terminated = true;
        closed = true;
        if (session != null) {
            agent.sessions().release(session);
        }
        if (state == ESTABLISHED) {
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
        for (long doId : new LinkedHashSet<>(view.session)) {
            route(Datagram.to(doId, channel, OBJECT_DELETE_RAM).u32(doId));
        }
        view.session.clear();
        interests.finishAll();
        agent.md().remove(this);
    }

    private static String readString(ByteBuf in) {
        int length = in.readUnsignedShortLE();
        return in.readCharSequence(length, StandardCharsets.UTF_8).toString();
    }

    private static void writeString(Datagram d, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        d.u16(b.length).bytes(b);
    }
}
