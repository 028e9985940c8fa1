package io.gatehouse.astron.clientagent;

/**
 * Message type ids and eject codes of the client protocol, and the Client Agent control
 * messages (docs/protocol/astron.md, sections 7 and 8).
 */
public final class ClientMessage {

    public static final int HELLO = 1;
    public static final int HELLO_RESP = 2;
    public static final int DISCONNECT = 3;
    public static final int EJECT = 4;
    public static final int HEARTBEAT = 5;
    public static final int OBJECT_SET_FIELD = 120;
    public static final int OBJECT_SET_FIELDS = 121;
    public static final int OBJECT_LEAVING = 132;
    public static final int OBJECT_LEAVING_OWNER = 161;
    public static final int OBJECT_LOCATION = 140;
    public static final int ENTER_OBJECT_REQUIRED = 142;
    public static final int ENTER_OBJECT_REQUIRED_OTHER = 143;
    public static final int ENTER_OBJECT_REQUIRED_OWNER = 172;
    public static final int ENTER_OBJECT_REQUIRED_OTHER_OWNER = 173;
    public static final int ADD_INTEREST = 200;
    public static final int ADD_INTEREST_MULTIPLE = 201;
    public static final int REMOVE_INTEREST = 203;
    public static final int DONE_INTEREST_RESP = 204;

    public static final int CA_SET_STATE = 1000;
    public static final int CA_SET_CLIENT_ID = 1001;
    public static final int CA_SEND_DATAGRAM = 1002;
    public static final int CA_EJECT = 1004;
    public static final int CA_DROP = 1005;
    public static final int CA_GET_NETWORK_ADDRESS = 1006;
    public static final int CA_GET_NETWORK_ADDRESS_RESP = 1007;
    public static final int CA_DECLARE_OBJECT = 1010;
    public static final int CA_UNDECLARE_OBJECT = 1011;
    public static final int CA_ADD_SESSION_OBJECT = 1012;
    public static final int CA_REMOVE_SESSION_OBJECT = 1013;
    public static final int CA_SET_FIELDS_SENDABLE = 1014;
    public static final int CA_GET_TLVS = 1015;
    public static final int CA_GET_TLVS_RESP = 1016;
    public static final int CA_OPEN_CHANNEL = 1100;
    public static final int CA_CLOSE_CHANNEL = 1101;
    public static final int CA_ADD_POST_REMOVE = 1110;
    public static final int CA_CLEAR_POST_REMOVES = 1111;
    public static final int CA_ADD_INTEREST = 1200;
    public static final int CA_ADD_INTEREST_MULTIPLE = 1201;
    public static final int CA_REMOVE_INTEREST = 1203;
    public static final int CA_DONE_INTEREST_RESP = 1204;

    public static final int EJECT_GENERIC = 1;
    public static final int EJECT_OVERSIZED_DATAGRAM = 106;
    public static final int EJECT_NO_HELLO = 107;
    public static final int EJECT_INVALID_MSGTYPE = 108;
    public static final int EJECT_TRUNCATED_DATAGRAM = 109;
    public static final int EJECT_ANONYMOUS_VIOLATION = 113;
    public static final int EJECT_FORBIDDEN_INTEREST = 115;
    public static final int EJECT_MISSING_OBJECT = 117;
    public static final int EJECT_FORBIDDEN_FIELD = 118;
    public static final int EJECT_FORBIDDEN_RELOCATE = 119;
    public static final int EJECT_BAD_VERSION = 124;
    public static final int EJECT_BAD_DCHASH = 125;
    public static final int EJECT_FIELD_CONSTRAINT = 127;
    /**
     * Gatehouse's eject when an operator ends the session (the HTTP API's kick, a ban); astrond
     * has no operator of its own. 151 is the code Astron games use for "logged out by an administrator".
     */
    public static final int EJECT_LOGGED_OUT_BY_ADMIN = 151;
    public static final int EJECT_SESSION_OBJECT_DELETED = 153;
    /**
     * Gatehouse's eject when it shuts down (astrond has none: it just closes). 154 is the code
     * Astron games already use by convention for "server going down for maintenance".
     */
    public static final int EJECT_SERVER_SHUTDOWN = 154;
    public static final int EJECT_NO_HEARTBEAT = 345;
    public static final int EJECT_WRITE_ERROR = 347;
    public static final int EJECT_READ_ERROR = 348;

    /** Every client listens on this broadcast channel too. */
    public static final long ALL_CLIENTS = 10;

    private ClientMessage() {
    }
}
