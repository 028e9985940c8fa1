package io.gatehouse.astron.md;

/**
 * A datagram, or a length-tagged part of one, longer than its uint16 length tag can say
 * (docs/protocol/astron.md, section 1). Encoders throw it instead of writing a wrapped length.
 * The server's roles never let it happen: they ask a builder whether it fits (or check a size up
 * front) and answer as the protocol says (the Client Agent ejects its client with 106); it is
 * what a caller that did not ask gets, and what the client library's encoders refuse with.
 */
public final class DatagramOverflowException extends RuntimeException {

    /** The most bytes a uint16 length tag can count. */
    public static final int MAX_BYTES = 0xFFFF;

    public DatagramOverflowException(String what, int length) {
        super(what + " " + length + " bytes (max " + MAX_BYTES + ")");
    }

    /** {@code length}, when a uint16 length tag can carry it. */
    public static int requireFits(String what, int length) {
        if (length > MAX_BYTES) {
            throw new DatagramOverflowException(what, length);
        }
        return length;
    }
}
