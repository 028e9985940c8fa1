package io.gatehouse.astron.stateserver;

import static io.gatehouse.astron.message.StateServerMessageType.*;
import static io.gatehouse.astron.stateserver.StateServerMessage.CONTEXT_WAKE_CHILDREN;
import static io.gatehouse.astron.stateserver.StateServerMessage.location;
import static io.gatehouse.astron.stateserver.StateServerMessage.parentToChildren;

import io.gatehouse.astron.dc.DcClass;
import io.gatehouse.astron.dc.DcField;
import io.gatehouse.astron.md.Datagram;
import io.gatehouse.astron.md.MdParticipant;
import io.gatehouse.astron.message.ArgumentLengths;
import io.gatehouse.astron.message.StateServerMessageType;
import io.gatehouse.core.metrics.ClientFaults;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One object of the State Server (docs/protocol/astron.md, section 9): a participant of its
 * own, subscribed to its id and to its parent's children channel, holding its required and
 * ram field values, its location, AI and owner, and which children sit in which of its zones.
 * Where astrond addresses several channels at once it collects them in a hash set, whose
 * order is unspecified; Gatehouse lists them in ascending order. A datagram cut short is
 * dropped whole before anything is done (a SET_FIELDS list ends at its first value cut short,
 * keeping the updates before it), and reported as the State Server's faults are.
 */
public final class DistributedObject implements MdParticipant {

    static final Comparator<DcField> BY_ID = Comparator.comparingInt(DcField::id);
    private static final Logger log = LoggerFactory.getLogger(DistributedObject.class);

    private final ObjectTable table;
    private final long id;
    private final DcClass dclass;
    private final FieldValues values;
    private final Map<Long, Set<Long>> zoneObjects = new TreeMap<>();
    private long parent;
    private long zone;
    private long ai;
    private long owner;
    private boolean aiExplicit;
    private boolean parentSynchronized;
    private long nextContext;
    /** This object's faults, from its first one on. */
    private ClientFaults.Tracker faults;

    DistributedObject(ObjectTable table, long id, DcClass dclass, Map<DcField, byte[]> required, Map<DcField, byte[]> ram) {
        this.table = table;
        this.id = id;
        this.dclass = dclass;
        this.values = new FieldValues(dclass, required, ram);
    }

    @Override
    public String name() {
        return dclass.name() + "(" + id + ")";
    }

    public long id() {
        return id;
    }

    public long parent() {
        return parent;
    }

    public long zone() {
        return zone;
    }

    public long aiChannel() {
        return ai;
    }

    public long ownerChannel() {
        return owner;
    }

    ObjectStatus status() {
        return new ObjectStatus(id, dclass.name(), parent, zone, ai, owner);
    }

    boolean aiExplicitlySet() {
        return aiExplicit;
    }

    /** The field of the class with that id (own or inherited), or null. */
    static DcField fieldOf(DcClass c, int fieldId) {
        for (DcField f : c.fields()) {
            if (f.id() == fieldId) {
                return f;
            }
        }
        return null;
    }

    void start(long newParent, long newZone, long sender) {
        table.md.subscribe(this, id);
        changeLocation(newParent, newZone, sender);
        route(Datagram.to(parentToChildren(id), id, OBJECT_GET_LOCATION.id()).u32(CONTEXT_WAKE_CHILDREN));
    }

    private void route(Datagram d) {
        table.route(this, d, faults());
    }

    private ClientFaults.Tracker faults() {
        if (faults == null) {
            faults = table.faults.connection(name());
        }
        return faults;
    }

    // ---- what others are told --------------------------------------------------------------

    /** do_id, location, class id and the required values; {@code clientOnly} keeps broadcast and clrecv fields. */
    private void appendRequired(Datagram d, boolean clientOnly, boolean alsoOwner) {
        d.u32(id).u32(parent).u32(zone).u16(dclass.id());
        values.appendRequired(d, clientOnly, alsoOwner);
    }

