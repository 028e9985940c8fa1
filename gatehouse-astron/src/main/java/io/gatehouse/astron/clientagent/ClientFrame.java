package io.gatehouse.astron.clientagent;

import io.gatehouse.astron.md.DatagramOverflowException;
import io.gatehouse.astron.message.ClientMessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * Builds one datagram to a client: the uint16 length tag (filled in by {@link #build()}),
 * the message type, then little-endian arguments.
 */
final class ClientFrame {

    private final ByteBuf buf;

    private ClientFrame(ByteBufAllocator alloc, ClientMessageType type) {
        buf = alloc.buffer(32).writeShortLE(0).writeShortLE(type.id());
    }

    static ClientFrame of(ByteBufAllocator alloc, ClientMessageType type) {
        return new ClientFrame(alloc, type);
    }

    ClientFrame u16(int v) {
        buf.writeShortLE(v);
        return this;
    }

    ClientFrame u32(long v) {
        buf.writeIntLE((int) v);
        return this;
    }

    /** A string with its uint16 length; one too long for the tag makes the whole frame too long, so that it {@link #fits()} no more. */
    ClientFrame string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        buf.writeShortLE(b.length).writeBytes(b);
        return this;
    }

    /** The readable bytes of {@code rest}, which is left as it was. */
    ClientFrame bytes(ByteBuf rest) {
        buf.writeBytes(rest, rest.readerIndex(), rest.readableBytes());
        return this;
    }

    /** Whether the frame so far fits one client datagram (its uint16 length tag); ask before {@link #build()}. */
    boolean fits() {
        return length() <= DatagramOverflowException.MAX_BYTES;
    }

    /** The datagram's bytes so far, its type included, its length tag not. */
    int length() {
        return buf.readableBytes() - 2;
    }

    /** Lets go of a frame that will not be sent. */
    void discard() {
        buf.release();
    }

    /**
     * The frame with its length tag. Callers ask {@link #fits()} first; one that did not gets a
     * {@link DatagramOverflowException} (and nothing held) when it would not fit.
     */
    ByteBuf build() {
        int length = buf.readableBytes() - 2;
        if (length > DatagramOverflowException.MAX_BYTES) {
            buf.release();
            throw new DatagramOverflowException("client datagram", length);
        }
        return buf.setShortLE(0, length);
    }

    /** A raw datagram (no length tag) from CLIENTAGENT_SEND_DATAGRAM, framed as is. */
    static ByteBuf raw(ByteBufAllocator alloc, ByteBuf datagram) {
        int length = DatagramOverflowException.requireFits("client datagram", datagram.readableBytes());
        return alloc.buffer(2 + length).writeShortLE(length)
                .writeBytes(datagram, datagram.readerIndex(), datagram.readableBytes());
    }
}
