package io.gatehouse.core.objects;

import io.gatehouse.core.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Persistent objects in the store: each is a class id and field values, in an id space of
 * its own per {@code space} (one per front or role). Every call is one transaction, committed
 * before it returns; ids are handed out upwards from the range's start and never twice.
 */
public final class ObjectStore {

    private final Database db;
    private final String space;

    public ObjectStore(Database db, String space) {
        if (space.isEmpty() || space.length() > 32) {
            throw new IllegalArgumentException("an object space name has 1 to 32 characters: " + space);
        }
        this.db = db;
        this.space = space;
    }

    /**
     * Creates an object with the next free id in {@code [minId, maxId]}; empty when the range
     * is used up.
     */
    public Optional<Long> create(int classId, Map<Integer, byte[]> fields, long minId, long maxId) {
        return db.inTransaction(c -> {
            long id = Math.max(nextId(c), minId);
            if (id > maxId) {
                return Optional.<Long>empty();
            }
            saveNextId(c, id + 1);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO stored_objects (space, id, class_id) VALUES (?, ?, ?)")) {
                ps.setString(1, space);
                ps.setLong(2, id);
                ps.setInt(3, classId);
                ps.executeUpdate();
            }
            for (Map.Entry<Integer, byte[]> f : fields.entrySet()) {
                insertField(c, id, f.getKey(), f.getValue());
            }
            return Optional.of(id);
        });
    }

    public Optional<StoredObject> find(long id) {
        return db.inTransaction(c -> find(c, id));
    }

    /**
     * Reads the object and, in the same transaction, applies the change {@code decide} makes of
     * it (nothing when it returns null). Empty when there is no such object.
     */
    public <R> Optional<R> update(long id, Function<StoredObject, Change<R>> decide) {
        return db.inTransaction(c -> {
            Optional<StoredObject> found = findForUpdate(c, id);
            if (found.isEmpty()) {
                return Optional.<R>empty();
            }
            Change<R> change = decide.apply(found.get());
            for (Integer f : change.delete()) {
                deleteField(c, id, f);
            }
            for (Map.Entry<Integer, byte[]> f : change.set().entrySet()) {
                deleteField(c, id, f.getKey());
                insertField(c, id, f.getKey(), f.getValue());
            }
            return Optional.ofNullable(change.result());
        });
    }

    /** Removes the object and its fields; false when there was none. */
    public boolean delete(long id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM stored_objects WHERE space = ? AND id = ?")) {
                ps.setString(1, space);
                ps.setLong(2, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /**
     * What an {@link #update} writes: field values to set, field ids to delete, and the result
     * the caller gets back.
     */
    public record Change<R>(Map<Integer, byte[]> set, Set<Integer> delete, R result) {

        public static <R> Change<R> none(R result) {
            return new Change<>(Map.of(), Set.of(), result);
        }
    }

    private long nextId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT next_id FROM stored_object_ids WHERE space = ? FOR UPDATE")) {
            ps.setString(1, space);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private void saveNextId(Connection c, long next) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE stored_object_ids SET next_id = ? WHERE space = ?")) {
            ps.setLong(1, next);
            ps.setString(2, space);
            if (ps.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO stored_object_ids (space, next_id) VALUES (?, ?)")) {
            ps.setString(1, space);
            ps.setLong(2, next);
            ps.executeUpdate();
        }
    }

    private Optional<StoredObject> find(Connection c, long id) throws SQLException {
        return read(c, id, "SELECT class_id FROM stored_objects WHERE space = ? AND id = ?");
    }

    private Optional<StoredObject> findForUpdate(Connection c, long id) throws SQLException {
        return read(c, id, "SELECT class_id FROM stored_objects WHERE space = ? AND id = ? FOR UPDATE");
    }

    private Optional<StoredObject> read(Connection c, long id, String sql) throws SQLException {
        int classId;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, space);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                classId = rs.getInt(1);
            }
        }
        SortedMap<Integer, byte[]> fields = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT field_id, val FROM stored_object_fields WHERE space = ? AND object_id = ?")) {
            ps.setString(1, space);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fields.put(rs.getInt(1), rs.getBytes(2));
                }
            }
        }
        return Optional.of(new StoredObject(id, classId, fields));
    }

    private void insertField(Connection c, long id, int field, byte[] value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO stored_object_fields (space, object_id, field_id, val) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, space);
            ps.setLong(2, id);
            ps.setInt(3, field);
            ps.setBytes(4, value);
            ps.executeUpdate();
        }
    }

    private void deleteField(Connection c, long id, int field) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM stored_object_fields WHERE space = ? AND object_id = ? AND field_id = ?")) {
            ps.setString(1, space);
            ps.setLong(2, id);
            ps.setInt(3, field);
            ps.executeUpdate();
        }
    }
}
