package io.gatehouse.vcmi.message;

/**
 * The connection's first packet holds {@code Aiya!}: it is a pipe from now on (section 2),
 * and counts as playing before its handshake is complete, as in the original.
 */
public record PipeOpening() implements VcmiInbound {
}
