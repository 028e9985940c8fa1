package io.gatehouse.marauroa.codec;

import io.gatehouse.marauroa.codec.MarauroaCodec.Envelope;
import io.gatehouse.marauroa.game.RPClasses;
import io.gatehouse.marauroa.message.MarauroaMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;

/** Whole frames as hex, both ways, with the timestamp the spec's vectors use (0x01020304). */
final class Frames {

    static final int TIMESTAMP = 0x01020304;

    private Frames() {
    }

    static String encode(MarauroaMessage m, int version, int clientId) {
        ByteBuf b = MarauroaCodec.encode(new Envelope(version, clientId, TIMESTAMP, m), ByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.hexDump(b);
        } finally {
            b.release();
        }
    }

    /** Reads a whole frame (its size field included), spaces allowed. */
    static Envelope decode(String frameHex) {
        ByteBuf b = Unpooled.wrappedBuffer(HexFormat.of().parseHex(frameHex.replace(" ", "")));
        b.skipBytes(4);
        return MarauroaCodec.decode(b, new RPClasses());
    }
}
