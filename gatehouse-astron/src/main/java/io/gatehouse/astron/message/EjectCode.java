package io.gatehouse.astron.message;

import io.gatehouse.core.session.CloseReason;
import java.util.Map;

/**
 * The codes of CLIENT_EJECT the Client Agent sends of its own accord (docs/protocol/astron.md,
 * section 7), each with the core's close reason it is counted under and, when the client was
 * at fault, the name of that fault. A game server's CLIENTAGENT_EJECT may carry any other code;
 * those travel as plain numbers.
 */
public enum EjectCode {
    GENERIC(1, CloseReason.SERVER_ERROR, null),
    OVERSIZED_DATAGRAM(106, CloseReason.OVERSIZED, "oversized"),
    NO_HELLO(107, CloseReason.BAD_FRAME, "no_hello"),
    INVALID_MSGTYPE(108, CloseReason.BAD_FRAME, "invalid_msgtype"),
    TRUNCATED_DATAGRAM(109, CloseReason.TRUNCATED, "truncated"),
    ANONYMOUS_VIOLATION(113, CloseReason.BAD_FRAME, "anonymous_violation"),
    FORBIDDEN_INTEREST(115, CloseReason.BAD_FRAME, "forbidden_interest"),
    MISSING_OBJECT(117, CloseReason.BAD_FRAME, "missing_object"),
    FORBIDDEN_FIELD(118, CloseReason.BAD_FRAME, "forbidden_field"),
    FORBIDDEN_RELOCATE(119, CloseReason.BAD_FRAME, "forbidden_relocate"),
    BAD_VERSION(124, CloseReason.BAD_FRAME, "bad_version"),
    BAD_DCHASH(125, CloseReason.BAD_FRAME, "bad_dchash"),
    FIELD_CONSTRAINT(127, CloseReason.BAD_FRAME, "field_constraint"),
    /**
     * Gatehouse's eject when an operator ends the session (the HTTP API's kick, a ban); astrond
     * has no operator of its own. 151 is the code Astron games use for "logged out by an administrator".
     */
    LOGGED_OUT_BY_ADMIN(151, CloseReason.KICKED, null),
    SESSION_OBJECT_DELETED(153, CloseReason.KICKED, null),
    /**
     * Gatehouse's eject when it shuts down (astrond has none: it just closes). 154 is the code
     * Astron games already use by convention for "server going down for maintenance".
     */
    SERVER_SHUTDOWN(154, CloseReason.SERVER_SHUTDOWN, null),
    NO_HEARTBEAT(345, CloseReason.HEARTBEAT_TIMEOUT, "no_heartbeat"),
    WRITE_ERROR(347, CloseReason.IO_ERROR, null),
    READ_ERROR(348, CloseReason.IO_ERROR, null);

    private static final Map<Integer, EjectCode> BY_CODE = WireIds.table(values(), EjectCode::code, 0, 0xFFFF);

    private final int code;
    private final CloseReason closeReason;
    private final String faultKind;

    EjectCode(int code, CloseReason closeReason, String faultKind) {
        this.code = code;
        this.closeReason = closeReason;
        this.faultKind = faultKind;
    }

    /** The uint16 on the wire. */
    public int code() {
        return code;
    }

    /** The core's name for why a client ejected with this code goes. */
    public CloseReason closeReason() {
        return closeReason;
    }

    /** The client fault this code stands for; null when the eject is not the client's doing. */
    public String faultKind() {
        return faultKind;
    }

    /** The code with that number, or null. */
    public static EjectCode of(int code) {
        return BY_CODE.get(code);
    }
}
