package io.gatehouse.control.message;

import io.gatehouse.core.session.CloseReason;

/** Bytes that could not be decoded: the decoder stops, and the handler closes with the reason. */
public record DecodeFailure(CloseReason reason, String detail) implements ControlMessage {
}
