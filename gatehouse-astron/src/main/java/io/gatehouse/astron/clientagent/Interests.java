package io.gatehouse.astron.clientagent;

import static io.gatehouse.astron.message.ClientMessageType.DONE_INTEREST_RESP;
import static io.gatehouse.astron.message.ClientMessageType.OBJECT_LEAVING;
import static io.gatehouse.astron.message.EjectCode.SESSION_OBJECT_DELETED;
import static io.gatehouse.astron.message.StateServerMessageType.OBJECT_ENTER_INTEREST_WITH_REQUIRED_OTHER;
import static io.gatehouse.astron.message.StateServerMessageType.OBJECT_GET_ZONES_OBJECTS;
import static io.gatehouse.astron.stateserver.StateServerMessage.location;

import io.gatehouse.astron.md.Datagram;
import io.gatehouse.astron.message.ClientAgentMessageType;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's interests (docs/protocol/astron.md, section 11): which zones of which parents it
 * watches, the operations that fetch a new zone's objects, and the datagrams held back until
 * an interest is complete so that the client hears of an object before anything about it.
 */
final class Interests {

    private static final Logger log = LoggerFactory.getLogger(Interests.class);

    private final Client client;
    private final ObjectView view;
    final Map<Integer, Interest> open = new HashMap<>();
    private final Map<Long, InterestOperation> pending = new LinkedHashMap<>();
    /** Objects announced to a pending operation, by id: the operation's request context. */
    private final Map<Long, Long> pendingObjects = new HashMap<>();

    Interests(Client client, ObjectView view) {
        this.client = client;
        this.view = view;
    }

