package io.gatehouse.astron.message;

import java.util.Map;

/**
 * Message types of the client protocol (docs/protocol/astron.md, section 7): what a game client and the Client Agent send each other, named as the spec names them without their {@code CLIENT_} prefix.
 * Each id is written out; two constants with one id, or an id outside 1..999, fail when the enum loads.
 */
public enum ClientMessageType {
    HELLO(1),
    HELLO_RESP(2),
    DISCONNECT(3),
    EJECT(4),
    HEARTBEAT(5),
    OBJECT_SET_FIELD(120),
    OBJECT_SET_FIELDS(121),
    OBJECT_LEAVING(132),
    OBJECT_LOCATION(140),
    ENTER_OBJECT_REQUIRED(142),
    ENTER_OBJECT_REQUIRED_OTHER(143),
    OBJECT_LEAVING_OWNER(161),
    ENTER_OBJECT_REQUIRED_OWNER(172),
    ENTER_OBJECT_REQUIRED_OTHER_OWNER(173),
    ADD_INTEREST(200),
    ADD_INTEREST_MULTIPLE(201),
    REMOVE_INTEREST(203),
    DONE_INTEREST_RESP(204);

    /** The lowest id of this family's range. */
    public static final int MIN = 1;
    /** The highest id of this family's range. */
    public static final int MAX = 999;

    private static final Map<Integer, ClientMessageType> BY_ID = WireIds.table(values(), ClientMessageType::id, MIN, MAX);

    private final int id;

    ClientMessageType(int id) {
        this.id = id;
    }

    /** The number on the wire. */
    public int id() {
        return id;
    }

    /** The message type with that id, or null. */
    public static ClientMessageType of(int id) {
        return BY_ID.get(id);
    }

    /** Whether {@code id} lies in this family's range (known to it or not). */
    public static boolean inRange(int id) {
        return id >= MIN && id <= MAX;
    }
}
