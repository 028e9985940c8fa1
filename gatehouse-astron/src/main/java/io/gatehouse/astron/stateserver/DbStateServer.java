package io.gatehouse.astron.stateserver;

import static io.gatehouse.astron.message.StateServerMessageType.DBSS_OBJECT_DELETE_DISK;
import static io.gatehouse.astron.message.StateServerMessageType.DBSS_OBJECT_GET_ACTIVATED_RESP;
import static io.gatehouse.astron.message.StateServerMessageType.OBJECT_GET_ALL_RESP;
import static io.gatehouse.astron.message.StateServerMessageType.OBJECT_GET_FIELDS_RESP;
import static io.gatehouse.astron.message.StateServerMessageType.OBJECT_GET_FIELD_RESP;

import io.gatehouse.astron.dc.DcClass;
import io.gatehouse.astron.dc.DcField;
import io.gatehouse.astron.dc.DcFile;
import io.gatehouse.astron.md.Datagram;
import io.gatehouse.astron.md.MdParticipant;
import io.gatehouse.astron.md.MessageDirector;
import io.gatehouse.astron.message.ArgumentLengths;
import io.gatehouse.astron.message.DatabaseMessageType;
import io.gatehouse.astron.message.StateServerMessageType;
import io.gatehouse.core.metrics.ClientFaults;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database-backed State Server, astrond's {@code dbss} role (docs/protocol/astron.md,
 * section 9.2): subscribed to the object ids of its ranges, it loads an object from the
 * database when it is activated, answers the queries about an inactive object from the
 * database, and writes every change of a {@code db} field through to it. An active object is
 * a {@link DistributedObject}, as the State Server's are; while one loads, a
 * {@link LoadingObject} holds what arrives for it. Routing thread only.
 *
 * <p>At most {@link #MAX_PENDING} questions to the database wait at once (loads and queries
 * together): past that a new one is dropped ({@code kind="database_backlog"}), since a database
 * that does not answer would otherwise grow them without end.
 */
public final class DbStateServer implements MdParticipant {

    /** The most loads and queries waiting on the database at once. */
    static final int MAX_PENDING = 10_000;
    /** The fault kind of a load or query dropped because {@link #MAX_PENDING} wait already. */
    static final String BACKLOG = "database_backlog";

    private static final Logger log = LoggerFactory.getLogger(DbStateServer.class);

    final DcFile dc;
    final long database;
    final ObjectTable table;
    final ClientFaults.Tracker ownFaults;
    /** Objects being loaded, by id. */
    final Map<Long, LoadingObject> loading = new HashMap<>();
    /** Queries about inactive objects, by the context sent to the database. */
    private final Map<Long, PendingQuery> pending = new HashMap<>();
    /** The contexts of GET_ALLs in flight for each inactive object, which an activation may take over. */
    private final Map<Long, Set<Long>> inactiveLoads = new HashMap<>();
    private long nextContext;

    /** {@code faults}: where this role and its objects report what they drop (the server's {@code front="astron_md"}). */
    public DbStateServer(MessageDirector md, DcFile dc, DbStateServerConfig config, ClientFaults faults) {
        this.dc = dc;
        this.database = config.database();
        this.table = new ObjectTable(md, faults);
        this.ownFaults = faults.connection(name());
        for (DbStateServerConfig.Range r : config.ranges()) {
            md.subscribeRange(this, r.min(), r.max());
        }
    }

    @Override
    public String name() {
        return "DBSS(Database: " + database + ")";
    }

    /** The active object with that id, if any (call on the routing thread). */
    public DistributedObject object(long doId) {
        return table.objects.get(doId);
    }

    /** The next context for the database: astrond's counter, a uint32 that wraps. */
    long nextContext() {
        long c = nextContext;
        nextContext = (nextContext + 1) & 0xFFFF_FFFFL;
        return c;
    }

    private boolean backlogged(String what) {
        if (pending.size() + loading.size() < MAX_PENDING) {
            return false;
        }
        ownFaults.report(BACKLOG, MAX_PENDING + " loads and queries wait on the database; " + what + " dropped");
        return true;
    }

