package io.gatehouse.core.cluster;

import io.gatehouse.core.store.Database;
import io.gatehouse.core.time.Cancellable;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster node's {@link Wills} in the shared store (table {@code node_wills}), under the node's
 * name. Writes go to the store one at a time on a thread of their own, in the order they were
 * made, so the caller (astron's routing thread) never waits for the store; at most
 * {@value #MAX_QUEUED} wait, and a write that finds the queue full, or that the store refuses, is
 * dropped and logged (once, until a write succeeds again): what was dropped is then missing
 * only if the node dies.
 *
 * <p>The wills of a node that is gone are taken, each row once, by the node that finds them:
 * taking reads a node's rows under a row lock and deletes them in the same transaction, so two
 * nodes that look at once never both get a row. {@link #nodeGone} (called on the node that
 * judged a node gone, {@link NodeMembership#whenGone}, and on those that saw its row go,
 * {@link NodeMembership#whenLeft}, for when the judge serves no such front) takes the rows of
 * every node that has no row in {@code nodes} any more; {@link #serve} takes this node's own rows, which only an earlier
 * run under the same name can have left, and those of gone nodes.
 */
public final class StoredWills implements Wills, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoredWills.class);
    /** Writes waiting for the store at most; more are dropped (logged). */
    static final int MAX_QUEUED = 10_000;

    private final Database db;
    private final String node;
    private final ThreadPoolExecutor writer;
    private final Map<String, Consumer<List<Will>>> senders = new ConcurrentHashMap<>();
    /** Whether a write was dropped since the last one that succeeded (so that a streak is logged once). */
    private volatile boolean dropping;

    public StoredWills(Database db, String node) {
        this.db = db;
        this.node = node;
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_QUEUED), r -> {
            Thread t = new Thread(r, "gatehouse-wills");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public boolean kept() {
        return true;
    }

    @Override
    public void add(String front, long owner, long group, byte[] body) {
        write("keep a will", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO node_wills (front, node, owner, grp, body) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, front);
                ps.setString(2, node);
                ps.setLong(3, owner);
                ps.setLong(4, group);
                ps.setBytes(5, body);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void clear(String front, long owner, long group) {
        write("clear wills", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM node_wills WHERE front = ? AND node = ? AND owner = ? AND grp = ?")) {
                ps.setString(1, front);
                ps.setString(2, node);
                ps.setLong(3, owner);
                ps.setLong(4, group);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void forget(String front, long owner) {
        write("forget sent wills", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM node_wills WHERE front = ? AND node = ? AND owner = ?")) {
                ps.setString(1, front);
                ps.setString(2, node);
                ps.setLong(3, owner);
                return ps.executeUpdate();
            }
        });
    }

    /** Takes and hands over, on the caller's thread, what this node's earlier run and gone nodes left; a store failure throws. */
    @Override
    public Cancellable serve(String front, Consumer<List<Will>> sender) {
        senders.put(front, sender);
        hand(front, node, take(front, node, false), sender);
        sweep(front, sender);
        return () -> senders.remove(front, sender);
    }

    /**
     * A node is gone (this node judged it, or saw its row go): hands every served front the wills of the nodes
     * without a row in {@code nodes}, that one among them. A store failure is logged; the rows
     * stay for the next node that judges a node gone or starts.
     */
    public void nodeGone(String gone) {
        senders.forEach((front, sender) -> {
            try {
                sweep(front, sender);
            } catch (RuntimeException e) {
                log.warn("the wills of {} node {} left could not be taken from the store ({}); the next node that judges a node gone "
                        + "or starts takes them", front, gone, e.getMessage());
            }
        });
    }

    private void sweep(String front, Consumer<List<Will>> sender) {
        for (String gone : goneNodes(front)) {
            hand(front, gone, take(front, gone, true), sender);
        }
    }

    private void hand(String front, String from, List<Will> wills, Consumer<List<Will>> sender) {
        if (!wills.isEmpty()) {
            log.info("sending the {} {} will(s) node {} left", wills.size(), front, from);
            sender.accept(wills);
        }
    }

    private List<String> goneNodes(String front) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT node FROM node_wills WHERE front = ? AND node NOT IN (SELECT name FROM nodes)")) {
                ps.setString(1, front);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Reads {@code from}'s rows of {@code front} in the order they were added, locked, and deletes
     * them in the same transaction; with {@code onlyIfGone}, none while {@code from} has a row in
     * {@code nodes} (it started again meanwhile and takes its own).
     */
    private List<Will> take(String front, String from, boolean onlyIfGone) {
        return db.inTransaction(c -> {
            List<Will> wills = new ArrayList<>();
            long last = -1;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, owner, grp, body FROM node_wills WHERE front = ? AND node = ?"
                    + (onlyIfGone ? " AND NOT EXISTS (SELECT 1 FROM nodes WHERE name = ?)" : "") + " ORDER BY id FOR UPDATE")) {
                ps.setString(1, front);
                ps.setString(2, from);
                if (onlyIfGone) {
                    ps.setString(3, from);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        last = rs.getLong(1);
                        wills.add(new Will(rs.getLong(2), rs.getLong(3), rs.getBytes(4)));
                    }
                }
            }
            if (!wills.isEmpty()) {
                try (PreparedStatement del = c.prepareStatement("DELETE FROM node_wills WHERE front = ? AND node = ? AND id <= ?")) {
                    del.setString(1, front);
                    del.setString(2, from);
                    del.setLong(3, last);
                    del.executeUpdate();
                }
            }
            return wills;
        });
    }

    private void write(String what, Database.SqlWork<Integer> work) {
        try {
            writer.execute(() -> {
                try {
                    db.inTransaction(work);
                    dropping = false;
                } catch (RuntimeException e) {
                    dropped(what + ": the store refused (" + e.getMessage() + ")");
                }
            });
        } catch (RejectedExecutionException e) {
            dropped(what + ": " + (writer.isShutdown() ? "the node is stopping" : MAX_QUEUED + " writes wait already"));
        }
    }

    private void dropped(String why) {
        if (!dropping) {
            dropping = true;
            log.warn("node {} could not {}; dropped (further drops are not logged until a write succeeds): the cluster loses "
                    + "what was dropped only if this node dies", node, why);
        }
    }

    /** Writes what is queued (for at most 5 s), then stops the writer. */
    @Override
    public void close() throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
            log.warn("node {} stopped with {} will write(s) not made", node, writer.getQueue().size());
        }
    }
}
