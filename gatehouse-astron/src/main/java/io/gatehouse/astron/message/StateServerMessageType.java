package io.gatehouse.astron.message;

import java.util.Map;

/**
 * State Server messages (docs/protocol/astron.md, section 9), to its control channel or to an object, named as the spec names them (without the {@code STATESERVER_} prefix of the first three; the DBSS's with theirs).
 * Each id is written out; two constants with one id, or an id outside 2000..2999, fail when the enum loads.
 */
public enum StateServerMessageType {
    CREATE_OBJECT_WITH_REQUIRED(2000),
    CREATE_OBJECT_WITH_REQUIRED_OTHER(2001),
    DELETE_AI_OBJECTS(2009),
    OBJECT_GET_FIELD(2010),
    OBJECT_GET_FIELD_RESP(2011),
    OBJECT_GET_FIELDS(2012),
    OBJECT_GET_FIELDS_RESP(2013),
    OBJECT_GET_ALL(2014),
    OBJECT_GET_ALL_RESP(2015),
    OBJECT_SET_FIELD(2020),
    OBJECT_SET_FIELDS(2021),
    OBJECT_DELETE_FIELD_RAM(2030),
    OBJECT_DELETE_FIELDS_RAM(2031),
    OBJECT_DELETE_RAM(2032),
    OBJECT_SET_LOCATION(2040),
    OBJECT_CHANGING_LOCATION(2041),
    OBJECT_ENTER_LOCATION_WITH_REQUIRED(2042),
    OBJECT_ENTER_LOCATION_WITH_REQUIRED_OTHER(2043),
    OBJECT_GET_LOCATION(2044),
    OBJECT_GET_LOCATION_RESP(2045),
    OBJECT_LOCATION_ACK(2046),
    OBJECT_SET_AI(2050),
    OBJECT_CHANGING_AI(2051),
    OBJECT_ENTER_AI_WITH_REQUIRED(2052),
    OBJECT_ENTER_AI_WITH_REQUIRED_OTHER(2053),
    OBJECT_GET_AI(2054),
    OBJECT_GET_AI_RESP(2055),
    OBJECT_SET_OWNER(2060),
    OBJECT_CHANGING_OWNER(2061),
    OBJECT_ENTER_OWNER_WITH_REQUIRED(2062),
    OBJECT_ENTER_OWNER_WITH_REQUIRED_OTHER(2063),
    OBJECT_GET_OWNER(2064),
    OBJECT_GET_OWNER_RESP(2065),
    OBJECT_ENTER_INTEREST_WITH_REQUIRED(2066),
    OBJECT_ENTER_INTEREST_WITH_REQUIRED_OTHER(2067),
    OBJECT_GET_ZONE_OBJECTS(2100),
    OBJECT_GET_ZONES_OBJECTS(2102),
    OBJECT_GET_CHILDREN(2104),
    OBJECT_GET_ZONE_COUNT(2110),
    OBJECT_GET_ZONE_COUNT_RESP(2111),
    OBJECT_GET_ZONES_COUNT(2112),
    OBJECT_GET_ZONES_COUNT_RESP(2113),
    OBJECT_GET_CHILD_COUNT(2114),
    OBJECT_GET_CHILD_COUNT_RESP(2115),
    OBJECT_DELETE_ZONE(2120),
    OBJECT_DELETE_ZONES(2122),
    OBJECT_DELETE_CHILDREN(2124),
    GET_ACTIVE_ZONES(2125),
    GET_ACTIVE_ZONES_RESP(2126),
    DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS(2200),
    DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS_OTHER(2201),
    DBSS_OBJECT_GET_ACTIVATED(2207),
    DBSS_OBJECT_GET_ACTIVATED_RESP(2208),
    DBSS_OBJECT_DELETE_FIELD_DISK(2230),
    DBSS_OBJECT_DELETE_FIELDS_DISK(2231),
    DBSS_OBJECT_DELETE_DISK(2232);

    /** The lowest id of this family's range. */
    public static final int MIN = 2000;
    /** The highest id of this family's range. */
    public static final int MAX = 2999;

    private static final Map<Integer, StateServerMessageType> BY_ID = WireIds.table(values(), StateServerMessageType::id, MIN, MAX);

    private final int id;

    StateServerMessageType(int id) {
        this.id = id;
    }

    /** The number on the wire. */
    public int id() {
        return id;
    }

    /** The message type with that id, or null. */
    public static StateServerMessageType of(int id) {
        return BY_ID.get(id);
    }

    /** Whether {@code id} lies in this family's range (known to it or not). */
    public static boolean inRange(int id) {
        return id >= MIN && id <= MAX;
    }
}