    /** Reads an interest: id, parent, then one zone or a count and zones. */
    static Interest read(ByteBuf in, boolean multiple) {
        int id = in.readUnsignedShortLE();
        long parent = in.readUnsignedIntLE();
        int count = multiple ? in.readUnsignedShortLE() : 1;
        Set<Long> zones = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            zones.add(in.readUnsignedIntLE());
        }
        return new Interest(id, parent, zones);
    }

    /**
     * Whether the GET_ZONES_OBJECTS that opens the interest fits one internal datagram (context,
     * parent, count and a uint32 per zone after one recipient, sender and type): at most 16,376
     * zones. Checked before anything is done, on all its zones, also those already covered.
     */
    static boolean fitsOneQuery(Interest i) {
        return 10 + 4L * i.zones().size() <= Datagram.argumentRoom(1);
    }

    /** The open interests that cover the location. */
    private List<Interest> covering(long parent, long zone) {
        List<Interest> out = new ArrayList<>();
        for (Interest i : open.values()) {
            if (i.covers(parent, zone)) {
                out.add(i);
            }
        }
        return out;
    }

    boolean anyCovers(long parent, long zone) {
        return !covering(parent, zone).isEmpty();
    }

    /**
     * Opens an interest, or changes an open one with the same id: the zones no other interest
     * covered are asked of the parent; the zones the change gives up are closed.
     */
    void add(Interest i, long context, long caller) {
        Set<Long> newZones = new LinkedHashSet<>();
        for (long z : i.zones()) {
            if (covering(i.parent(), z).isEmpty()) {
                newZones.add(z);
            }
        }
        Interest previous = open.get(i.id());
        if (previous != null) {
            Set<Long> killed = new LinkedHashSet<>();
            for (long z : previous.zones()) {
                if (covering(previous.parent(), z).size() > 1) {
                    continue;
                }
                if (i.parent() != previous.parent() || !i.zones().contains(z)) {
                    killed.add(z);
                }
            }
            closeZones(previous.parent(), killed);
            if (client.isClosed()) {
                return;
            }
        }
        open.put(i.id(), i);
        if (newZones.isEmpty()) {
            notifyDone(i.id(), caller == 0 ? List.of() : List.of(caller));
            client.send(client.frame(DONE_INTEREST_RESP).u32(context).u16(i.id()));
            return;
        }
        long requestContext = client.nextContext();
        InterestOperation op = new InterestOperation(i.id(), context, requestContext, i.parent(), newZones, caller);
        pending.put(requestContext, op);
        op.timeout = client.later(client.config().interestTimeout(), () -> timedOut(op));
        Datagram query = Datagram.to(i.parent(), client.channel(), OBJECT_GET_ZONES_OBJECTS.id())
                .u32(requestContext).u32(i.parent()).u16(newZones.size());
        for (long z : newZones) {
            query.u32(z);
            client.subscribe(location(i.parent(), z));
        }
        client.route(query);
    }

    /** Closes an interest: the zones no other interest covers are closed, then the done replies go out. */
    void remove(Interest i, long context, long caller) {
        Set<Long> killed = new LinkedHashSet<>();
        for (long z : i.zones()) {
            if (covering(i.parent(), z).size() == 1) {
                killed.add(z);
            }
        }
        closeZones(i.parent(), killed);
        if (client.isClosed()) {
            return;
        }
        notifyDone(i.id(), caller == 0 ? List.of() : List.of(caller));
        client.send(client.frame(DONE_INTEREST_RESP).u32(context).u16(i.id()));
        open.remove(i.id());
    }

    /**
     * Every visible object in the zones leaves the client's view (a session object among them
     * ejects the client with 153), and the zones' channels are left.
     */
    private void closeZones(long parent, Set<Long> killed) {
        List<Long> leaving = new ArrayList<>();
        for (Map.Entry<Long, ObjectView.Located> e : view.visible.entrySet()) {
            if (e.getValue().parent == parent && killed.contains(e.getValue().zone)) {
                if (view.session.contains(e.getKey())) {
                    client.eject(SESSION_OBJECT_DELETED, "A session object has unexpectedly left interest.");
                    return;
                }
                leaving.add(e.getKey());
            }
        }
        for (long id : leaving) {
            client.send(client.frame(OBJECT_LEAVING).u32(id));
            view.forget(id);
        }
        for (long z : killed) {
            client.unsubscribe(location(parent, z));
        }
    }

    private void notifyDone(int interestId, List<Long> callers) {
        if (!callers.isEmpty()) {
            client.route(Datagram.to(callers, client.channel(), ClientAgentMessageType.DONE_INTEREST_RESP.id()).u64(client.channel()).u16(interestId));
        }
    }

    /**
     * An object entering a location: held by a pending operation on that location (so that it
     * follows the interest's snapshot), else false.
     */
    boolean holdEntrance(long doId, long parent, long zone, ByteBuf datagram) {
        for (InterestOperation op : pending.values()) {
            if (op.covers(parent, zone)) {
                op.queued.add(copy(datagram));
                pendingObjects.put(doId, op.requestContext);
                return true;
            }
        }
        return false;
    }

    /** A datagram about an object a pending operation announced: held until the operation is done. */
    boolean holdIfPending(long doId, ByteBuf datagram) {
        Long context = pendingObjects.get(doId);
        if (context == null) {
            return false;
        }
        pending.get(context).queued.add(copy(datagram));
        return true;
    }

    void objectEntered(long doId) {
        pendingObjects.remove(doId);
    }

    /** ENTER_INTEREST_WITH_REQUIRED[_OTHER], read past its context. */
    void interestEntry(long context, ByteBuf datagram, long doId) {
        InterestOperation op = pending.get(context);
        if (op == null) {
            log.warn("{}: object entrance into interest with unknown context {}", client.name(), context);
            return;
        }
        pendingObjects.put(doId, context);
        op.generates.add(copy(datagram));
        if (op.ready()) {
            finish(op);
        }
    }

    /** GET_ZONES_COUNT_RESP: how many objects the parent's zones hold. */
    void zonesCount(long context, long count) {
        InterestOperation op = pending.get(context);
        if (op == null) {
            log.error("{}: GET_ZONES_COUNT_RESP for unknown context {}", client.name(), context);
            return;
        }
        op.expect(count);
        if (op.ready()) {
            finish(op);
        }
    }

    private void timedOut(InterestOperation op) {
        if (pending.get(op.requestContext) == op && !client.isClosed()) {
            log.warn("{}: interest operation timed out; forcing", client.name());
            finish(op);
        }
    }

    /**
     * Sends the snapshot's objects, the done replies, then the datagrams that were held back,
     * as if they arrived now.
     */
    private void finish(InterestOperation op) {
        op.timeout.cancel();
        for (ByteBuf g : op.generates) {
            g.skipBytes(8);
            boolean other = g.readUnsignedShortLE() == OBJECT_ENTER_INTEREST_WITH_REQUIRED_OTHER.id();
            g.skipBytes(4);
            client.objects().entrance(g, other);
            g.release();
        }
        op.generates.clear();
        notifyDone(op.interestId, op.callers);
        client.send(client.frame(DONE_INTEREST_RESP).u32(op.clientContext).u16(op.interestId));
        pending.remove(op.requestContext);
        List<ByteBuf> held = new ArrayList<>(op.queued);
        op.queued.clear();
        for (ByteBuf d : held) {
            try {
                client.fromServer(d);
            } finally {
                d.release();
            }
        }
    }

    /** The client is gone: every pending operation ends, its callers still hear that it is done. */
    void finishAll() {
        for (InterestOperation op : new ArrayList<>(pending.values())) {
            op.timeout.cancel();
            op.release();
            notifyDone(op.interestId, op.callers);
        }
        pending.clear();
        pendingObjects.clear();
    }

    private static ByteBuf copy(ByteBuf datagram) {
        return datagram.copy(datagram.readerIndex(), datagram.readableBytes());
    }
}