    void route(Datagram d) {
        table.route(this, d, ownFaults);
    }

    @Override
    public void deliver(ByteBuf d) {
        try {
            if (!Datagram.hasHeader(d)) {
                ownFaults.report(StateServer.TRUNCATED, "received a truncated datagram header; dropped");
                return;
            }
            d.readerIndex(Datagram.senderOffset(d));
            long sender = d.readLongLE();
            int type = d.readUnsignedShortLE();
            StateServerMessageType ss = StateServerMessageType.of(type);
            DatabaseMessageType db = DatabaseMessageType.of(type);
            if (ss != null) {
                if (!ArgumentLengths.complete(ss, d)) {
                    ownFaults.report(StateServer.TRUNCATED, "received a truncated " + ss + " from " + sender + "; dropped");
                } else {
                    handle(ss, d, sender);
                }
            } else if (db != null) {
                if (!ArgumentLengths.complete(db, d)) {
                    ownFaults.report(StateServer.TRUNCATED, "received a truncated " + db + " from " + sender + "; dropped");
                } else {
                    answer(db, d);
                }
            } else {
                log.trace("ignoring message of type {}", type);
            }
        } finally {
            d.release();
        }
    }

    private void handle(StateServerMessageType type, ByteBuf d, long sender) {
        switch (type) {
            case DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS -> activate(d, false);
            case DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS_OTHER -> activate(d, true);
            case DBSS_OBJECT_DELETE_DISK -> deleteDisk(d.readUnsignedIntLE(), sender);
            case DBSS_OBJECT_GET_ACTIVATED -> getActivated(d.readUnsignedIntLE(), d.readUnsignedIntLE(), sender);
            case OBJECT_SET_FIELD -> setField(d);
            case OBJECT_SET_FIELDS -> setFields(d);
            case OBJECT_GET_FIELD -> getField(d, sender);
            case OBJECT_GET_FIELDS -> getFields(d, sender);
            case OBJECT_GET_ALL -> getAll(d.readUnsignedIntLE(), d.readUnsignedIntLE(), sender);
            default -> log.trace("ignoring message of type {}", type);
        }
    }

    private void answer(DatabaseMessageType type, ByteBuf d) {
        switch (type) {
            case OBJECT_GET_FIELD_RESP -> fieldAnswer(d, OBJECT_GET_FIELD_RESP);
            case OBJECT_GET_FIELDS_RESP -> fieldAnswer(d, OBJECT_GET_FIELDS_RESP);
            case OBJECT_GET_ALL_RESP -> getAllAnswer(d);
            default -> log.trace("ignoring message of type {}", type);
        }
    }

    private boolean activated(long doId) {
        return table.objects.containsKey(doId) || loading.containsKey(doId);
    }

    // ---- activation ------------------------------------------------------------------------

    private void activate(ByteBuf d, boolean withOther) {
        long doId = d.readUnsignedIntLE();
        long parent = d.readUnsignedIntLE();
        long zone = d.readUnsignedIntLE();
        if (activated(doId)) {
            log.warn("received activate for already-active object with id {}", doId);
            return;
        }
        DcClass dclass = null;
        Map<DcField, byte[]> updates = new HashMap<>();
        if (withOther) {
            int classId = d.readUnsignedShortLE();
            dclass = dc.classById(classId);
            if (dclass == null) {
                log.error("received activate_other with unknown dclass with id {}", classId);
                return;
            }
            if (!other(d, dclass, doId, updates)) {
                ownFaults.report(StateServer.TRUNCATED, "received an activate of " + doId + " cut short in its OTHER section; not activated");
                return;
            }
        }
        if (backlogged("the activation of " + doId)) {
            return;
        }
        Set<Long> contexts = inactiveLoads.getOrDefault(doId, Set.of());
        LoadingObject loader = new LoadingObject(this, doId, parent, zone, dclass, updates, contexts, nextContext());
        loading.put(doId, loader);
        if (contexts.isEmpty()) {
            loader.begin();
        }
    }

