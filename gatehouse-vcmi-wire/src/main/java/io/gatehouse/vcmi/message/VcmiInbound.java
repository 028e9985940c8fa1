package io.gatehouse.vcmi.message;

/**
 * What the vcmi decoder hands to the connection handler: lobby packets, the start and the end
 * of a pipe handshake, or why the bytes could not be read. Pipe bytes after the handshake are plain
 * buffers and are not wrapped.
 */
public sealed interface VcmiInbound permits LobbyPacket, PipeOpening, PipeHandshake, VcmiDecodeFailure {
}
