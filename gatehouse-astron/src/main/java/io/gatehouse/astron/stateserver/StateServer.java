package io.gatehouse.astron.stateserver;


import static io.gatehouse.astron.message.StateServerMessageType.DELETE_AI_OBJECTS;

import io.gatehouse.astron.dc.DcClass;
import io.gatehouse.astron.dc.DcField;
import io.gatehouse.astron.dc.DcFile;
import io.gatehouse.astron.dc.DcWire;
import io.gatehouse.astron.dc.DcWireException;
import io.gatehouse.astron.md.Datagram;
import io.gatehouse.astron.md.DatagramOverflowException;
import io.gatehouse.astron.md.MdParticipant;
import io.gatehouse.astron.md.MessageDirector;
import io.gatehouse.astron.message.StateServerMessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The State Server (docs/protocol/astron.md, section 9): listens on its control channel for
 * object creation and AI resets; each object it creates is a participant of its own. Runs on
 * the Message Director's routing thread, like every participant it creates.
 */
public final class StateServer implements MdParticipant {

    private static final Logger log = LoggerFactory.getLogger(StateServer.class);

    final MessageDirector md;
    final DcFile dc;
    private final long control;
    final Map<Long, DistributedObject> objects = new HashMap<>();

    public StateServer(MessageDirector md, DcFile dc, long controlChannel) {
        this.md = md;
        this.dc = dc;
        this.control = controlChannel;
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

    @Override
    public void deliver(ByteBuf d) {
        try {
            d.readerIndex(Datagram.senderOffset(d));
            long sender = d.readLongLE();
            int type = d.readUnsignedShortLE();
            StateServerMessageType known = StateServerMessageType.of(type);
            if (known == null) {
                log.warn("received unknown message type {}", type);
                return;
            }
            switch (known) {
                case CREATE_OBJECT_WITH_REQUIRED -> create(d, sender, false);
                case CREATE_OBJECT_WITH_REQUIRED_OTHER -> create(d, sender, true);
                case DELETE_AI_OBJECTS -> deleteAiObjects(d.readLongLE(), sender);
                default -> log.warn("received unknown message type {}", type);
            }
        } catch (IndexOutOfBoundsException | DcWireException e) {
            log.error("received a truncated datagram: {}", e.getMessage());
        } catch (DatagramOverflowException e) {
            log.error("not sent a datagram that does not fit one: {}", e.getMessage());
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
                required.put(f, value(f, d));
            }
        }
        Map<DcField, byte[]> ram = new TreeMap<>(DistributedObject.BY_ID);
        if (withOther) {
            int count = d.readUnsignedShortLE();
            for (int i = 0; i < count; i++) {
                int fieldId = d.readUnsignedShortLE();
                DcField f = DistributedObject.fieldOf(dclass, fieldId);
                if (f == null) {
                    log.error("{}({}): unknown field id {} in an OTHER section", dclass.name(), doId, fieldId);
                    break;
                }
                byte[] v = value(f, d);
                if (f.hasKeyword("ram")) {
                    ram.put(f, v);
                } else {
                    log.error("{}({}): non-ram field {} in an OTHER section", dclass.name(), doId, f.name());
                }
            }
        }
        DistributedObject o = new DistributedObject(this, doId, dclass, required, ram);
        objects.put(doId, o);
        o.start(parent, zone, sender);
    }

    /** One value of the field, as its bytes. */
    static byte[] value(DcField f, ByteBuf d) {
        int start = d.readerIndex();
        DcWire.skipField(f, d);
        return ByteBufUtil.getBytes(d, start, d.readerIndex() - start);
    }

    private void deleteAiObjects(long aiChannel, long sender) {
        Set<Long> targets = new TreeSet<>();
        for (DistributedObject o : objects.values()) {
            if (o.aiChannel() == aiChannel && o.aiExplicitlySet()) {
                targets.add(o.id());
            }
        }
        if (!targets.isEmpty()) {
            md.route(this, Datagram.to(targets, sender, DELETE_AI_OBJECTS.id()).u64(aiChannel).build());
        }
    }
}
