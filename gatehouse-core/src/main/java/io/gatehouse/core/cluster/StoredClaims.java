package io.gatehouse.core.cluster;

import io.gatehouse.core.store.Database;
import io.gatehouse.core.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims in the shared store's {@code node_claims}, each tied to its node's row in
 * {@code nodes}: deleted with it when the node leaves or is judged gone. Two nodes claiming one
 * name at once meet at its primary key: one inserts, the other reads who did.
 */
public final class StoredClaims implements Claims {

    private static final Logger log = LoggerFactory.getLogger(StoredClaims.class);

    private final Database db;
    private final String node;
    /** What this node claimed, claimed again should the cluster have judged it gone meanwhile. */
    private final List<String> held = new ArrayList<>();

    /** Claims of {@code node}, which must have joined the cluster (its row in {@code nodes}). */
    public StoredClaims(Database db, String node) {
        this.db = db;
        this.node = node;
    }

    @Override
    public Optional<String> claim(String name) {
        Optional<String> holder;
        try {
            holder = db.inTransaction(c -> holderOrTake(c, name));
        } catch (StoreException e) {
            if (!e.isUniqueViolation()) {
                throw e;
            }
            // another node inserted it between our read and our insert
            holder = db.inTransaction(c -> holder(c, name));
        }
        if (holder.isEmpty() || holder.get().equals(node)) {
            synchronized (held) {
                if (!held.contains(name)) {
                    held.add(name);
                }
            }
            return Optional.empty();
        }
        return holder;
    }

    /**
     * Claims again what this node held, after the cluster judged it gone (its row, and its
     * claims with it, deleted) while it ran; a claim another node took meanwhile is logged, as
     * two nodes now serve it.
     */
    public void rejoined() {
        List<String> names;
        synchronized (held) {
            names = List.copyOf(held);
        }
        for (String name : names) {
            try {
                claim(name).ifPresent(other -> log.error("{} is claimed by node {} since this node {} was judged gone; both now serve it",
                        name, other, node));
            } catch (StoreException e) {
                log.warn("could not claim {} again for node {}", name, node, e);
            }
        }
    }

    private Optional<String> holderOrTake(Connection c, String name) throws SQLException {
        Optional<String> holder = holder(c, name);
        if (holder.isPresent()) {
            return holder;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO node_claims (name, node) VALUES (?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, node);
            ps.executeUpdate();
        }
        return Optional.empty();
    }

    private static Optional<String> holder(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT node FROM node_claims WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
