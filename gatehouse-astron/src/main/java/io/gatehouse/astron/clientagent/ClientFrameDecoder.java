package io.gatehouse.astron.clientagent;

import io.gatehouse.astron.clientagent.ClientRequest.DecodeFailure;
import io.gatehouse.astron.message.EjectCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the client's byte stream into datagrams: a uint16 little-endian length, then that
 * many bytes. A datagram longer than {@code max_datagram_size} is passed on as a
 * {@link DecodeFailure} with 106 in its place; nothing after it is read.
 */
final class ClientFrameDecoder extends ByteToMessageDecoder {

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
                out.add(new DecodeFailure(null, EjectCode.OVERSIZED_DATAGRAM,
                        "Datagram of " + length + " bytes is larger than the limit of " + maxDatagram + "."));
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
