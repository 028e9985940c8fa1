package io.gatehouse.vcmi.message;

/** Bytes that cannot be read; the connection is closed after it. */
public record VcmiDecodeFailure(String detail) implements VcmiInbound {
}
