package io.gatehouse.astron.stateserver;

/** Message type ids of the State Server set (docs/protocol/astron.md, section 9). */
public final class StateServerMessage {

    public static final int CREATE_OBJECT_WITH_REQUIRED = 2000;
    public static final int CREATE_OBJECT_WITH_REQUIRED_OTHER = 2001;
    public static final int DELETE_AI_OBJECTS = 2009;
    public static final int OBJECT_GET_FIELD = 2010;
    public static final int OBJECT_GET_FIELD_RESP = 2011;
    public static final int OBJECT_GET_FIELDS = 2012;
    public static final int OBJECT_GET_FIELDS_RESP = 2013;
    public static final int OBJECT_GET_ALL = 2014;
    public static final int OBJECT_GET_ALL_RESP = 2015;
    public static final int OBJECT_SET_FIELD = 2020;
    public static final int OBJECT_SET_FIELDS = 2021;
    public static final int OBJECT_DELETE_RAM = 2032;
    public static final int OBJECT_SET_LOCATION = 2040;
    public static final int OBJECT_CHANGING_LOCATION = 2041;
    public static final int OBJECT_ENTER_LOCATION_WITH_REQUIRED = 2042;
    public static final int OBJECT_ENTER_LOCATION_WITH_REQUIRED_OTHER = 2043;
    public static final int OBJECT_GET_LOCATION = 2044;
    public static final int OBJECT_GET_LOCATION_RESP = 2045;
    public static final int OBJECT_LOCATION_ACK = 2046;
    public static final int OBJECT_SET_AI = 2050;
    public static final int OBJECT_CHANGING_AI = 2051;
    public static final int OBJECT_ENTER_AI_WITH_REQUIRED = 2052;
    public static final int OBJECT_ENTER_AI_WITH_REQUIRED_OTHER = 2053;
    public static final int OBJECT_GET_AI = 2054;
    public static final int OBJECT_GET_AI_RESP = 2055;
    public static final int OBJECT_SET_OWNER = 2060;
    public static final int OBJECT_CHANGING_OWNER = 2061;
    public static final int OBJECT_ENTER_OWNER_WITH_REQUIRED = 2062;
    public static final int OBJECT_ENTER_OWNER_WITH_REQUIRED_OTHER = 2063;
    public static final int OBJECT_ENTER_INTEREST_WITH_REQUIRED = 2066;
    public static final int OBJECT_ENTER_INTEREST_WITH_REQUIRED_OTHER = 2067;
    public static final int OBJECT_GET_ZONE_OBJECTS = 2100;
    public static final int OBJECT_GET_ZONES_OBJECTS = 2102;
    public static final int OBJECT_GET_ZONES_COUNT_RESP = 2113;
    public static final int OBJECT_DELETE_CHILDREN = 2124;
    public static final int GET_ACTIVE_ZONES = 2125;
    public static final int GET_ACTIVE_ZONES_RESP = 2126;

    /** The GET_LOCATION context a new object sends its children with. */
    public static final long CONTEXT_WAKE_CHILDREN = 1001;

    public static final int MIN = 2000;
    public static final int MAX = 2999;

    private StateServerMessage() {
    }

    /** Channel of an object's children: {@code (1 << 32) | parent}. */
    public static long parentToChildren(long parent) {
        return (1L << 32) | (parent & 0xFFFF_FFFFL);
    }

    /** A location's channel: {@code (parent << 32) | zone}. */
    public static long location(long parent, long zone) {
        return (parent << 32) | (zone & 0xFFFF_FFFFL);
    }
}
