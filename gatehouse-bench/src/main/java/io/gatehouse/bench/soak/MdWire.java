package io.gatehouse.bench.soak;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Message Director datagrams the soak's participants write by hand (docs/protocol/astron.md). */
final class MdWire {

    private static final long CONTROL = 1;
    private static final int ADD_CHANNEL = 9000;

    private MdWire() {
    }

    /** CONTROL_ADD_CHANNEL: subscribe this link to {@code channel}. */
    static byte[] addChannel(long channel) {
        return ByteBuffer.allocate(21).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 19).put((byte) 1).putLong(CONTROL)
                .putShort((short) ADD_CHANNEL).putLong(channel).array();
    }

    /** A datagram to one channel: length, one recipient, sender, message type, arguments. */
    static byte[] datagram(long to, long from, int type, byte[] args) {
        ByteBuffer d = ByteBuffer.allocate(2 + 1 + 8 + 8 + 2 + args.length).order(ByteOrder.LITTLE_ENDIAN);
        return d.putShort((short) (d.capacity() - 2)).put((byte) 1).putLong(to).putLong(from).putShort((short) type).put(args).array();
    }
}
