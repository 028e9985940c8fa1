package io.gatehouse.control.message;

/**
 * The recommended heartbeat body (spec 7.3): the sender's clock in epoch milliseconds and
 * an optional id. Receivers echo heartbeat bodies as bytes and never re-encode them.
 */
public record Heartbeat(long timestampMillis, Integer heartbeatId) {
}
