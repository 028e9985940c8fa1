package io.gatehouse.vcmi.message;

/** One length-prefixed packet of a lobby connection (docs/protocol/vcmi.md section 1). */
public record LobbyPacket(byte[] bytes) implements VcmiInbound {
}
