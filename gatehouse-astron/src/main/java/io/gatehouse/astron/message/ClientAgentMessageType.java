package io.gatehouse.astron.message;

import java.util.Map;

/**
 * Client Agent control messages (docs/protocol/astron.md, section 8): what game servers send to a client's channel, named as the spec names them without their {@code CLIENTAGENT_} prefix.
 * Each id is written out; two constants with one id, or an id outside 1000..1999, fail when the enum loads.
 */
public enum ClientAgentMessageType {
    SET_STATE(1000),
    SET_CLIENT_ID(1001),
    SEND_DATAGRAM(1002),
    EJECT(1004),
    DROP(1005),
    GET_NETWORK_ADDRESS(1006),
    GET_NETWORK_ADDRESS_RESP(1007),
    DECLARE_OBJECT(1010),
    UNDECLARE_OBJECT(1011),
    ADD_SESSION_OBJECT(1012),
    REMOVE_SESSION_OBJECT(1013),
    SET_FIELDS_SENDABLE(1014),
    GET_TLVS(1015),
    GET_TLVS_RESP(1016),
    OPEN_CHANNEL(1100),
    CLOSE_CHANNEL(1101),
    ADD_POST_REMOVE(1110),
    CLEAR_POST_REMOVES(1111),
    ADD_INTEREST(1200),
    ADD_INTEREST_MULTIPLE(1201),
    REMOVE_INTEREST(1203),
    DONE_INTEREST_RESP(1204);

    /** The lowest id of this family's range. */
    public static final int MIN = 1000;
    /** The highest id of this family's range. */
    public static final int MAX = 1999;

    private static final Map<Integer, ClientAgentMessageType> BY_ID = WireIds.table(values(), ClientAgentMessageType::id, MIN, MAX);

    private final int id;

    ClientAgentMessageType(int id) {
        this.id = id;
    }

    /** The number on the wire. */
    public int id() {
        return id;
    }

    /** The message type with that id, or null. */
    public static ClientAgentMessageType of(int id) {
        return BY_ID.get(id);
    }

    /** Whether {@code id} lies in this family's range (known to it or not). */
    public static boolean inRange(int id) {
        return id >= MIN && id <= MAX;
    }
}
