package io.gatehouse.astron.stateserver;

import io.gatehouse.astron.dc.DcClass;
import io.gatehouse.astron.dc.DcField;
import io.gatehouse.astron.md.Datagram;
import io.gatehouse.astron.md.MdParticipant;
import io.gatehouse.astron.message.DatabaseMessageType;
import io.gatehouse.astron.message.StateServerMessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An object of the DBSS while the database is asked for it (docs/protocol/astron.md, section
 * 9.2): subscribed to the object's id, it waits for the GET_ALL_RESP with its context (or with
 * the context of a GET_ALL already in flight), keeping what else arrives for the object. Once
 * the answer comes it makes the object, hands the kept datagrams to it in order, then to the
 * DBSS (which answers those that concern it, now that the object is active or known absent),
 * and goes. At most {@link #MAX_KEPT} datagrams are kept; later ones are dropped
 * ({@code kind="database_backlog"}). Routing thread only.
 */
final class LoadingObject implements MdParticipant {

    /** The most datagrams one loading object keeps for its object. */
    static final int MAX_KEPT = 1000;

    private static final Logger log = LoggerFactory.getLogger(LoadingObject.class);

    private final DbStateServer dbss;
    private final long doId;
    private final long parent;
    private final long zone;
    /** The class an activation with OTHER named, or null. */
    private final DcClass dclass;
    private final Map<DcField, byte[]> updates;
    private final Set<Long> validContexts;
    private final long context;
    private final List<byte[]> kept = new ArrayList<>();
    private boolean loaded;
    private boolean done;

    LoadingObject(DbStateServer dbss, long doId, long parent, long zone, DcClass dclass, Map<DcField, byte[]> updates,
                  Set<Long> validContexts, long context) {
        this.dbss = dbss;
        this.doId = doId;
        this.parent = parent;
        this.zone = zone;
        this.dclass = dclass;
        this.updates = updates;
        this.validContexts = Set.copyOf(validContexts);
        this.context = context;
        dbss.table.md.subscribe(this, doId);
    }

    @Override
    public String name() {
        return "LoadingObject(doid: " + doId + ", db: " + dbss.database + ")";
    }

    /** Asks the database for the object. */
    void begin() {
        dbss.table.route(this, Datagram.to(dbss.database, doId, DatabaseMessageType.OBJECT_GET_ALL.id()).u32(context).u32(doId),
                dbss.ownFaults);
    }

    @Override
    public void deliver(ByteBuf d) {
        try {
            if (done) {
                return; // between its end and the director taking its subscription away
            }
            if (!Datagram.hasHeader(d)) {
                dbss.ownFaults.report(StateServer.TRUNCATED, "received a truncated datagram header; dropped");
                return;
            }
            int start = d.readerIndex();
            d.readerIndex(Datagram.senderOffset(d) + 8);
            int type = d.readUnsignedShortLE();
            if (type == DatabaseMessageType.OBJECT_GET_ALL_RESP.id()) {
                if (!loaded) {
                    answer(d);
                }
            } else if (type != StateServerMessageType.DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS.id()
                    && type != StateServerMessageType.DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS_OTHER.id()) {
                if (kept.size() < MAX_KEPT) {
                    kept.add(ByteBufUtil.getBytes(d, start, d.writerIndex() - start));
                } else {
                    dbss.ownFaults.report(DbStateServer.BACKLOG, name() + " keeps " + MAX_KEPT + " datagrams already; one dropped");
                }
            }
        } finally {
            d.release();
        }
    }

    private void answer(ByteBuf d) {
        if (d.readableBytes() < 4) {
            dbss.ownFaults.report(StateServer.TRUNCATED, "received a truncated GET_ALL_RESP; dropped");
            return;
        }
        long answered = d.readUnsignedIntLE();
        if (answered != context && !validContexts.contains(answered)) {
            log.warn("{}: received get_all_resp with incorrect context '{}'", name(), answered);
            return;
        }
        loaded = true;
        DbStateServer.DbObject o = DbStateServer.DbObject.read(d, dbss.dc);
        if (o == null) {
            log.debug("{}: object not found in the database, or unreadable", name());
            finish();
            return;
        }
        if (dclass != null && o.dclass() != dclass) {
            log.error("{}: requested object of class '{}', but received class {}", name(), dclass.id(), o.dclass().id());
            finish();
            return;
        }
        for (DcField f : o.dclass().fields()) {
            if (f.isMolecular()) {
                continue;
            }
            byte[] update = updates.get(f);
            if (f.hasKeyword("required")) {
                if (update != null) {
                    o.required().put(f, update);
                } else if (!o.required().containsKey(f)) {
                    o.required().put(f, f.defaultOrZero());
                }
            } else if (f.hasKeyword("ram") && update != null) {
                o.ram().put(f, update);
            }
        }
        DistributedObject object = new DistributedObject(dbss.table, doId, o.dclass(), o.required(), o.ram());
        dbss.receive(object);
        object.start(parent, zone, dbss.database);
        for (byte[] k : kept) {
            if (dbss.object(doId) != object) {
                log.trace("{}: deleted while replaying, aborted", name());
                break;
            }
            object.deliver(Unpooled.wrappedBuffer(k));
        }
        finish();
    }

    /** Forgets this loader, hands the kept datagrams to the DBSS, and leaves the director. */
    private void finish() {
        done = true;
        dbss.loading.remove(doId);
        for (byte[] k : kept) {
            dbss.deliver(Unpooled.wrappedBuffer(k));
        }
        kept.clear();
        dbss.table.md.remove(this);
    }
}
