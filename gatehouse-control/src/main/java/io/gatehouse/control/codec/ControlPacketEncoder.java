package io.gatehouse.control.codec;

import io.gatehouse.control.message.ControlPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes packets in the layouts of spec 5.2 to 5.4. Never sets the verify bit (5.6) and
 * sends bodies uncompressed; a body must fit the u24 length. Stateless, so one instance
 * serves every channel.
 */
@Sharable
public final class ControlPacketEncoder extends MessageToByteEncoder<ControlPacket> {

    public static final ControlPacketEncoder INSTANCE = new ControlPacketEncoder();

    private ControlPacketEncoder() {
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ControlPacket packet, ByteBuf out) {
        write(packet, out);
    }

    /** Encodes a packet into a new buffer: for fan-out, where one encoding serves many channels. */
    public static ByteBuf encode(ByteBufAllocator alloc, ControlPacket packet) {
        ByteBuf out = alloc.buffer(PacketReader.fixedLength(PacketReader.TYPE_REQUEST) + packet.body().length);
        write(packet, out);
        return out;
    }

    public static void write(ControlPacket packet, ByteBuf out) {
        byte[] body = packet.body();
        if (body.length > PacketReader.MAX_WIRE_BODY) {
            throw new IllegalArgumentException("body " + body.length + " bytes (max " + PacketReader.MAX_WIRE_BODY + ")");
        }
        if (packet instanceof ControlPacket.Request r) {
            out.writeByte(PacketReader.TYPE_REQUEST);
            out.writeByte(r.cmd());
            out.writeInt((int) r.requestId());
            out.writeShort(r.timeoutMillis());
        } else if (packet instanceof ControlPacket.Response r) {
            out.writeByte(PacketReader.TYPE_RESPONSE);
            out.writeByte(r.cmd());
            out.writeInt((int) r.requestId());
            out.writeByte(r.status());
        } else {
            out.writeByte(PacketReader.TYPE_PUSH);
            out.writeByte(packet.cmd());
        }
        out.writeMedium(body.length);
        out.writeBytes(body);
    }
}
