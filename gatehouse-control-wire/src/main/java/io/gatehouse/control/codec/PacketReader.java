package io.gatehouse.control.codec;

import io.gatehouse.control.message.ControlMessage;
import io.gatehouse.control.message.ControlPacket;
import io.gatehouse.control.message.DecodeFailure;
import io.gatehouse.core.session.CloseReason;
import io.netty.buffer.ByteBuf;

/**
 * Cuts one packet (spec 5.1 to 5.6) off the front of a buffer. Pure: no I/O, no state
 * between calls. The announced body size is checked against the limit before a byte of the
 * body is copied, so a hostile length costs nothing.
 */
public final class PacketReader {

    public static final int TYPE_MASK = 0x0F;
    public static final int VERIFY_BIT = 0x10;
    public static final int GZIP_BIT = 0x20;
    public static final int TYPE_REQUEST = 1;
    public static final int TYPE_RESPONSE = 2;
    public static final int TYPE_PUSH = 3;
    /** Nonce (8) and signature (16) that follow the body when the verify bit is set. */
    public static final int VERIFY_TRAILER = 24;
    /** The largest body a u24 length can announce. */
    public static final int MAX_WIRE_BODY = 0xFF_FFFF;
    public static final int DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final int maxBodyBytes;

    /** @param maxBodyBytes the largest body accepted, before and after gunzip */
    public PacketReader(int maxBodyBytes) {
        if (maxBodyBytes <= 0 || maxBodyBytes > MAX_WIRE_BODY) {
            throw new IllegalArgumentException("maxBodyBytes " + maxBodyBytes + " (expected 1 to " + MAX_WIRE_BODY + ")");
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The length of the fixed part for a packet type, or -1 for an invalid type. */
    public static int fixedLength(int type) {
        return switch (type) {
            case TYPE_REQUEST -> 11;
            case TYPE_RESPONSE -> 10;
            case TYPE_PUSH -> 5;
            default -> -1;
        };
    }

    /**
     * Returns the next packet, or a {@link DecodeFailure}, consuming its bytes; or null,
     * consuming nothing, when the buffer does not hold a whole packet yet.
     */
    public ControlMessage tryRead(ByteBuf in) {
        if (!in.isReadable()) {
            return null;
        }
        int start = in.readerIndex();
        int header = in.getUnsignedByte(start);
        int type = header & TYPE_MASK;
        int fixed = fixedLength(type);
        if (fixed < 0) {
            return new DecodeFailure(CloseReason.BAD_FRAME, "packet type " + type + " (expected 1, 2 or 3)");
        }
        if (in.readableBytes() < fixed) {
            return null;
        }
        int bodyLength = in.getUnsignedMedium(start + fixed - 3);
        if (bodyLength > maxBodyBytes) {
            return new DecodeFailure(CloseReason.OVERSIZED, "body " + bodyLength + " bytes (max " + maxBodyBytes + ")");
        }
        boolean verify = (header & VERIFY_BIT) != 0;
        int total = fixed + bodyLength + (verify ? VERIFY_TRAILER : 0);
        if (in.readableBytes() < total) {
            return null;
        }
        int cmd = in.getUnsignedByte(start + 1);
        byte[] body = new byte[bodyLength];
        in.getBytes(start + fixed, body);
        long id = type == TYPE_PUSH ? 0 : in.getUnsignedInt(start + 2);
        int sixth = type == TYPE_REQUEST ? in.getUnsignedShort(start + 6) : type == TYPE_RESPONSE ? in.getUnsignedByte(start + 6) : 0;
        in.skipBytes(total);
        if ((header & GZIP_BIT) != 0) {
            body = Gzip.inflate(body, maxBodyBytes);
            if (body == null) {
                return new DecodeFailure(CloseReason.BAD_FRAME, "gzip body does not inflate within " + maxBodyBytes + " bytes");
            }
        }
        return switch (type) {
            case TYPE_REQUEST -> new ControlPacket.Request(cmd, id, sixth, body);
            case TYPE_RESPONSE -> new ControlPacket.Response(cmd, id, sixth, body);
            default -> new ControlPacket.Push(cmd, body);
        };
    }
}
