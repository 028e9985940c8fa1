package io.gatehouse.astron.clientagent;

import static io.gatehouse.astron.clientagent.ClientMessage.*;

import io.gatehouse.astron.dc.DcFile;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the State Server tells a client about objects (docs/protocol/astron.md, section 11):
 * objects entering its view or ownership, their field updates, moves, owner changes and
 * deletion, each turned into the client message the spec gives, or held back while an
 * interest that will announce the object is still open.
 */
final class ObjectEvents {

    private static final Logger log = LoggerFactory.getLogger(ObjectEvents.class);

    private final Client client;
    private final ObjectView view;
    private final Interests interests;
    private final DcFile dc;

    ObjectEvents(Client client, ObjectView view, Interests interests, DcFile dc) {
        this.client = client;
        this.view = view;
        this.interests = interests;
        this.dc = dc;
    }

    /** An object entering the client's view; {@code in} is at its id. */
    void entrance(ByteBuf in, boolean other) {
        long doId = in.readUnsignedIntLE();
        long parent = in.readUnsignedIntLE();
        long zone = in.readUnsignedIntLE();
        int classId = in.readUnsignedShortLE();
        interests.objectEntered(doId);
        if (view.seen.contains(doId) || view.owned.containsKey(doId) && view.session.contains(doId)) {
            return;
        }
        view.visible.putIfAbsent(doId, new ObjectView.Located(dc.classById(classId), parent, zone));
        view.seen.add(doId);
        client.send(client.frame(ObjectView.enterMessage(other, false)).u32(doId).u32(parent).u32(zone).u16(classId).bytes(in));
        in.skipBytes(in.readableBytes());
    }

    /** ENTER_OWNER_WITH_REQUIRED[_OTHER]; {@code in} is at the object's id. */
    void ownership(ByteBuf in, boolean other) {
        long doId = in.readUnsignedIntLE();
        long parent = in.readUnsignedIntLE();
        long zone = in.readUnsignedIntLE();
        int classId = in.readUnsignedShortLE();
        view.owned.putIfAbsent(doId, new ObjectView.Located(dc.classById(classId), parent, zone));
        client.send(client.frame(ObjectView.enterMessage(other, true)).u32(doId).u32(parent).u32(zone).u16(classId).bytes(in));
        in.skipBytes(in.readableBytes());
    }

    /** SET_FIELD or SET_FIELDS; {@code in} is at the object's id, {@code whole} at the sender. */
    void fieldUpdate(ByteBuf in, ByteBuf whole, boolean several) {
        long doId = in.readUnsignedIntLE();
        if (view.lookup(doId) == null) {
            if (!interests.holdIfPending(doId, whole)) {
                log.warn("{}: server-side field update for unknown object {}", client.name(), doId);
            }
            return;
        }
        int next = in.readUnsignedShortLE();
        client.send(client.frame(several ? OBJECT_SET_FIELDS : OBJECT_SET_FIELD).u32(doId).u16(next).bytes(in));
        in.skipBytes(in.readableBytes());
    }

    /** DELETE_RAM: the object is gone; a session object's loss ejects the client. */
    void deleted(ByteBuf in, ByteBuf whole) {
        long doId = in.readUnsignedIntLE();
        if (view.lookup(doId) == null) {
            if (!interests.holdIfPending(doId, whole)) {
                log.warn("{}: server-side object delete for unknown object {}", client.name(), doId);
            }
            return;
        }
        if (view.session.remove(doId)) {
            client.eject(EJECT_SESSION_OBJECT_DELETED, "The session object with id " + doId + " has been unexpectedly deleted.");
            return;
        }
        if (view.seen.remove(doId)) {
            client.send(client.frame(OBJECT_LEAVING).u32(doId));
        }
        if (view.owned.remove(doId) != null) {
            client.send(client.frame(OBJECT_LEAVING_OWNER).u32(doId));
        }
        view.historical.add(doId);
        view.visible.remove(doId);
    }

    /** CHANGING_LOCATION: the object moved; it leaves the client's view when no interest covers its new place. */
    void moved(ByteBuf in, ByteBuf whole) {
        long doId = in.readUnsignedIntLE();
        if (interests.holdIfPending(doId, whole)) {
            return;
        }
        long parent = in.readUnsignedIntLE();
        long zone = in.readUnsignedIntLE();
        in.skipBytes(8);
        boolean visible = view.visible.containsKey(doId);
        boolean owned = view.owned.containsKey(doId);
        if (!visible && !owned) {
            return;
        }
        if (visible) {
            view.visible.get(doId).parent = parent;
            view.visible.get(doId).zone = zone;
        }
        if (owned) {
            view.owned.get(doId).parent = parent;
            view.owned.get(doId).zone = zone;
        }
        if (visible && !interests.anyCovers(parent, zone)) {
            if (view.session.contains(doId)) {
                if (owned) {
                    client.send(client.frame(OBJECT_LOCATION).u32(doId).u32(parent).u32(zone));
                } else {
                    client.eject(EJECT_SESSION_OBJECT_DELETED, "The session object with id " + doId + " has unexpectedly left interest.");
                }
                return;
            }
            client.send(client.frame(OBJECT_LEAVING).u32(doId));
            view.forget(doId);
        } else {
            client.send(client.frame(OBJECT_LOCATION).u32(doId).u32(parent).u32(zone));
        }
    }

    /** CHANGING_OWNER: the client loses an object it owned (its own channel as new owner changes nothing). */
    void ownerChanged(ByteBuf in) {
        long doId = in.readUnsignedIntLE();
        long newOwner = in.readLongLE();
        in.skipBytes(8);
        if (newOwner == client.channel()) {
            return;
        }
        if (!view.owned.containsKey(doId)) {
            log.error("{}: CHANGING_OWNER for unowned object {}", client.name(), doId);
            return;
        }
        if (view.session.contains(doId)) {
            client.eject(EJECT_SESSION_OBJECT_DELETED, "The session object with id " + doId + " has unexpectedly left ownership.");
            return;
        }
        client.send(client.frame(OBJECT_LEAVING_OWNER).u32(doId));
        view.owned.remove(doId);
    }
}
