package io.gatehouse.control.codec;

import io.gatehouse.control.message.ControlMessage;
import io.gatehouse.control.message.DecodeFailure;
import io.gatehouse.control.message.Handshake;
import io.gatehouse.core.session.CloseReason;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * The TCP byte stream of spec 3.1: a 2-byte handshake (4.1), then packets back to back
 * (5.5). Emits one {@link Handshake}, then packets; on bad input emits one
 * {@link DecodeFailure} and discards everything after it.
 */
public final class ControlFrameDecoder extends ByteToMessageDecoder {

    private enum State { HANDSHAKE, PACKETS, FAILED }

    private final PacketReader reader;
    private State state;

    /** The server side: a handshake comes first. */
    public ControlFrameDecoder(int maxBodyBytes) {
        this(maxBodyBytes, true);
    }

    /** @param expectHandshake false on the client side, where the stream holds packets only */
    public ControlFrameDecoder(int maxBodyBytes, boolean expectHandshake) {
        this.reader = new PacketReader(maxBodyBytes);
        this.state = expectHandshake ? State.HANDSHAKE : State.PACKETS;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case HANDSHAKE -> readHandshake(in, out);
            case PACKETS -> readPackets(in, out);
            case FAILED -> in.skipBytes(in.readableBytes());
        }
    }

    private void readHandshake(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 2) {
            return;
        }
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        Handshake h = new Handshake(b0 & 0x0F, b0 >>> 4, b1 & 0x0F);
        String problem = h.problem();
        if (problem != null) {
            fail(in, out, new DecodeFailure(CloseReason.BAD_FRAME, "handshake: " + problem));
            return;
        }
        out.add(h);
        state = State.PACKETS;
        readPackets(in, out);
    }

    private void readPackets(ByteBuf in, List<Object> out) {
        ControlMessage m;
        while ((m = reader.tryRead(in)) != null) {
            if (m instanceof DecodeFailure f) {
                fail(in, out, f);
                return;
            }
            out.add(m);
        }
    }

    private void fail(ByteBuf in, List<Object> out, DecodeFailure failure) {
        state = State.FAILED;
        in.skipBytes(in.readableBytes());
        out.add(failure);
    }
}