    private void sendEntry(long to, long context, boolean interest) {
        boolean other = values.hasRam();
        Datagram d = interest
                ? Datagram.to(to, id, (other ? OBJECT_ENTER_INTEREST_WITH_REQUIRED_OTHER : OBJECT_ENTER_INTEREST_WITH_REQUIRED).id()).u32(context)
                : Datagram.to(to, id, (other ? OBJECT_ENTER_LOCATION_WITH_REQUIRED_OTHER : OBJECT_ENTER_LOCATION_WITH_REQUIRED).id());
        appendRequired(d, true, false);
        if (other) {
            values.appendOther(d, true, false);
        }
        route(d);
    }

    private void sendAiEntry(long to) {
        boolean other = values.hasRam();
        Datagram d = Datagram.to(to, id, (other ? OBJECT_ENTER_AI_WITH_REQUIRED_OTHER : OBJECT_ENTER_AI_WITH_REQUIRED).id());
        appendRequired(d, false, false);
        if (other) {
            values.appendOther(d, false, false);
        }
        route(d);
    }

    private void sendOwnerEntry(long to) {
        boolean other = values.hasRam();
        Datagram d = Datagram.to(to, id, (other ? OBJECT_ENTER_OWNER_WITH_REQUIRED_OTHER : OBJECT_ENTER_OWNER_WITH_REQUIRED).id());
        appendRequired(d, true, true);
        if (other) {
            values.appendOther(d, true, true);
        }
        route(d);
    }

    // ---- changes ---------------------------------------------------------------------------

    private void changeLocation(long newParent, long newZone, long sender) {
        long oldParent = parent;
        long oldZone = zone;
        Set<Long> targets = new HashSet<>();
        if (ai != 0) {
            targets.add(ai);
        }
        if (owner != 0) {
            targets.add(owner);
        }
        if (newParent == id) {
            log.warn("{} cannot be parented to itself", name());
            return;
        }
        if (newParent != oldParent) {
            if (oldParent != 0) {
                table.md.unsubscribe(this, parentToChildren(oldParent));
                targets.add(oldParent);
                targets.add(location(oldParent, oldZone));
            }
            parent = newParent;
            zone = newZone;
            if (newParent != 0) {
                table.md.subscribe(this, parentToChildren(newParent));
                if (!aiExplicit) {
                    route(Datagram.to(newParent, id, OBJECT_GET_AI.id()).u32(nextContext++));
                }
                targets.add(newParent);
            } else if (!aiExplicit) {
                ai = 0;
            }
        } else if (newZone != oldZone) {
            zone = newZone;
            targets.add(parent);
            targets.add(location(parent, oldZone));
        } else {
            return;
        }
        route(Datagram.to(targets, sender, OBJECT_CHANGING_LOCATION.id()).u32(id).u32(newParent).u32(newZone).u32(oldParent).u32(oldZone));
        parentSynchronized = false;
        if (newParent != 0) {
            sendEntry(location(newParent, newZone), 0, false);
        }
    }

    private void changeAi(long newAi, long sender, boolean explicit) {
        long oldAi = ai;
        if (newAi == oldAi) {
            return;
        }
        Set<Long> targets = new HashSet<>();
        if (oldAi != 0) {
            targets.add(oldAi);
        }
        if (!zoneObjects.isEmpty()) {
            targets.add(parentToChildren(id));
        }
        ai = newAi;
        aiExplicit = explicit;
        route(Datagram.to(targets, sender, OBJECT_CHANGING_AI.id()).u32(id).u64(newAi).u64(oldAi));
        if (newAi != 0) {
            sendAiEntry(newAi);
        }
    }

    private void annihilate(long sender, boolean notifyParent) {
        Set<Long> targets = new HashSet<>();
        if (parent != 0) {
            targets.add(location(parent, zone));
            if (notifyParent) {
                route(Datagram.to(parent, sender, OBJECT_CHANGING_LOCATION.id()).u32(id).u32(0).u32(0).u32(parent).u32(zone));
            }
        }
        if (owner != 0) {
            targets.add(owner);
        }
        if (ai != 0) {
            targets.add(ai);
        }
        route(Datagram.to(targets, sender, OBJECT_DELETE_RAM.id()).u32(id));
        deleteChildren(sender);
        table.objects.remove(id);
        table.md.remove(this);
    }

