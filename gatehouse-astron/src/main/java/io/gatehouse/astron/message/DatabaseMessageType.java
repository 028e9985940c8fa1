package io.gatehouse.astron.message;

import java.util.Map;

/**
 * Database Server messages (docs/protocol/astron.md, section 10), named as the spec names them (astrond prefixes them {@code DBSERVER_}).
 * Each id is written out; two constants with one id, or an id outside 3000..3999, fail when the enum loads.
 */
public enum DatabaseMessageType {
    CREATE_OBJECT(3000),
    CREATE_OBJECT_RESP(3001),
    OBJECT_GET_FIELD(3010),
    OBJECT_GET_FIELD_RESP(3011),
    OBJECT_GET_FIELDS(3012),
    OBJECT_GET_FIELDS_RESP(3013),
    OBJECT_GET_ALL(3014),
    OBJECT_GET_ALL_RESP(3015),
    OBJECT_SET_FIELD(3020),
    OBJECT_SET_FIELDS(3021),
    OBJECT_SET_FIELD_IF_EQUALS(3022),
    OBJECT_SET_FIELD_IF_EQUALS_RESP(3023),
    OBJECT_SET_FIELDS_IF_EQUALS(3024),
    OBJECT_SET_FIELDS_IF_EQUALS_RESP(3025),
    OBJECT_SET_FIELD_IF_EMPTY(3026),
    OBJECT_SET_FIELD_IF_EMPTY_RESP(3027),
    OBJECT_DELETE_FIELD(3030),
    OBJECT_DELETE_FIELDS(3031),
    OBJECT_DELETE(3032);

    /** The lowest id of this family's range. */
    public static final int MIN = 3000;
    /** The highest id of this family's range. */
    public static final int MAX = 3999;

    private static final Map<Integer, DatabaseMessageType> BY_ID = WireIds.table(values(), DatabaseMessageType::id, MIN, MAX);

    private final int id;

    DatabaseMessageType(int id) {
        this.id = id;
    }

    /** The number on the wire. */
    public int id() {
        return id;
    }

    /** The message type with that id, or null. */
    public static DatabaseMessageType of(int id) {
        return BY_ID.get(id);
    }

    /** Whether {@code id} lies in this family's range (known to it or not). */
    public static boolean inRange(int id) {
        return id >= MIN && id <= MAX;
    }
}
