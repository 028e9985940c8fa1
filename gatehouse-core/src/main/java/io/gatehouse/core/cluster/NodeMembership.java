package io.gatehouse.core.cluster;

import io.gatehouse.core.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which nodes of a cluster are alive, judged through the shared store: every node raises its
 * row's beat count in {@code nodes} once a beat, and reads the others'. A node whose count has
 * not moved for {@code timeout} by this node's own clock is judged gone: the first node to see
 * it deletes its row (only while its count is still the one judged) and clears its sessions'
 * marks, which gives its places in connection limits back; its sessions leave the listing at
 * once, since a gone node answers no listing. A node that leaves in order ({@link #close})
 * does both itself.
 *
 * <p>Whoever needs to act for a node that is gone registers with {@link #whenGone}: the node
 * whose delete of the gone node's row succeeded (exactly one) calls each listener, on its beat
 * thread, after its transaction. The other nodes see the row go at their next beat
 * ({@link #whenLeft}), as they see a node that leaves in order go.
 *
 * <p>The count is not a time, so nodes with clocks apart judge each other fairly. A node that
 * finds its own row gone (the others judged it gone while its beats could not reach the store)
 * writes it again and calls {@code rejoined}, which marks its live sessions again.
 *
 * <p>Each beat also reads when every node's row was written, to tell the eldest live node
 * ({@link Seniority}).
 *
 * <p>Beats run on a thread of their own, in real time whatever clock the node's rules use.
 */
public final class NodeMembership implements Seniority, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeMembership.class);

    private record Seen(long beats, long changedAtMillis) {
    }

    private final Database db;
    private final String node;
    private final long timeoutMillis;
    private final LongSupplier clock;
    private final Runnable rejoined;
    private final ScheduledExecutorService beater;
    /** Other nodes by name, with their count and when this node saw it change; only the beat thread writes it. */
    private final Map<String, Seen> seen = new HashMap<>();
    private final List<Consumer<String>> goneListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> leftListeners = new CopyOnWriteArrayList<>();
    private volatile Set<String> alive = Set.of();
    private volatile String eldest;
    private boolean failing;

    private NodeMembership(Database db, String node, Duration timeout, LongSupplier clock, Runnable rejoined) {
        this.db = db;
        this.node = node;
        this.timeoutMillis = timeout.toMillis();
        this.clock = clock;
        this.rejoined = rejoined;
        this.eldest = node;
        this.beater = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gatehouse-cluster-beat");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Joins the cluster as {@code node}: clears what an earlier run under the same name left
     * (its row and its sessions' marks: those connections ended with that run), writes this
     * node's row, reads the others once, and beats every {@code beat} from then on.
     */
    public static NodeMembership join(Database db, String node, Duration beat, Duration timeout, Runnable rejoined) {
        NodeMembership m = new NodeMembership(db, node, timeout, System::currentTimeMillis, rejoined);
        int stale = db.inTransaction(c -> {
            int cleared = clearMarks(c, node);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM nodes WHERE name = ?")) {
                del.setString(1, node);
                del.executeUpdate();
            }
            insertRow(c, node, m.clock.getAsLong());
            return cleared;
        });
        if (stale > 0) {
            log.info("node {} joined; {} session(s) its earlier run left marked are free again", node, stale);
        }
        m.beat();
        m.beater.scheduleWithFixedDelay(m::beat, beat.toMillis(), beat.toMillis(), TimeUnit.MILLISECONDS);
        return m;
    }

    /** The other nodes judged alive at the last beat (this one not included). */
    public Set<String> others() {
        return alive;
    }

    /**
     * Calls {@code listener} with the name of each node this node judges gone, once its row is
     * deleted and its marks cleared; a listener that throws is logged and the others still called.
     */
    public void whenGone(Consumer<String> listener) {
        goneListeners.add(listener);
    }

    /**
     * Calls {@code listener}, on the beat thread, with the name of each node whose row this node
     * saw go without deleting it itself: judged gone by another node, or left in order.
     */
    public void whenLeft(Consumer<String> listener) {
        leftListeners.add(listener);
    }

    /** This node's name. */
    public String node() {
        return node;
    }

    @Override
    public String self() {
        return node;
    }

    @Override
    public String eldest() {
        return eldest;
    }

    @Override
    public boolean alive(String other) {
        return node.equals(other) || alive.contains(other);
    }

    private void beat() {
        try {
            boolean[] wasGone = {false};
            Map<String, Long> started = new HashMap<>();
            Map<String, Long> counts = db.inTransaction(c -> {
                started.clear();
                try (PreparedStatement up = c.prepareStatement("UPDATE nodes SET beats = beats + 1 WHERE name = ?")) {
                    up.setString(1, node);
                    if (up.executeUpdate() == 0) {
                        insertRow(c, node, clock.getAsLong());
                        wasGone[0] = true;
                    }
                }
                Map<String, Long> all = new HashMap<>();
                try (PreparedStatement q = c.prepareStatement("SELECT name, beats, started_at FROM nodes"); ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        all.put(rs.getString(1), rs.getLong(2));
                        started.put(rs.getString(1), rs.getLong(3));
                    }
                }
                return all;
            });
            if (wasGone[0]) {
                log.warn("node {} was judged gone by the cluster (its beats did not reach the store in time); joined again", node);
                rejoined.run();
            }
            judge(counts);
            eldest = eldestOf(started);
            if (failing) {
                failing = false;
                log.info("node {} reaches the store again", node);
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn("node {} cannot beat: the store does not answer ({}); other nodes judge it gone after {} ms",
                        node, e.getMessage(), timeoutMillis);
            }
        }
    }

    private void judge(Map<String, Long> counts) {
        long now = clock.getAsLong();
        Set<String> live = new HashSet<>();
        List<String> left = seen.keySet().stream().filter(name -> !counts.containsKey(name)).toList();
        seen.keySet().removeAll(left);
        left.forEach(name -> tell(leftListeners, name));
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            String name = e.getKey();
            if (name.equals(node)) {
                continue;
            }
            Seen before = seen.get(name);
            if (before == null || before.beats() != e.getValue()) {
                seen.put(name, new Seen(e.getValue(), now));
                live.add(name);
            } else if (now - before.changedAtMillis() < timeoutMillis) {
                live.add(name);
            } else {
                declareGone(name, before);
            }
        }
        alive = Set.copyOf(live);
    }

    /** The live node (this one included) whose row was written first; ties go to the name that sorts first. */
    private String eldestOf(Map<String, Long> started) {
        String best = node;
        long bestAt = started.getOrDefault(node, Long.MAX_VALUE);
        for (String name : alive) {
            long at = started.getOrDefault(name, Long.MAX_VALUE);
            if (at < bestAt || at == bestAt && name.compareTo(best) < 0) {
                best = name;
                bestAt = at;
            }
        }
        return best;
    }

    private void declareGone(String name, Seen last) {
        int freed = db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM nodes WHERE name = ? AND beats = ?")) {
                del.setString(1, name);
                del.setLong(2, last.beats());
                if (del.executeUpdate() == 0) {
                    return -1;
                }
            }
            return clearMarks(c, name);
        });
        seen.remove(name);
        if (freed >= 0) {
            log.info("node {} is gone (no beat for {} ms); {} of its session(s) free for a reconnect elsewhere", name,
                    clock.getAsLong() - last.changedAtMillis(), freed);
            tell(goneListeners, name);
        }
    }

    private static void tell(List<Consumer<String>> listeners, String name) {
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(name);
            } catch (RuntimeException e) {
                log.warn("what this node does for node {} gone failed", name, e);
            }
        }
    }

    /** Leaves the cluster in order: stops beating, clears this node's marks and deletes its row. */
    @Override
    public void close() throws InterruptedException {
        beater.shutdown();
        beater.awaitTermination(5, TimeUnit.SECONDS);
        try {
            db.inTransaction(c -> {
                clearMarks(c, node);
                try (PreparedStatement del = c.prepareStatement("DELETE FROM nodes WHERE name = ?")) {
                    del.setString(1, node);
                    return del.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            log.warn("node {} could not tell the store it leaves ({}); the others judge it gone after {} ms", node, e.getMessage(),
                    timeoutMillis);
        }
    }

    private static int clearMarks(java.sql.Connection c, String name) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET node = NULL WHERE node = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate();
        }
    }

    private static void insertRow(java.sql.Connection c, String name, long now) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO nodes (name, beats, started_at) VALUES (?, 0, ?)")) {
            ps.setString(1, name);
            ps.setLong(2, now);
            ps.executeUpdate();
        }
    }
}
