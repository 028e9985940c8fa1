package io.gatehouse.astron.database;

import static io.gatehouse.astron.database.DatabaseMessage.*;
import static io.gatehouse.astron.message.DatabaseMessageType.*;

import io.gatehouse.astron.message.DatabaseMessageType;

import io.gatehouse.astron.dc.DcClass;
import io.gatehouse.astron.dc.DcField;
import io.gatehouse.astron.dc.DcFile;
import io.gatehouse.astron.dc.DcWire;
import io.gatehouse.astron.dc.DcWireException;
import io.gatehouse.astron.md.Datagram;
import io.gatehouse.astron.md.DatagramOverflowException;
import io.gatehouse.astron.md.MdParticipant;
import io.gatehouse.astron.md.MessageDirector;
import io.gatehouse.core.objects.ObjectStore;
import io.gatehouse.core.objects.ObjectStore.Change;
import io.gatehouse.core.objects.StoredObject;
import io.gatehouse.core.store.StoreException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Database Server (docs/protocol/astron.md, section 10): objects whose {@code db} fields
 * live in the core's store, created, read and changed by messages on its control channel.
 * Requests run one at a time, in arrival order, on a thread of their own, so that the store's
 * blocking calls never hold up the Message Director; each request is one transaction.
 */
public final class DatabaseServer implements MdParticipant, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseServer.class);
    private static final byte[] EMPTY = new byte[0];

    private final MessageDirector md;
    private final DcFile dc;
    private final ObjectStore store;
    private final DatabaseServerConfig config;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(new DefaultThreadFactory("astron-db", true));

    public DatabaseServer(MessageDirector md, DcFile dc, ObjectStore store, DatabaseServerConfig config) {
        this.md = md;
        this.dc = dc;
        this.store = store;
        this.config = config;
        md.subscribe(this, config.channel());
        md.subscribe(this, ALL_DATABASES);
    }

    @Override
    public String name() {
        return "Database(" + config.channel() + ")";
    }

    @Override
    public void deliver(ByteBuf d) {
        byte[] request;
        try {
            d.readerIndex(Datagram.senderOffset(d));
            request = ByteBufUtil.getBytes(d);
        } catch (IndexOutOfBoundsException e) {
            log.error("received a truncated datagram header");
            return;
        } finally {
            d.release();
        }
        worker.execute(() -> handle(Unpooled.wrappedBuffer(request)));
    }

    private void handle(ByteBuf in) {
        if (in.readableBytes() < 10) {
            log.error("received a truncated datagram header");
            return;
        }
        long sender = in.readLongLE();
        int type = in.readUnsignedShortLE();
        DatabaseMessageType known = DatabaseMessageType.of(type);
        if (known == null) {
            log.error("received unknown message type {}", type);
            return;
        }
        Request r = new Request(sender, known, in);
        try {
            switch (known) {
                case CREATE_OBJECT -> create(r);
                case OBJECT_GET_ALL, OBJECT_GET_FIELD, OBJECT_GET_FIELDS -> get(r);
                case OBJECT_SET_FIELD, OBJECT_SET_FIELDS, OBJECT_DELETE_FIELD, OBJECT_DELETE_FIELDS -> set(r);
                case OBJECT_SET_FIELD_IF_EQUALS, OBJECT_SET_FIELDS_IF_EQUALS, OBJECT_SET_FIELD_IF_EMPTY -> update(r);
                case OBJECT_DELETE -> delete(r);
                default -> log.error("received unknown message type {}", type);
            }
        } catch (IndexOutOfBoundsException | DcWireException e) {
            log.warn("{}: truncated message type {} from {}: {}", name(), type, sender, e.getMessage());
            r.failIfPending();
        } catch (StoreException e) {
            log.error("{}: the store failed on message type {} from {}", name(), type, sender, e);
            r.failIfPending();
        } catch (DatagramOverflowException e) {
            log.error("{}: the answer to message type {} from {} does not fit one datagram: {}", name(), type, sender, e.getMessage());
            r.failIfPending();
        }
    }

    /** One request being answered: the reply it still owes, if any, so that a failure can be sent. */
    private final class Request {
        final long sender;
        final DatabaseMessageType type;
        final ByteBuf in;
        /** The reply still owed, or null. */
        DatabaseMessageType replyType;
        long context;

        Request(long sender, DatabaseMessageType type, ByteBuf in) {
            this.sender = sender;
            this.type = type;
            this.in = in;
        }

        /** Reads the context and notes that a reply of that type is owed. */
        void owe(DatabaseMessageType reply) {
            context = in.readUnsignedIntLE();
            replyType = reply;
        }

        Datagram reply() {
            Datagram d = Datagram.to(sender, config.channel(), replyType.id()).u32(context);
            replyType = null;
            return d;
        }

        void failIfPending() {
            if (replyType == CREATE_OBJECT_RESP) {
                send(reply().u32(0));
            } else if (replyType != null) {
                send(reply().u8(FAILURE));
            }
        }
    }

    private void create(Request r) {
        r.owe(CREATE_OBJECT_RESP);
        int classId = r.in.readUnsignedShortLE();
        DcClass dclass = dc.classById(classId);
        if (dclass == null) {
            log.error("{}: create for unknown class id {}", name(), classId);
            r.failIfPending();
            return;
        }
        Values values = readValues(r.in, r.in.readUnsignedShortLE(), false, false);
        if (values == null || !belong(dclass, values.set.keySet())) {
            r.failIfPending();
            return;
        }
        for (DcField f : dclass.fields()) {
            if (f.hasKeyword("db") && f.defaultValue() != null && !values.set.containsKey(f.id())) {
                values.set.put(f.id(), f.defaultValue());
            }
        }
        Optional<Long> id = store.create(classId, values.set, config.minId(), config.maxId());
        if (id.isEmpty()) {
            log.error("{}: no free object id left in [{}, {}]", name(), config.minId(), config.maxId());
        }
        send(r.reply().u32(id.orElse(0L)));
    }

    private void get(Request r) {
        r.owe(r.type == OBJECT_GET_ALL ? OBJECT_GET_ALL_RESP : r.type == OBJECT_GET_FIELD ? OBJECT_GET_FIELD_RESP : OBJECT_GET_FIELDS_RESP);
        long doId = r.in.readUnsignedIntLE();
        Set<Integer> wanted = new HashSet<>();
        if (r.type != OBJECT_GET_ALL) {
            int count = r.type == OBJECT_GET_FIELD ? 1 : r.in.readUnsignedShortLE();
            for (int i = 0; i < count; i++) {
                DcField f = dc.field(r.in.readUnsignedShortLE());
                if (f != null && f.hasKeyword("db")) {
                    wanted.add(f.id());
                }
            }
            if (wanted.isEmpty()) {
                log.warn("{}: get of object {} names no db field", name(), doId);
                r.failIfPending();
                return;
            }
        }
        Optional<StoredObject> found = store.find(doId);
        if (found.isEmpty() || dc.classById(found.get().classId()) == null) {
            r.failIfPending();
            return;
        }
        SortedMap<Integer, byte[]> fields = new TreeMap<>(found.get().fields());
        if (r.type != OBJECT_GET_ALL) {
            fields.keySet().retainAll(wanted);
        }
        if (r.type == OBJECT_GET_FIELD && fields.isEmpty()) {
            r.failIfPending();
            return;
        }
        Datagram reply = r.reply().u8(SUCCESS);
        if (r.type == OBJECT_GET_ALL) {
            reply.u16(found.get().classId());
        }
        if (r.type != OBJECT_GET_FIELD) {
            reply.u16(fields.size());
        }
        send(withFields(reply, fields));
    }

    private void set(Request r) {
        long doId = r.in.readUnsignedIntLE();
        boolean deleting = r.type == OBJECT_DELETE_FIELD || r.type == OBJECT_DELETE_FIELDS;
        int count = r.type == OBJECT_SET_FIELDS || r.type == OBJECT_DELETE_FIELDS ? r.in.readUnsignedShortLE() : 1;
        Values values = readValues(r.in, count, deleting, false);
        if (values == null || values.set.isEmpty()) {
            log.warn("{}: change of object {} names no db field", name(), doId);
            return;
        }
        Optional<Boolean> done = store.update(doId, o -> {
            if (!belong(dc.classById(o.classId()), values.set.keySet())) {
                return Change.none(null);
            }
            return change(values.set, true);
        });
        if (done.orElse(false)) {
            announce(doId, r.sender, values.set);
        } else {
            log.warn("{}: {} of object {} refused: no such object, or a field it does not have", name(), r.type, doId);
        }
    }

    private void update(Request r) {
        r.owe(r.type == OBJECT_SET_FIELD_IF_EQUALS ? OBJECT_SET_FIELD_IF_EQUALS_RESP
                : r.type == OBJECT_SET_FIELDS_IF_EQUALS ? OBJECT_SET_FIELDS_IF_EQUALS_RESP : OBJECT_SET_FIELD_IF_EMPTY_RESP);
        long doId = r.in.readUnsignedIntLE();
        int count = r.type == OBJECT_SET_FIELDS_IF_EQUALS ? r.in.readUnsignedShortLE() : 1;
        Values values = readValues(r.in, count, false, r.type != OBJECT_SET_FIELD_IF_EMPTY);
        if (values == null || values.set.isEmpty()) {
            r.failIfPending();
            return;
        }
        if (r.type == OBJECT_SET_FIELD_IF_EMPTY) {
            values.expected.put(values.set.firstKey(), EMPTY);
        }
        Optional<Outcome> outcome = store.update(doId, o -> {
            DcClass dclass = dc.classById(o.classId());
            if (!belong(dclass, values.set.keySet()) || !belong(dclass, values.expected.keySet())) {
                return Change.none(null);
            }
            SortedMap<Integer, byte[]> current = new TreeMap<>();
            boolean equal = true;
            for (Map.Entry<Integer, byte[]> e : values.expected.entrySet()) {
                byte[] now = o.fields().getOrDefault(e.getKey(), EMPTY);
                equal &= Arrays.equals(now, e.getValue());
                if (now.length > 0) {
                    current.put(e.getKey(), now);
                }
            }
            return equal ? change(values.set, new Outcome(true, current)) : Change.none(new Outcome(false, current));
        });
        if (outcome.isEmpty()) {
            r.failIfPending();
        } else if (outcome.get().applied()) {
            announce(doId, r.sender, values.set);
            send(r.reply().u8(SUCCESS));
        } else {
            Datagram reply = r.reply().u8(FAILURE);
            if (r.type == OBJECT_SET_FIELDS_IF_EQUALS) {
                reply.u16(outcome.get().current().size());
            }
            send(withFields(reply, outcome.get().current()));
        }
    }

    /** What a compare-and-set found: whether it applied, and the compared fields' values before. */
    private record Outcome(boolean applied, SortedMap<Integer, byte[]> current) {
    }

    private void delete(Request r) {
        long doId = r.in.readUnsignedIntLE();
        store.delete(doId);
        if (config.broadcast()) {
            send(Datagram.to(objectChannel(doId), r.sender, OBJECT_DELETE.id()).u32(doId));
        }
    }

    /**
     * Field values read from a request: the values to store ({@code EMPTY} for a field to
     * delete) and, for the compare-and-set messages, the values expected now.
     */
    private record Values(SortedMap<Integer, byte[]> set, SortedMap<Integer, byte[]> expected) {
    }

    /**
     * Reads {@code count} fields of a create or change request, or null when the request is
     * to be refused: an unknown field id, or a non-db field where a value is to be compared.
     * Non-db fields are otherwise skipped; a field being deleted falls back to its default.
     */
    private Values readValues(ByteBuf in, int count, boolean deleting, boolean withExpected) {
        Values v = new Values(new TreeMap<>(), new TreeMap<>());
        for (int i = 0; i < count; i++) {
            int fieldId = in.readUnsignedShortLE();
            DcField f = dc.field(fieldId);
            if (f == null) {
                log.error("{}: request names unknown field id {}", name(), fieldId);
                return null;
            }
            if (!f.hasKeyword("db")) {
                log.warn("{}: request names non-db field {}", name(), f.name());
                if (withExpected) {
                    return null;
                }
                if (!deleting) {
                    DcWire.skipField(f, in);
                }
                continue;
            }
            if (withExpected) {
                v.expected.put(f.id(), value(f, in));
            }
            if (deleting) {
                v.set.put(f.id(), f.defaultValue() != null ? f.defaultValue() : EMPTY);
            } else {
                v.set.put(f.id(), value(f, in));
            }
        }
        return v;
    }

    /** True when every field id is a field of the class (a null class has none). */
    private boolean belong(DcClass dclass, Set<Integer> fieldIds) {
        if (dclass == null) {
            return false;
        }
        for (int id : fieldIds) {
            if (!dclass.has(dc.field(id))) {
                log.warn("{}: field {} is not a field of class {}", name(), dc.field(id).name(), dclass.name());
                return false;
            }
        }
        return true;
    }

    /** The store change that writes {@code values}, an empty value meaning "delete the field". */
    private static <R> Change<R> change(Map<Integer, byte[]> values, R result) {
        Map<Integer, byte[]> set = new TreeMap<>();
        Set<Integer> delete = new HashSet<>();
        values.forEach((id, v) -> {
            if (v.length == 0) {
                delete.add(id);
            } else {
                set.put(id, v);
            }
        });
        return new Change<>(set, delete, result);
    }

    /**
     * Broadcasts a change to the object's database channel, as the request's sender: first
     * the deleted fields, then the set ones, each as the single or the multiple message.
     */
    private void announce(long doId, long sender, SortedMap<Integer, byte[]> values) {
        if (!config.broadcast()) {
            return;
        }
        SortedMap<Integer, byte[]> changed = new TreeMap<>();
        Set<Integer> deleted = new TreeSet<>();
        values.forEach((id, v) -> {
            if (v.length == 0) {
                deleted.add(id);
            } else {
                changed.put(id, v);
            }
        });
        if (!deleted.isEmpty()) {
            Datagram d = Datagram.to(objectChannel(doId), sender, (deleted.size() > 1 ? OBJECT_DELETE_FIELDS : OBJECT_DELETE_FIELD).id()).u32(doId);
            if (deleted.size() > 1) {
                d.u16(deleted.size());
            }
            deleted.forEach(d::u16);
            send(d);
        }
        if (!changed.isEmpty()) {
            Datagram d = Datagram.to(objectChannel(doId), sender, (changed.size() > 1 ? OBJECT_SET_FIELDS : OBJECT_SET_FIELD).id()).u32(doId);
            if (changed.size() > 1) {
                d.u16(changed.size());
            }
            send(withFields(d, changed));
        }
    }

    private static Datagram withFields(Datagram d, SortedMap<Integer, byte[]> fields) {
        fields.forEach((id, v) -> d.u16(id).bytes(v));
        return d;
    }

    private static byte[] value(DcField f, ByteBuf in) {
        int start = in.readerIndex();
        DcWire.skipField(f, in);
        return ByteBufUtil.getBytes(in, start, in.readerIndex() - start);
    }

    private void send(Datagram d) {
        md.route(this, d.build());
    }

    /** Stops taking requests; those already queued are answered first. */
    @Override
    public void close() {
        md.remove(this);
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("{}: requests still running after 10 s at shutdown", name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
