package io.gatehouse.control.message;

/**
 * What the control decoders hand to the connection handler: the handshake, a packet, or
 * the reason the bytes could not be decoded.
 */
public sealed interface ControlMessage permits Handshake, DecodeFailure, ControlPacket {
}
