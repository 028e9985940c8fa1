package io.gatehouse.core.session;

import java.util.Locale;

/**
 * Why a connection ends: one vocabulary for every front. Each front maps a reason to its own
 * wire form (a control Close code, an Astron eject code, a Marauroa NACK, a VCMI error line).
 */
public enum CloseReason {
    /** Nothing arrived from the client within the heartbeat timeout. */
    HEARTBEAT_TIMEOUT("heartbeat timeout"),
    /** Bytes that do not parse as the front's protocol. */
    BAD_FRAME("malformed packet"),
    /** A frame or body above the configured limit. */
    OVERSIZED("packet too large"),
    /** A frame that ended before its declared length. */
    TRUNCATED("truncated packet"),
    /** Credentials or token refused, or no authentication in time. */
    AUTH_FAILED("auth failed"),
    /** A reconnect named a session that expired or never existed. */
    SESSION_EXPIRED("session expired"),
    /** The same session or account connected again elsewhere. */
    DUPLICATE_LOGIN("duplicate connection"),
    /** An operator closed the session. */
    KICKED("kicked"),
    /** The server is shutting down. */
    SERVER_SHUTDOWN("server shutdown"),
    /** An internal failure forced the connection closed. */
    SERVER_ERROR("server error"),
    /** The client did not read what the server sent fast enough. */
    SLOW_CONSUMER("slow consumer"),
    /** The transport failed (reset, broken pipe). */
    IO_ERROR("network error"),
    /** The client closed the connection itself. */
    CLIENT_CLOSED("client closed");

    private final String text;

    CloseReason(String text) {
        this.text = text;
    }

    /** A short human-readable description, the default reason text on the wire. */
    public String text() {
        return text;
    }

    /** The lower-case name used as a metrics tag. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
