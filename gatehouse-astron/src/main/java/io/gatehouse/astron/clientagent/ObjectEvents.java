package io.gatehouse.astron.clientagent;

import static io.gatehouse.astron.message.ClientMessageType.OBJECT_LEAVING;
import static io.gatehouse.astron.message.ClientMessageType.OBJECT_LEAVING_OWNER;
import static io.gatehouse.astron.message.ClientMessageType.OBJECT_LOCATION;
import static io.gatehouse.astron.message.EjectCode.SESSION_OBJECT_DELETED;

import io.gatehouse.astron.dc.DcFile;
import io.gatehouse.astron.message.ClientMessageType;
import io.gatehouse.astron.message.StateServerMessageType;
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

    /**
     * A State Server message about an object, read past its type ({@code whole} from its sender
     * on, to be held back as it came); false for a type the client does not take.
     */
    boolean handle(StateServerMessageType type, ByteBuf d, ByteBuf whole) {
        switch (type) {
            case OBJECT_SET_FIELD -> fieldUpdate(d, whole, false);
            case OBJECT_SET_FIELDS -> fieldUpdate(d, whole, true);
            case OBJECT_DELETE_RAM -> deleted(d, whole);
            case OBJECT_ENTER_OWNER_WITH_REQUIRED -> ownership(d, false);
            case OBJECT_ENTER_OWNER_WITH_REQUIRED_OTHER -> ownership(d, true);
            case OBJECT_ENTER_LOCATION_WITH_REQUIRED, OBJECT_ENTER_LOCATION_WITH_REQUIRED_OTHER -> {
                ByteBuf at = d.duplicate();
                long doId = d.readUnsignedIntLE();
                long parent = d.readUnsignedIntLE();
                long zone = d.readUnsignedIntLE();
                if (!interests.holdEntrance(doId, parent, zone, whole)) {
                    entrance(at, type == StateServerMessageType.OBJECT_ENTER_LOCATION_WITH_REQUIRED_OTHER);
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
            case OBJECT_CHANGING_LOCATION -> moved(d, whole);
            case OBJECT_CHANGING_OWNER -> ownerChanged(d);
            default -> {
                return false;
            }
        }
        return true;
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
        client.send(client.frame(several ? ClientMessageType.OBJECT_SET_FIELDS : ClientMessageType.OBJECT_SET_FIELD).u32(doId).u16(next).bytes(in));
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
            client.eject(SESSION_OBJECT_DELETED, "The session object with id " + doId + " has been unexpectedly deleted.");
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
                    client.eject(SESSION_OBJECT_DELETED, "The session object with id " + doId + " has unexpectedly left interest.");
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
            client.eject(SESSION_OBJECT_DELETED, "The session object with id " + doId + " has unexpectedly left ownership.");
            return;
        }
        client.send(client.frame(OBJECT_LEAVING_OWNER).u32(doId));
        view.owned.remove(doId);
    }
}
