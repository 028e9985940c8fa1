package io.gatehouse.astron.md;

/**
 * A datagram, or a length-tagged part of one, longer than its uint16 length tag can say
 * (docs/protocol/astron.md, section 1). Encoders throw it instead of writing a wrapped length;
 * the caller answers as the protocol says (the Client Agent ejects its client with 106).
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
