package io.gatehouse.vcmi.message;

/**
 * A completed pipe handshake (section 4): the role word found in parentheses, the uuid, and
 * every handshake byte as received (packets re-framed with their length, then the raw byte),
 * to be passed on to the peer.
 */
public record PipeHandshake(String role, String uuid, byte[] handshakeBytes) implements VcmiInbound {
}