    /**
     * The OTHER section of an activation: required and ram values that override the database's.
     * An unknown field ends it; a field neither required nor ram is logged and skipped. False
     * when it is cut short.
     */
    private boolean other(ByteBuf d, DcClass dclass, long doId, Map<DcField, byte[]> updates) {
        int count = d.readUnsignedShortLE();
        for (int i = 0; i < count; i++) {
            if (d.readableBytes() < 2) {
                return false;
            }
            int fieldId = d.readUnsignedShortLE();
            DcField f = DistributedObject.fieldOf(dclass, fieldId);
            if (f == null) {
                log.error("LoadingObject(doid: {}): received invalid field index {}", doId, fieldId);
                return true;
            }
            byte[] v = StateServer.value(f, d);
            if (v == null) {
                return false;
            }
            if (f.hasKeyword("ram") || f.hasKeyword("required")) {
                updates.put(f, v);
            } else {
                log.error("LoadingObject(doid: {}): received non-RAM field {} within an OTHER section", doId, f.name());
            }
        }
        return true;
    }

    /** A loaded object joins the active ones. */
    void receive(DistributedObject o) {
        table.objects.put(o.id(), o);
    }

    // ---- messages about any object of the range ---------------------------------------------

    private void getActivated(long context, long doId, long sender) {
        if (loading.containsKey(doId)) {
            return; // the loader keeps it and hands it back once the load ends
        }
        route(Datagram.to(sender, doId, DBSS_OBJECT_GET_ACTIVATED_RESP.id()).u32(context).u32(doId)
                .u8(table.objects.containsKey(doId) ? 1 : 0));
    }

    private void deleteDisk(long doId, long sender) {
        if (loading.containsKey(doId)) {
            return;
        }
        DistributedObject o = table.objects.get(doId);
        if (o != null) {
            Set<Long> targets = new TreeSet<>();
            long location = StateServerMessage.location(o.parent(), o.zone());
            for (long c : new long[] {location, o.aiChannel(), o.ownerChannel()}) {
                if (c != 0) {
                    targets.add(c);
                }
            }
            if (!targets.isEmpty()) {
                route(Datagram.to(targets, sender, DBSS_OBJECT_DELETE_DISK.id()).u32(doId));
            }
        }
        route(Datagram.to(database, doId, DatabaseMessageType.OBJECT_DELETE.id()).u32(doId));
    }

    private void setField(ByteBuf d) {
        long doId = d.readUnsignedIntLE();
        if (loading.containsKey(doId)) {
            return;
        }
        int fieldId = d.readUnsignedShortLE();
        DcField f = dc.field(fieldId);
        if (f != null && f.hasKeyword("db")) {
            route(Datagram.to(database, doId, DatabaseMessageType.OBJECT_SET_FIELD.id()).u32(doId).u16(fieldId)
                    .bytes(ByteBufUtil.getBytes(d)));
        }
    }

    private void setFields(ByteBuf d) {
        long doId = d.readUnsignedIntLE();
        if (loading.containsKey(doId)) {
            return;
        }
        int count = d.readUnsignedShortLE();
        Map<DcField, byte[]> dbValues = new TreeMap<>(DistributedObject.BY_ID);
        for (int i = 0; i < count; i++) {
            if (d.readableBytes() < 2) {
                ownFaults.report(StateServer.TRUNCATED, "received a SET_FIELDS for " + doId + " cut short; dropped");
                return;
            }
            int fieldId = d.readUnsignedShortLE();
            DcField f = dc.field(fieldId);
            if (f == null) {
                log.warn("received invalid field with id {} in SetFields", fieldId);
                return;
            }
            byte[] v = StateServer.value(f, d);
            if (v == null) {
                ownFaults.report(StateServer.TRUNCATED, "received a SET_FIELDS for " + doId + " cut short in " + f.name() + "; dropped");
                return;
            }
            if (f.hasKeyword("db")) {
                dbValues.put(f, v);
            }
        }
        if (!dbValues.isEmpty()) {
            Datagram w = Datagram.to(database, doId, DatabaseMessageType.OBJECT_SET_FIELDS.id()).u32(doId).u16(dbValues.size());
            dbValues.forEach((f, v) -> w.u16(f.id()).bytes(v));
            route(w);
        }
    }