    private void deleteChildren(long sender) {
        if (!zoneObjects.isEmpty()) {
            route(Datagram.to(parentToChildren(id), sender, OBJECT_DELETE_CHILDREN.id()).u32(id));
        }
    }

    /** One {@code field_id, value} update; false when it cannot be read (the rest of a SET_FIELDS is then dropped). */
    private boolean update(ByteBuf d, long sender) {
        if (d.readableBytes() < 2) {
            faults().report(StateServer.TRUNCATED, "a field list cut short; the rest of it dropped");
            return false;
        }
        int fieldId = d.readUnsignedShortLE();
        DcField f = fieldOf(dclass, fieldId);
        if (f == null) {
            log.error("{}: set_field for field {}, not valid for class {}", name(), fieldId, dclass.name());
            return false;
        }
        int start = d.readerIndex();
        byte[] value = StateServer.value(f, d);
        if (value == null) {
            faults().report(StateServer.TRUNCATED, "truncated update for " + f.name() + "; dropped");
            return false;
        }
        values.save(f, value, d.slice(start, value.length));
        Set<Long> targets = new HashSet<>();
        if (f.hasKeyword("broadcast")) {
            targets.add(location(parent, zone));
        }
        if (f.hasKeyword("airecv") && ai != 0 && ai != sender) {
            targets.add(ai);
        }
        if (f.hasKeyword("ownrecv") && owner != 0 && owner != sender) {
            targets.add(owner);
        }
        if (!targets.isEmpty()) {
            route(Datagram.to(targets, sender, OBJECT_SET_FIELD.id()).u32(id).u16(fieldId).bytes(value));
        }
        return true;
    }

    /** Appends {@code field_id, value} of a field of the class; false for an unknown field (or an unset one). */
    private boolean get(ByteBuf out, int fieldId, boolean succeedIfUnset) {
        DcField f = fieldOf(dclass, fieldId);
        if (f == null) {
            log.error("{}: get_field for field {}, not valid for class {}", name(), fieldId, dclass.name());
            return false;
        }
        return values.get(out, f, succeedIfUnset, false);
    }

    // ---- messages --------------------------------------------------------------------------

    @Override
    public void deliver(ByteBuf d) {
        try {
            if (!Datagram.hasHeader(d)) {
                faults().report(StateServer.TRUNCATED, "truncated datagram header; dropped");
                return;
            }
            d.readerIndex(Datagram.senderOffset(d));
            long sender = d.readLongLE();
            int type = d.readUnsignedShortLE();
            StateServerMessageType known = StateServerMessageType.of(type);
            if (known == null) {
                if (!StateServerMessageType.inRange(type)) {
                    log.warn("{}: unknown message type {}", name(), type);
                }
            } else if (!ArgumentLengths.complete(known, d)) {
                faults().report(StateServer.TRUNCATED, "truncated " + known + " from " + sender + "; dropped");
            } else {
                handle(known, d, sender);
            }
        } finally {
            d.release();
        }
    }

