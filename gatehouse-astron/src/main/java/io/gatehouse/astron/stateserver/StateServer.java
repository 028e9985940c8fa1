package io.gatehouse.astron.stateserver;


import static io.gatehouse.astron.message.StateServerMessageType.DELETE_AI_OBJECTS;

import io.gatehouse.astron.dc.DcClass;
import io.gatehouse.astron.dc.DcField;
import io.gatehouse.astron.dc.DcFile;
import io.gatehouse.astron.dc.DcWire;
import io.gatehouse.astron.md.Datagram;
import io.gatehouse.astron.md.MdParticipant;
import io.gatehouse.astron.md.MessageDirector;
import io.gatehouse.astron.message.ArgumentLengths;
import io.gatehouse.astron.message.StateServerMessageType;
import io.gatehouse.core.metrics.ClientFaults;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The State Server (docs/protocol/astron.md, section 9): listens on its control channel for
 * object creation and AI resets; each object it creates is a participant of its own. Runs on
 * the Message Director's routing thread, like every participant it creates. A datagram cut
 * short is dropped, as astrond drops it, and is a fault of the cluster
 * ({@code kind="truncated_message"}): the first of this role and of each object at INFO, the rest
 * at DEBUG, at most 20 INFO lines a second together, so that no game server decides how much is
 * logged; an answer too long for one datagram is not sent ({@code kind="oversized_answer"}).
 */
public final class StateServer implements MdParticipant {

    private static final Logger log = LoggerFactory.getLogger(StateServer.class);
    /** The fault kind of a datagram that ends before its arguments do. */
    static final String TRUNCATED = "truncated_message";
    /** The fault kind of an answer too long for one datagram, which is not sent. */
    static final String OVERSIZED = "oversized_answer";

    private final DcFile dc;
    private final long control;
    /** The objects, and what they route through and report to. */
    private final ObjectTable table;
    /** The objects by id (the table's). */
    final Map<Long, DistributedObject> objects;
    private final ClientFaults.Tracker ownFaults;

    /** {@code faults}: where this role and its objects report datagrams they drop (the server's {@code front="astron_md"}). */
    public StateServer(MessageDirector md, DcFile dc, long controlChannel, ClientFaults faults) {
        this.dc = dc;
        this.control = controlChannel;
        this.table = new ObjectTable(md, faults);
        this.objects = table.objects;
        this.ownFaults = faults.connection(name());
        md.subscribe(this, controlChannel);
    }

    @Override
    public String name() {
        return "StateServer(" + control + ")";
    }

    /** The object with that id, if this State Server holds it (call on the routing thread). */
    public DistributedObject object(long doId) {
        return objects.get(doId);
    }

    /** The objects it holds, by id (call on the routing thread). */
    public List<ObjectStatus> status() {
        return objects.values().stream().map(DistributedObject::status).sorted(Comparator.comparingLong(ObjectStatus::id)).toList();
    }

    @Override
    public void deliver(ByteBuf d) {
        try {
            if (!Datagram.hasHeader(d)) {
                ownFaults.report(TRUNCATED, "received a truncated datagram header; dropped");
                return;
            }
            d.readerIndex(Datagram.senderOffset(d));
            long sender = d.readLongLE();
            int type = d.readUnsignedShortLE();
            StateServerMessageType known = StateServerMessageType.of(type);
            if (known == null) {
                log.warn("received unknown message type {}", type);
            } else if (!ArgumentLengths.complete(known, d)) {
                ownFaults.report(TRUNCATED, "received a truncated " + known + " from " + sender + "; dropped");
            } else {
                switch (known) {
                    case CREATE_OBJECT_WITH_REQUIRED -> create(d, sender, false);
                    case CREATE_OBJECT_WITH_REQUIRED_OTHER -> create(d, sender, true);
                    case DELETE_AI_OBJECTS -> deleteAiObjects(d.readLongLE(), sender);
                    default -> log.warn("received unknown message type {}", type);
                }
            }
        } finally {
            d.release();
        }
    }

    private void create(ByteBuf d, long sender, boolean withOther) {
        long doId = d.readUnsignedIntLE();
        long parent = d.readUnsignedIntLE();
        long zone = d.readUnsignedIntLE();
        int classId = d.readUnsignedShortLE();
        if (objects.containsKey(doId)) {
            log.warn("received a create for existing object {}", doId);
            return;
        }
        DcClass dclass = dc.classById(classId);
        if (dclass == null) {
            log.error("received a create for unknown class id {}", classId);
            return;
        }
        Map<DcField, byte[]> required = new LinkedHashMap<>();
        for (DcField f : dclass.fields()) {
            if (f.hasKeyword("required") && !f.isMolecular()) {
                byte[] v = value(f, d);
                if (v == null) {
                    ownFaults.report(TRUNCATED, "received a create of " + dclass.name() + "(" + doId + ") cut short in " + f.name() + "; no object");
                    return;
                }
                required.put(f, v);
            }
        }
        Map<DcField, byte[]> ram = withOther ? other(d, dclass, doId) : new TreeMap<>(DistributedObject.BY_ID);
        if (ram == null) {
            ownFaults.report(TRUNCATED, "received a create of " + dclass.name() + "(" + doId + ") cut short in its OTHER section; no object");
            return;
        }
        DistributedObject o = new DistributedObject(table, doId, dclass, required, ram);
        objects.put(doId, o);
        o.start(parent, zone, sender);
    }

    /** The ram values of an OTHER section (an unknown field ends it), or null when it is cut short. */
    private Map<DcField, byte[]> other(ByteBuf d, DcClass dclass, long doId) {
        Map<DcField, byte[]> ram = new TreeMap<>(DistributedObject.BY_ID);
        if (d.readableBytes() < 2) {
            return null;
        }
        int count = d.readUnsignedShortLE();
        for (int i = 0; i < count; i++) {
            if (d.readableBytes() < 2) {
                return null;
            }
            int fieldId = d.readUnsignedShortLE();
            DcField f = DistributedObject.fieldOf(dclass, fieldId);
            if (f == null) {
                log.error("{}({}): unknown field id {} in an OTHER section", dclass.name(), doId, fieldId);
                break;
            }
            byte[] v = value(f, d);
            if (v == null) {
                return null;
            }
            if (f.hasKeyword("ram")) {
                ram.put(f, v);
            } else {
                log.error("{}({}): non-ram field {} in an OTHER section", dclass.name(), doId, f.name());
            }
        }
        return ram;
    }

    /** One value of the field, as its bytes (the reader index moves past it), or null when it is cut short. */
    static byte[] value(DcField f, ByteBuf d) {
        int length = DcWire.length(f, d);
        if (length == DcWire.CUT_SHORT) {
            return null;
        }
        byte[] v = ByteBufUtil.getBytes(d, d.readerIndex(), length);
        d.skipBytes(length);
        return v;
    }

    private void deleteAiObjects(long aiChannel, long sender) {
        Set<Long> targets = new TreeSet<>();
        for (DistributedObject o : objects.values()) {
            if (o.aiChannel() == aiChannel && o.aiExplicitlySet()) {
                targets.add(o.id());
            }
        }
        if (!targets.isEmpty()) {
            table.route(this, Datagram.to(targets, sender, DELETE_AI_OBJECTS.id()).u64(aiChannel), ownFaults);
        }
    }
}