    // ---- queries about inactive objects ---------------------------------------------------

    private void getField(ByteBuf d, long sender) {
        long context = d.readUnsignedIntLE();
        long doId = d.readUnsignedIntLE();
        int fieldId = d.readUnsignedShortLE();
        if (activated(doId)) {
            return;
        }
        DcField f = dc.field(fieldId);
        if (f == null || !(f.hasKeyword("required") || f.hasKeyword("ram"))) {
            route(Datagram.to(sender, doId, OBJECT_GET_FIELD_RESP.id()).u32(context).u8(0));
        } else if (f.hasKeyword("db")) {
            if (backlogged("a GET_FIELD of " + doId)) {
                return;
            }
            long dbContext = nextContext();
            pending.put(dbContext, new PendingQuery(OBJECT_GET_FIELD_RESP, Datagram.to(sender, doId, OBJECT_GET_FIELD_RESP.id()).u32(context), doId));
            route(Datagram.to(database, doId, DatabaseMessageType.OBJECT_GET_FIELD.id()).u32(dbContext).u32(doId).u16(fieldId));
        } else if (f.defaultValue() != null) {
            route(Datagram.to(sender, doId, OBJECT_GET_FIELD_RESP.id()).u32(context).u8(1).u16(fieldId).bytes(f.defaultValue()));
        } else {
            route(Datagram.to(sender, doId, OBJECT_GET_FIELD_RESP.id()).u32(context).u8(0));
        }
    }