    /** One State Server message to this object: each type to the method that answers it. */
    private void handle(StateServerMessageType type, ByteBuf d, long sender) {
        switch (type) {
            case DELETE_AI_OBJECTS -> {
                if (ai == d.readLongLE()) {
                    annihilate(sender, true);
                }
            }
            case OBJECT_DELETE_RAM -> {
                if (d.readUnsignedIntLE() == id) {
                    annihilate(sender, true);
                }
            }
            case OBJECT_DELETE_CHILDREN -> deleteChildrenOf(d.readUnsignedIntLE(), sender);
            case OBJECT_SET_FIELD -> {
                if (d.readUnsignedIntLE() == id) {
                    update(d, sender);
                }
            }
            case OBJECT_SET_FIELDS -> setFields(d, sender);
            case OBJECT_CHANGING_AI -> parentAi(d.readUnsignedIntLE(), d.readLongLE(), sender);
            case OBJECT_SET_AI -> changeAi(d.readLongLE(), sender, true);
            case OBJECT_GET_AI -> route(Datagram.to(sender, id, OBJECT_GET_AI_RESP.id()).u32(d.readUnsignedIntLE()).u32(id).u64(ai));
            case OBJECT_GET_AI_RESP -> {
                d.readUnsignedIntLE();
                parentAi(d.readUnsignedIntLE(), d.readLongLE(), sender);
            }
            case OBJECT_CHANGING_LOCATION -> childMoved(d);
            case OBJECT_LOCATION_ACK -> locationAck(d.readUnsignedIntLE(), d.readUnsignedIntLE());
            case OBJECT_SET_LOCATION -> changeLocation(d.readUnsignedIntLE(), d.readUnsignedIntLE(), sender);
            case OBJECT_GET_LOCATION -> route(Datagram.to(sender, id, OBJECT_GET_LOCATION_RESP.id())
                    .u32(d.readUnsignedIntLE()).u32(id).u32(parent).u32(zone));
            case OBJECT_GET_LOCATION_RESP -> childLocation(d);
            case OBJECT_GET_ALL -> getAll(d, sender);
            case OBJECT_GET_FIELD -> getField(d, sender);
            case OBJECT_GET_FIELDS -> getFields(d, sender);
            case OBJECT_SET_OWNER -> changeOwner(d.readLongLE(), sender);
            case OBJECT_GET_ZONE_OBJECTS, OBJECT_GET_ZONES_OBJECTS -> zonesQuery(type, d, sender);
            case GET_ACTIVE_ZONES -> {
                Datagram r = Datagram.to(sender, id, GET_ACTIVE_ZONES_RESP.id()).u32(d.readUnsignedIntLE()).u16(zoneObjects.size());
                zoneObjects.keySet().forEach(r::u32);
                route(r);
            }
            default -> {
                // a State Server message an object does not answer
            }
        }
    }

    private void deleteChildrenOf(long of, long sender) {
        if (of == id) {
            deleteChildren(sender);
        } else if (of == parent) {
            annihilate(sender, false);
        }
    }

    private void setFields(ByteBuf d, long sender) {
        if (d.readUnsignedIntLE() == id) {
            int count = d.readUnsignedShortLE();
            for (int i = 0; i < count && update(d, sender); i++) {
                // each update applies on its own; a bad one ends the list
            }
        }
    }

    /** The parent's AI (changed, or answered to OBJECT_GET_AI) is this object's too, unless its own was set. */
    private void parentAi(long ofParent, long newAi, long sender) {
        if (ofParent == parent && !aiExplicit) {
            changeAi(newAi, sender, false);
        }
    }

    private void locationAck(long p, long z) {
        if (p == parent && z == zone) {
            parentSynchronized = true;
        }
    }

    /** A child's answer to the GET_LOCATION a new object sends its children. */
    private void childLocation(ByteBuf d) {
        if (d.readUnsignedIntLE() == CONTEXT_WAKE_CHILDREN) {
            long child = d.readUnsignedIntLE();
            long p = d.readUnsignedIntLE();
            long z = d.readUnsignedIntLE();
            if (p == id) {
                zoneObjects.computeIfAbsent(z, k -> new TreeSet<>()).add(child);
            }
        }
    }

    private void getAll(ByteBuf d, long sender) {
        long context = d.readUnsignedIntLE();
        if (d.readUnsignedIntLE() == id) {
            Datagram r = Datagram.to(sender, id, OBJECT_GET_ALL_RESP.id()).u32(context);
            appendRequired(r, false, false);
            values.appendOther(r, false, false);
            route(r);
        }
    }

    private void getField(ByteBuf d, long sender) {
        long context = d.readUnsignedIntLE();
        if (d.readUnsignedIntLE() != id) {
            return;
        }
        ByteBuf value = Unpooled.buffer();
        try {
            boolean ok = get(value, d.readUnsignedShortLE(), false);
            Datagram r = Datagram.to(sender, id, OBJECT_GET_FIELD_RESP.id()).u32(context).u8(ok ? 1 : 0);
            if (ok) {
                r.bytes(ByteBufUtil.getBytes(value));
            }
            route(r);
        } finally {
            value.release();
        }
    }

