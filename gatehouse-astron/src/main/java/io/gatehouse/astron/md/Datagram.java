package io.gatehouse.astron.md;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Collection;

/**
 * Builds an internal datagram (docs/protocol/astron.md, section 1): recipients, sender,
 * message type, then little-endian arguments.
 */
public final class Datagram {

    private final ByteBuf buf = Unpooled.buffer(64);

    private Datagram(long[] recipients, long sender, int type) {
        buf.writeByte(recipients.length);
        for (long r : recipients) {
            buf.writeLongLE(r);
        }
        buf.writeLongLE(sender).writeShortLE(type);
    }

    public static Datagram to(long recipient, long sender, int type) {
        return new Datagram(new long[] {recipient}, sender, type);
    }

    /** To several channels, in ascending order (Astron's order is that of a hash set, unspecified). */
    public static Datagram to(Collection<Long> recipients, long sender, int type) {
        return new Datagram(recipients.stream().mapToLong(Long::longValue).sorted().toArray(), sender, type);
    }

    public Datagram u8(int v) {
        buf.writeByte(v);
        return this;
    }

    public Datagram u16(int v) {
        buf.writeShortLE(v);
        return this;
    }

    public Datagram u32(long v) {
        buf.writeIntLE((int) v);
        return this;
    }

    public Datagram u64(long v) {
        buf.writeLongLE(v);
        return this;
    }

    public Datagram bytes(byte[] b) {
        buf.writeBytes(b);
        return this;
    }

    /** Whether what was written so far fits one datagram (its uint16 length tag); ask before {@link #build()}. */
    public boolean fits() {
        return buf.readableBytes() <= DatagramOverflowException.MAX_BYTES;
    }

    /** The bytes written so far, recipients, sender and type included. */
    public int length() {
        return buf.readableBytes();
    }

    /** Lets go of a datagram that will not be routed (one that does not {@link #fits()}, or is not needed). */
    public void discard() {
        buf.release();
    }

    /**
     * The datagram. Callers ask {@link #fits()} first; one that did not gets a
     * {@link DatagramOverflowException} (and nothing held) past what the length tag can say.
     */
    public ByteBuf build() {
        int length = buf.readableBytes();
        if (length > DatagramOverflowException.MAX_BYTES) {
            buf.release();
            throw new DatagramOverflowException("datagram", length);
        }
        return buf;
    }

    /** Whether {@code d} holds its recipients, sender and message type: what a participant reads before the arguments. */
    public static boolean hasHeader(ByteBuf d) {
        return d.isReadable() && d.readableBytes() >= 1 + 8 * d.getUnsignedByte(d.readerIndex()) + 10;
    }

    /** The most argument bytes a datagram to {@code recipients} channels can carry. */
    public static int argumentRoom(int recipients) {
        return DatagramOverflowException.MAX_BYTES - (1 + 8 * recipients + 10);
    }

    /** Where the sender field starts: after the recipient count and recipients. */
    public static int senderOffset(ByteBuf d) {
        return d.readerIndex() + 1 + 8 * d.getUnsignedByte(d.readerIndex());
    }
}
