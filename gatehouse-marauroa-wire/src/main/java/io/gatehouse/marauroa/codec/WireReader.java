package io.gatehouse.marauroa.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads Marauroa's primitives (docs/protocol/marauroa.md, section 2), little-endian, from a
 * message body. Anything cut short, or an array longer than Marauroa's limit, is a
 * {@link MarauroaFormatException}; nothing reads past the message.
 */
public final class WireReader {

    /** The most bytes (and the most elements) one length-prefixed array may declare. */
    public static final int MAX_ARRAY = 256 * 1024;

    private final ByteBuf in;

    public WireReader(ByteBuf in) {
        this.in = in;
    }

    public boolean hasMore() {
        return in.isReadable();
    }

    public int available() {
        return in.readableBytes();
    }

    public byte readByte() {
        need(1);
        return in.readByte();
    }

    public short readShort() {
        need(2);
        return in.readShortLE();
    }

    public int readInt() {
        need(4);
        return in.readIntLE();
    }

    public long readLong() {
        need(8);
        return in.readLongLE();
    }

    public float readFloat() {
        need(4);
        return in.readFloatLE();
    }

    /** {@code int32 length}, then the bytes. */
    public byte[] readByteArray() {
        int size = readInt();
        if (size < 0 || size > MAX_ARRAY) {
            throw new MarauroaFormatException("an array of " + size + " bytes (the limit is " + MAX_ARRAY + ")");
        }
        return bytes(size);
    }

    /** {@code uint8 length}, then the bytes. */
    public byte[] read255ByteArray() {
        return bytes(readByte() & 0xFF);
    }

    /** {@code int16 length} (0 to 32767), then the bytes. */
    public byte[] read65536ByteArray() {
        int size = readShort();
        if (size < 0) {
            throw new MarauroaFormatException("an array of " + size + " bytes");
        }
        return bytes(size);
    }

    public String readString() {
        return new String(readByteArray(), StandardCharsets.UTF_8);
    }

    public String read255String() {
        return new String(read255ByteArray(), StandardCharsets.UTF_8);
    }

    public String read65536String() {
        return new String(read65536ByteArray(), StandardCharsets.UTF_8);
    }

    /** {@code int32 count}, then that many strings. */
    public String[] readStringArray() {
        int count = readInt();
        if (count < 0 || count > MAX_ARRAY) {
            throw new MarauroaFormatException("an array of " + count + " strings (the limit is " + MAX_ARRAY + ")");
        }
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            out[i] = readString();
        }
        return out;
    }

    private byte[] bytes(int size) {
        need(size);
        byte[] b = new byte[size];
        in.readBytes(b);
        return b;
    }

    private void need(int n) {
        if (in.readableBytes() < n) {
            throw new MarauroaFormatException("the message ends " + (n - in.readableBytes()) + " bytes short");
        }
    }
}
