package io.gatehouse.vcmi.message;

/** Bytes that cannot be read, and why; the connection is closed after it. */
public record VcmiDecodeFailure(Cause cause, String detail) implements VcmiInbound {

    /** What went wrong, for the connection's close reason and the client fault counters. */
    public enum Cause {
        /** Bytes that are not the protocol: a zero-length packet, a pipe handshake that is not UTF-8. */
        MALFORMED,
        /** A packet above {@code max_packet_bytes}. */
        OVERSIZED,
        /** A pipe that sent more than its handshake limits allow without a role and uuid (section 4). */
        HANDSHAKE_LIMIT
    }
}