    private void changeOwner(long newOwner, long sender) {
        if (newOwner == owner) {
            return;
        }
        if (owner != 0) {
            route(Datagram.to(owner, sender, OBJECT_CHANGING_OWNER.id()).u32(id).u64(newOwner).u64(owner));
        }
        owner = newOwner;
        if (newOwner != 0) {
            sendOwnerEntry(newOwner);
        }
    }

    private void childMoved(ByteBuf d) {
        long child = d.readUnsignedIntLE();
        long newParent = d.readUnsignedIntLE();
        long newZone = d.readUnsignedIntLE();
        long oldParent = d.readUnsignedIntLE();
        long oldZone = d.readUnsignedIntLE();
        if (newParent == id) {
            if (oldParent == id) {
                if (newZone == oldZone) {
                    return;
                }
                removeChild(oldZone, child);
            }
            zoneObjects.computeIfAbsent(newZone, k -> new TreeSet<>()).add(child);
            route(Datagram.to(child, id, OBJECT_LOCATION_ACK.id()).u32(id).u32(newZone));
        } else if (oldParent == id) {
            removeChild(oldZone, child);
        } else {
            log.warn("{}: changing location from {} for {}, not for me", name(), child, oldParent);
        }
    }

    private void removeChild(long z, long child) {
        Set<Long> children = zoneObjects.get(z);
        if (children != null) {
            children.remove(child);
            if (children.isEmpty()) {
                zoneObjects.remove(z);
            }
        }
    }

    private void getFields(ByteBuf d, long sender) {
        long context = d.readUnsignedIntLE();
        if (d.readUnsignedIntLE() != id) {
            return;
        }
        int count = d.readUnsignedShortLE();
        TreeSet<Integer> requested = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            requested.add(d.readUnsignedShortLE());
        }
        ByteBuf answer = Unpooled.buffer();
        try {
            boolean ok = true;
            int found = 0;
            for (int fieldId : requested) {
                int before = answer.writerIndex();
                if (!get(answer, fieldId, true)) {
                    ok = false;
                    break;
                }
                if (answer.writerIndex() > before) {
                    found++;
                }
            }
            Datagram r = Datagram.to(sender, id, OBJECT_GET_FIELDS_RESP.id()).u32(context).u8(ok ? 1 : 0);
            if (ok) {
                r.u16(found).bytes(ByteBufUtil.getBytes(answer));
            }
            route(r);
        } finally {
            answer.release();
        }
    }

    private void zonesQuery(StateServerMessageType type, ByteBuf d, long sender) {
        long context = d.readUnsignedIntLE();
        long queriedParent = d.readUnsignedIntLE();
        int zoneCount = type == OBJECT_GET_ZONES_OBJECTS ? d.readUnsignedShortLE() : 1;
        if (queriedParent == parent) {
            for (int i = 0; i < zoneCount; i++) {
                if (d.readUnsignedIntLE() == zone) {
                    if (parentSynchronized) {
                        sendEntry(sender, context, true);
                    } else {
                        sendEntry(sender, 0, false);
                    }
                    break;
                }
            }
        } else if (queriedParent == id) {
            long children = 0;
            Datagram forward = Datagram.to(parentToChildren(id), sender, OBJECT_GET_ZONES_OBJECTS.id())
                    .u32(context).u32(queriedParent).u16(zoneCount);
            for (int i = 0; i < zoneCount; i++) {
                long z = d.readUnsignedIntLE();
                Set<Long> inZone = zoneObjects.get(z);
                children += inZone == null ? 0 : inZone.size();
                forward.u32(z);
            }
            route(Datagram.to(sender, id, OBJECT_GET_ZONES_COUNT_RESP.id()).u32(context).u32(children));
            if (children > 0) {
                route(forward);
            } else {
                forward.discard();
            }
        }
    }
}