    private void getFields(ByteBuf d, long sender) {
        long context = d.readUnsignedIntLE();
        long doId = d.readUnsignedIntLE();
        int count = d.readUnsignedShortLE();
        if (activated(doId)) {
            return;
        }
        List<DcField> dbFields = new ArrayList<>();
        List<DcField> ramFields = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DcField f = dc.field(d.readUnsignedShortLE());
            if (f == null) {
                // astrond answers failure for each unknown field, and goes on with the others
                route(Datagram.to(sender, doId, OBJECT_GET_FIELDS_RESP.id()).u32(context).u8(0));
            } else if (f.hasKeyword("ram") || f.hasKeyword("required")) {
                (f.hasKeyword("db") ? dbFields : ramFields).add(f);
            }
        }
        if (dbFields.isEmpty()) {
            Datagram r = Datagram.to(sender, doId, OBJECT_GET_FIELDS_RESP.id()).u32(context).u8(1).u16(ramFields.size());
            ramFields.forEach(f -> r.u16(f.id()).bytes(f.defaultOrZero()));
            route(r);
            return;
        }
        if (backlogged("a GET_FIELDS of " + doId)) {
            return;
        }
        long dbContext = nextContext();
        Datagram r = Datagram.to(sender, doId, OBJECT_GET_FIELDS_RESP.id()).u32(context).u8(1).u16(ramFields.size() + dbFields.size());
        ramFields.forEach(f -> r.u16(f.id()).bytes(f.defaultOrZero()));
        pending.put(dbContext, new PendingQuery(OBJECT_GET_FIELDS_RESP, r, doId));
        Datagram q = Datagram.to(database, doId, DatabaseMessageType.OBJECT_GET_FIELDS.id()).u32(dbContext).u32(doId).u16(dbFields.size());
        dbFields.forEach(f -> q.u16(f.id()));
        route(q);
    }

    private void getAll(long context, long doId, long sender) {
        if (activated(doId) || backlogged("a GET_ALL of " + doId)) {
            return;
        }
        long dbContext = nextContext();
        // the location of an object on disk is none: a zero channel where parent and zone go
        pending.put(dbContext, new PendingQuery(OBJECT_GET_ALL_RESP,
                Datagram.to(sender, doId, OBJECT_GET_ALL_RESP.id()).u32(context).u32(doId).u64(0), doId));
        inactiveLoads.computeIfAbsent(doId, k -> new TreeSet<>()).add(dbContext);
        route(Datagram.to(database, doId, DatabaseMessageType.OBJECT_GET_ALL.id()).u32(dbContext).u32(doId));
    }

    /** The query that {@code context} answers, taken out of the table; null when none, or another kind (logged). */
    private PendingQuery take(long context, StateServerMessageType expected) {
        PendingQuery q = pending.remove(context);
        if (q == null) {
            return null;
        }
        if (q.answerType() != expected) {
            log.warn("received the database's answer to a {} query, but expecting {}", expected, q.answerType());
            q.answer().discard();
            return null;
        }
        return q;
    }

    /** A database GET_FIELD(S)_RESP: what follows the context is the caller's answer, copied (a GET_FIELDS one less its count). */
    private void fieldAnswer(ByteBuf d, StateServerMessageType answerType) {
        PendingQuery q = take(d.readUnsignedIntLE(), answerType);
        if (q == null) {
            return;
        }
        if (answerType == OBJECT_GET_FIELD_RESP) {
            route(q.answer().bytes(ByteBufUtil.getBytes(d)));
            return;
        }
        if (!d.isReadable()) {
            ownFaults.report(StateServer.TRUNCATED, "received a truncated GET_FIELDS_RESP from the database; dropped");
            q.answer().discard();
            return;
        }
        if (d.readUnsignedByte() != 0) {
            if (d.readableBytes() < 2) {
                ownFaults.report(StateServer.TRUNCATED, "received a truncated GET_FIELDS_RESP from the database; dropped");
                q.answer().discard();
                return;
            }
            d.skipBytes(2);
            q.answer().bytes(ByteBufUtil.getBytes(d));
        }
        route(q.answer());
    }

    private void getAllAnswer(ByteBuf d) {
        long context = d.readUnsignedIntLE();
        PendingQuery q = take(context, OBJECT_GET_ALL_RESP);
        if (q == null) {
            return;
        }
        Set<Long> loads = inactiveLoads.get(q.doId());
        if (loads != null) {
            loads.remove(context);
            if (loads.isEmpty()) {
                inactiveLoads.remove(q.doId());
            }
        }
        DbObject o = DbObject.read(d, dc);
        if (o == null) {
            q.answer().discard();
            return;
        }
        Datagram r = q.answer().u16(o.dclass().id());
        for (DcField f : o.dclass().fields()) {
            if (!f.isMolecular() && f.hasKeyword("required")) {
                byte[] v = o.required().get(f);
                r.bytes(v != null ? v : f.defaultOrZero());
            }
        }
        r.u16(o.ram().size());
        o.ram().forEach((f, v) -> r.u16(f.id()).bytes(v));
        route(r);
    }

    /** The object a database GET_ALL_RESP holds: its class and its required and ram values. */
    record DbObject(DcClass dclass, Map<DcField, byte[]> required, Map<DcField, byte[]> ram) {

        /**
         * Reads the rest of a GET_ALL_RESP (after the context); null when the object was not found,
         * or the answer cannot be read (logged).
         */
        static DbObject read(ByteBuf d, DcFile dc) {
            if (!d.isReadable() || d.readUnsignedByte() == 0) {
                return null;
            }
            if (d.readableBytes() < 4) {
                log.error("received a truncated object from the database");
                return null;
            }
            int classId = d.readUnsignedShortLE();
            DcClass dclass = dc.classById(classId);
            if (dclass == null) {
                log.error("received object from database with unknown dclass - id: {}", classId);
                return null;
            }
            Map<DcField, byte[]> required = new LinkedHashMap<>();
            Map<DcField, byte[]> ram = new TreeMap<>(DistributedObject.BY_ID);
            int count = d.readUnsignedShortLE();
            for (int i = 0; i < count; i++) {
                DcField f = d.readableBytes() < 2 ? null : DistributedObject.fieldOf(dclass, d.readUnsignedShortLE());
                byte[] v = f == null ? null : StateServer.value(f, d);
                if (v == null) {
                    log.error("error while unpacking fields from database");
                    return null;
                }
                if (f.hasKeyword("required")) {
                    required.put(f, v);
                } else if (f.hasKeyword("ram")) {
                    ram.put(f, v);
                }
            }
            return new DbObject(dclass, required, ram);
        }
    }
}
