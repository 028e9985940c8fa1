package io.gatehouse.bench.control;

import io.gatehouse.control.codec.ControlBodies;
import io.gatehouse.control.codec.ControlPacketEncoder;
import io.gatehouse.control.message.AuthRequest;
import io.gatehouse.control.message.ControlPacket;
import io.gatehouse.control.message.Heartbeat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Map;

/** Raw control-protocol bytes the load clients send, built with the project's own encoder. */
final class ControlWire {

    static final byte[] HANDSHAKE = {0x11, 0x09};

    private ControlWire() {
    }

    static byte[] packet(ControlPacket p) {
        ByteBuf b = Unpooled.buffer();
        ControlPacketEncoder.PLAIN.write(p, b);
        return ByteBufUtil.getBytes(b);
    }

    /** Handshake and an auth request with the token. */
    static byte[] authPrelude(String token) {
        byte[] auth = packet(new ControlPacket.Request(2, 1, 5000, ControlBodies.encode(new AuthRequest(token, Map.of()))));
        byte[] out = new byte[HANDSHAKE.length + auth.length];
        System.arraycopy(HANDSHAKE, 0, out, 0, 2);
        System.arraycopy(auth, 0, out, 2, auth.length);
        return out;
    }

    /** The size of the response packet at the head of {@code b}, or -1 until its header is in. */
    static int responseSize(ByteBuf b) {
        if (b.readableBytes() < 10) {
            return -1;
        }
        if (b.getByte(b.readerIndex() + 6) != 0) {
            throw new IllegalStateException("auth refused with status " + b.getByte(b.readerIndex() + 6));
        }
        return 10 + b.getUnsignedMedium(b.readerIndex() + 7);
    }

    /** A heartbeat request with a 7-byte Heartbeat body: 18 bytes; its echo is 17. */
    static byte[] heartbeat() {
        return packet(new ControlPacket.Request(1, 2, 0, ControlBodies.encode(new Heartbeat(1_700_000_000_000L, null))));
    }
}
