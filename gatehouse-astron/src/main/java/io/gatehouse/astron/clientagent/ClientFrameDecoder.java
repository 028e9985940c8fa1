package io.gatehouse.astron.clientagent;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the client's byte stream into datagrams: a uint16 little-endian length, then that
 * many bytes. A datagram longer than {@code max_datagram_size} ejects the client with 106
 * (see {@link TooLarge}); nothing after it is read.
 */
final class ClientFrameDecoder extends ByteToMessageDecoder {

    /** A datagram over the limit, passed on in place of the datagram. */
    record TooLarge(int length, int limit) {
    }

    private final int maxDatagram;
    private boolean failed;

    ClientFrameDecoder(int maxDatagram) {
        this.maxDatagram = maxDatagram;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= 2) {
            int length = in.getUnsignedShortLE(in.readerIndex());
            if (length > maxDatagram) {
                failed = true;
                in.skipBytes(in.readableBytes());
                out.add(new TooLarge(length, maxDatagram));
                return;
            }
            if (in.readableBytes() < 2 + length) {
                return;
            }
            in.skipBytes(2);
            out.add(in.readRetainedSlice(length));
        }
    }
}
