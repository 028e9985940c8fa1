package io.gatehouse.astron.database;

import static io.gatehouse.astron.database.DatabaseMessage.*;
import static io.gatehouse.astron.message.DatabaseMessageType.*;

import io.gatehouse.astron.message.DatabaseMessageType;

import io.gatehouse.astron.dc.DcClass;
import io.gatehouse.astron.dc.DcField;
import io.gatehouse.astron.dc.DcFile;
import io.gatehouse.astron.dc.DcWire;
import io.gatehouse.astron.md.Datagram;
import io.gatehouse.astron.md.MdParticipant;
import io.gatehouse.astron.md.MessageDirector;
import io.gatehouse.core.metrics.ClientFaults;
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
 * blocking calls never hold up the Message Director; each request is one transaction. Every
 * length is checked before it is read: a request cut short is refused (its failure answer, when
 * it has a context) and is a fault of the cluster ({@code kind="truncated_message"}), logged once
 * at INFO and then at DEBUG, as a request whose answer does not fit one datagram is
 * ({@code kind="oversized_answer"}, answered with failure instead).
 */
public final class DatabaseServer implements MdParticipant, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseServer.class);
    private static final byte[] EMPTY = new byte[0];
    private static final String TRUNCATED = "truncated_message";
    private static final String OVERSIZED = "oversized_answer";
    /** What {@link #readValues} answers for a request that ends inside its field list. */
    private static final Values CUT_SHORT = new Values(new TreeMap<>(), new TreeMap<>());

    private final MessageDirector md;
    private final DcFile dc;
    private final ObjectStore store;
    private final DatabaseServerConfig config;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(new DefaultThreadFactory("astron-db", true));
    /** Used on the worker thread only. */
    private final ClientFaults.Tracker faults;

    /** {@code faults}: where the requests it refuses are reported (the server's {@code front="astron_md"}). */
    public DatabaseServer(MessageDirector md, DcFile dc, ObjectStore store, DatabaseServerConfig config, ClientFaults faults) {
        this.md = md;
        this.dc = dc;
        this.store = store;
        this.config = config;
        this.faults = faults.connection(name());
        md.subscribe(this, config.channel());
        md.subscribe(this, ALL_DATABASES);
    }

    @Override
    public String name() {
        return "Database(" + config.channel() + ")";
    }

    @Override
    public void deliver(ByteBuf d) {
        byte[] request = null;
        try {
            if (Datagram.hasHeader(d)) {
                d.readerIndex(Datagram.senderOffset(d));
                request = ByteBufUtil.getBytes(d);
            }
        } finally {
            d.release();
        }
        if (request == null) {
            worker.execute(() -> faults.report(TRUNCATED, "received a truncated datagram header; dropped"));
            return;
        }
        byte[] whole = request;
        worker.execute(() -> handle(Unpooled.wrappedBuffer(whole)));
    }

    /** One request, from its sender on (its header is whole). */
    private void handle(ByteBuf in) {
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
        } catch (StoreException e) {
            log.error("{}: the store failed on message type {} from {}", name(), type, sender, e);
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

        /** Reads the context and notes that a reply of that type is owed; false (nothing owed) when there is no context. */
        boolean owe(DatabaseMessageType reply) {
            if (!has(4)) {
                return false;
            }
            context = in.readUnsignedIntLE();
            replyType = reply;
            return true;
        }

        /**
         * Whether {@code bytes} more can be read; when not, the request is cut short: it is
         * reported, and the failure it owes is sent.
         */
        boolean has(int bytes) {
            if (in.readableBytes() >= bytes) {
                return true;
            }
            cutShort();
            return false;
        }

        void cutShort() {
            faults.report(TRUNCATED, "received a truncated " + type + " from " + sender + "; refused");
            failIfPending();
        }

        /** The owed reply, begun. */
        Datagram reply() {
            return Datagram.to(sender, config.channel(), replyType.id()).u32(context);
        }

        /** Sends the owed reply; one too long for a datagram is reported and the failure answer goes instead. */
        void answer(Datagram d) {
            if (!d.fits()) {
                faults.report(OVERSIZED, "the answer to " + type + " from " + sender + " is " + d.length() + " bytes, more than one datagram; failure sent");
                d.discard();
                failIfPending();
                return;
            }
            replyType = null;
            md.route(DatabaseServer.this, d.build());
        }

        void failIfPending() {
            if (replyType == CREATE_OBJECT_RESP) {
                answer(reply().u32(0));
            } else if (replyType != null) {
                answer(reply().u8(FAILURE));
            }
        }
    }

    private void create(Request r) {
        if (!r.owe(CREATE_OBJECT_RESP) || !r.has(4)) {
            return;
        }
        int classId = r.in.readUnsignedShortLE();
        DcClass dclass = dc.classById(classId);
        if (dclass == null) {
            log.error("{}: create for unknown class id {}", name(), classId);
            r.failIfPending();
            return;
        }
        Values values = readValues(r.in, r.in.readUnsignedShortLE(), false, false);
        if (values == CUT_SHORT) {
            r.cutShort();
            return;
        }
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
        r.answer(r.reply().u32(id.orElse(0L)));
    }

    private void get(Request r) {
        if (!r.owe(r.type == OBJECT_GET_ALL ? OBJECT_GET_ALL_RESP : r.type == OBJECT_GET_FIELD ? OBJECT_GET_FIELD_RESP : OBJECT_GET_FIELDS_RESP)
                || !r.has(r.type == OBJECT_GET_FIELDS ? 6 : 4)) {
            return;
        }
        long doId = r.in.readUnsignedIntLE();
        Set<Integer> wanted = new HashSet<>();
        if (r.type != OBJECT_GET_ALL) {
            int count = r.type == OBJECT_GET_FIELD ? 1 : r.in.readUnsignedShortLE();
            if (!r.has(2 * count)) {
                return;
            }
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
        r.answer(withFields(reply, fields));
    }

    private void set(Request r) {
        boolean several = r.type == OBJECT_SET_FIELDS || r.type == OBJECT_DELETE_FIELDS;
        if (!r.has(several ? 6 : 4)) {
            return;
        }
        long doId = r.in.readUnsignedIntLE();
        boolean deleting = r.type == OBJECT_DELETE_FIELD || r.type == OBJECT_DELETE_FIELDS;
        int count = several ? r.in.readUnsignedShortLE() : 1;
        Values values = readValues(r.in, count, deleting, false);
        if (values == CUT_SHORT) {
            r.cutShort();
            return;
        }
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
        if (!r.owe(r.type == OBJECT_SET_FIELD_IF_EQUALS ? OBJECT_SET_FIELD_IF_EQUALS_RESP
                : r.type == OBJECT_SET_FIELDS_IF_EQUALS ? OBJECT_SET_FIELDS_IF_EQUALS_RESP : OBJECT_SET_FIELD_IF_EMPTY_RESP)
                || !r.has(r.type == OBJECT_SET_FIELDS_IF_EQUALS ? 6 : 4)) {
            return;
        }
        long doId = r.in.readUnsignedIntLE();
        int count = r.type == OBJECT_SET_FIELDS_IF_EQUALS ? r.in.readUnsignedShortLE() : 1;
        Values values = readValues(r.in, count, false, r.type != OBJECT_SET_FIELD_IF_EMPTY);
        if (values == CUT_SHORT) {
            r.cutShort();
            return;
        }
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
            r.answer(r.reply().u8(SUCCESS));
        } else {
            Datagram reply = r.reply().u8(FAILURE);
            if (r.type == OBJECT_SET_FIELDS_IF_EQUALS) {
                reply.u16(outcome.get().current().size());
            }
            r.answer(withFields(reply, outcome.get().current()));
        }
    }

    /** What a compare-and-set found: whether it applied, and the compared fields' values before. */
    private record Outcome(boolean applied, SortedMap<Integer, byte[]> current) {
    }

    private void delete(Request r) {
        if (!r.has(4)) {
            return;
        }
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
     * to be refused: an unknown field id, or a non-db field where a value is to be compared;
     * {@link #CUT_SHORT} when the list ends early. Non-db fields are otherwise skipped; a field
     * being deleted falls back to its default.
     */
    private Values readValues(ByteBuf in, int count, boolean deleting, boolean withExpected) {
        Values v = new Values(new TreeMap<>(), new TreeMap<>());
        for (int i = 0; i < count; i++) {
            if (in.readableBytes() < 2) {
                return CUT_SHORT;
            }
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
                if (!deleting && !DcWire.skipField(f, in)) {
                    return CUT_SHORT;
                }
                continue;
            }
            if (withExpected && !put(v.expected, f, in)) {
                return CUT_SHORT;
            }
            if (deleting) {
                v.set.put(f.id(), f.defaultValue() != null ? f.defaultValue() : EMPTY);
            } else if (!put(v.set, f, in)) {
                return CUT_SHORT;
            }
        }
        return v;
    }

    /** Reads one value of the field into {@code values}; false when it is cut short. */
    private static boolean put(SortedMap<Integer, byte[]> values, DcField f, ByteBuf in) {
        int length = DcWire.length(f, in);
        if (length == DcWire.CUT_SHORT) {
            return false;
        }
        values.put(f.id(), ByteBufUtil.getBytes(in, in.readerIndex(), length));
        in.skipBytes(length);
        return true;
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

    /** Routes a broadcast; one too long for a datagram is reported and not sent. */
    private void send(Datagram d) {
        if (!d.fits()) {
            faults.report(OVERSIZED, "a broadcast of " + d.length() + " bytes does not fit one datagram; not sent");
            d.discard();
            return;
        }
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
