package io.gatehouse.marauroa.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Writes Marauroa's primitives (docs/protocol/marauroa.md, section 2), little-endian. */
public final class WireWriter {

    private final ByteBuf out;

    public WireWriter(ByteBuf out) {
        this.out = out;
    }

    public WireWriter writeByte(int v) {
        out.writeByte(v);
        return this;
    }

    public WireWriter writeShort(int v) {
        out.writeShortLE(v);
        return this;
    }

    public WireWriter writeInt(int v) {
        out.writeIntLE(v);
        return this;
    }

    public WireWriter writeLong(long v) {
        out.writeLongLE(v);
        return this;
    }

    public WireWriter writeFloat(float v) {
        out.writeFloatLE(v);
        return this;
    }

    public WireWriter writeByteArray(byte[] b) {
        out.writeIntLE(b.length).writeBytes(b);
        return this;
    }

    public WireWriter write255ByteArray(byte[] b) {
        if (b.length > 255) {
            throw new IllegalArgumentException("a 255-long array of " + b.length + " bytes");
        }
        out.writeByte(b.length).writeBytes(b);
        return this;
    }

    public WireWriter write65536ByteArray(byte[] b) {
        if (b.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("a 65536-long array of " + b.length + " bytes");
        }
        out.writeShortLE(b.length).writeBytes(b);
        return this;
    }

    public WireWriter writeString(String s) {
        return writeByteArray(s.getBytes(StandardCharsets.UTF_8));
    }

    public WireWriter write255String(String s) {
        return write255ByteArray(s.getBytes(StandardCharsets.UTF_8));
    }

    public WireWriter write65536String(String s) {
        return write65536ByteArray(s.getBytes(StandardCharsets.UTF_8));
    }

    public WireWriter writeStringArray(String[] strings) {
        out.writeIntLE(strings.length);
        for (String s : strings) {
            writeString(s);
        }
        return this;
    }

    public ByteBuf buffer() {
        return out;
    }
}
