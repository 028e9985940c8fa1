package io.gatehouse.control.message;

import io.gatehouse.core.session.CloseReason;
import java.util.Locale;

/** {@code Close.Code} of spec 7.2, with the WebSocket close status sent after the push. */
public enum CloseCode {
    HEARTBEAT_TIMEOUT(0, 1000),
    SERVER_ERROR(1, 1011),
    SERVER_SHUTDOWN(2, 1001),
    UNPACK_ERROR(3, 1002),
    AUTH_ERROR(4, 1008),
    SESS_EXPIRED(5, 1008),
    CONNECT_DUPLICATE(6, 1008);

    private final int wire;
    private final int webSocketStatus;

    CloseCode(int wire, int webSocketStatus) {
        this.wire = wire;
        this.webSocketStatus = webSocketStatus;
    }

    public int wire() {
        return wire;
    }

    public int webSocketStatus() {
        return webSocketStatus;
    }

    /** The spec's name of the code: {@code SessExpired}, {@code ConnectDuplicate}, ... */
    public String displayName() {
        StringBuilder b = new StringBuilder();
        for (String word : name().split("_")) {
            b.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }

    /** The code with that wire value, or null for one this version does not know. */
    public static CloseCode of(int wire) {
        for (CloseCode c : values()) {
            if (c.wire == wire) {
                return c;
            }
        }
        return null;
    }

    /** The control front's wire form of a core close reason. */
    public static CloseCode of(CloseReason reason) {
        return switch (reason) {
            case HEARTBEAT_TIMEOUT -> HEARTBEAT_TIMEOUT;
            case BAD_FRAME, OVERSIZED, TRUNCATED -> UNPACK_ERROR;
            case AUTH_FAILED -> AUTH_ERROR;
            case SESSION_EXPIRED, KICKED -> SESS_EXPIRED;
            case DUPLICATE_LOGIN -> CONNECT_DUPLICATE;
            case SERVER_SHUTDOWN -> SERVER_SHUTDOWN;
            case SERVER_ERROR, SLOW_CONSUMER, IO_ERROR, CLIENT_CLOSED -> SERVER_ERROR;
        };
    }
}
