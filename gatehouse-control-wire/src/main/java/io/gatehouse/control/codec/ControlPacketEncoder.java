package io.gatehouse.control.codec;

import io.gatehouse.control.message.ControlPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes packets in the layouts of spec 5.2 to 5.4. Never sets the verify bit (5.6). Bodies
 * of at least {@code gzipMinBytes} bytes are sent gzipped, with the gzip bit, when that makes
 * them smaller (5.6 leaves outbound compression to the server); {@link #PLAIN} never
 * compresses. A body must fit the u24 length. Stateless, so one instance serves every channel.
 */
@Sharable
public final class ControlPacketEncoder extends MessageToByteEncoder<ControlPacket> {

    /** Sends every body as it is. */
    public static final ControlPacketEncoder PLAIN = new ControlPacketEncoder(0);

    private final int gzipMinBytes;

    private ControlPacketEncoder(int gzipMinBytes) {
        this.gzipMinBytes = gzipMinBytes;
    }

    /** An encoder that gzips bodies of {@code thresholdBytes} or more; 0 means never. */
    public static ControlPacketEncoder gzipFrom(int thresholdBytes) {
        if (thresholdBytes < 0) {
            throw new IllegalArgumentException("gzip threshold " + thresholdBytes + " (must be 0 for never, or positive)");
        }
        return thresholdBytes == 0 ? PLAIN : new ControlPacketEncoder(thresholdBytes);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ControlPacket packet, ByteBuf out) {
        write(packet, out);
    }

    /** Encodes a packet into a new buffer: for fan-out, where one encoding serves many channels. */
    public ByteBuf encode(ByteBufAllocator alloc, ControlPacket packet) {
        ByteBuf out = alloc.buffer(PacketReader.fixedLength(PacketReader.TYPE_REQUEST) + packet.body().length);
        write(packet, out);
        return out;
    }

    public void write(ControlPacket packet, ByteBuf out) {
        byte[] body = packet.body();
        int gzipBit = 0;
        if (gzipMinBytes > 0 && body.length >= gzipMinBytes) {
            byte[] packed = Gzip.deflate(body);
            if (packed.length < body.length) {
                body = packed;
                gzipBit = PacketReader.GZIP_BIT;
            }
        }
        if (body.length > PacketReader.MAX_WIRE_BODY) {
            throw new IllegalArgumentException("body " + body.length + " bytes (max " + PacketReader.MAX_WIRE_BODY + ")");
        }
        if (packet instanceof ControlPacket.Request r) {
            out.writeByte(PacketReader.TYPE_REQUEST | gzipBit);
            out.writeByte(r.cmd());
            out.writeInt((int) r.requestId());
            out.writeShort(r.timeoutMillis());
        } else if (packet instanceof ControlPacket.Response r) {
            out.writeByte(PacketReader.TYPE_RESPONSE | gzipBit);
            out.writeByte(r.cmd());
            out.writeInt((int) r.requestId());
            out.writeByte(r.status());
        } else {
            out.writeByte(PacketReader.TYPE_PUSH | gzipBit);
            out.writeByte(packet.cmd());
        }
        out.writeMedium(body.length);
        out.writeBytes(body);
    }
}
