package io.gatehouse.marauroa.game;

import io.gatehouse.marauroa.codec.MarauroaFormatException;
import io.gatehouse.marauroa.codec.WireReader;
import io.gatehouse.marauroa.codec.WireWriter;

/**
 * One entry of an RPClass (docs/protocol/marauroa.md, section 8): an attribute with its type,
 * a slot with its capacity, an event, a link or a static attribute with its value; its code
 * (the short that stands for its name on the wire, or -1) and its visibility flags.
 */
public record Definition(Kind kind, short code, String name, int capacity, String value, Type type, byte flags) {

    /** What a definition defines; the wire byte is the position. */
    public enum Kind { STATIC, ATTRIBUTE, RPSLOT, RPEVENT, RPLINK }

    /** An attribute's wire type; the wire byte is the position (new ones are only ever added at the end). */
    public enum Type { NOTYPE, VERY_LONG_STRING, LONG_STRING, STRING, FLOAT, INT, SHORT, BYTE, FLAG, MAP, LONG }

    /** Seen by everyone, and stored. */
    public static final byte STANDARD = 0;
    /** Seen only by the object's owner. */
    public static final byte PRIVATE = 1;
    /** Seen by no client. */
    public static final byte HIDDEN = 1 << 1;
    /** Not stored. */
    public static final byte VOLATILE = 1 << 2;

    public boolean isVisible() {
        return (flags & (HIDDEN | PRIVATE)) == 0;
    }

    public boolean isPrivate() {
        return (flags & PRIVATE) != 0;
    }

    public boolean isHidden() {
        return (flags & HIDDEN) != 0;
    }

    public boolean isStorable() {
        return (flags & VOLATILE) == 0;
    }

    /** Whether a value under this definition goes out at that detail level. */
    public boolean serializedAt(DetailLevel level) {
        if (level == DetailLevel.FULL) {
            return isStorable();
        }
        return isVisible() || (level == DetailLevel.PRIVATE && !isHidden());
    }

    /** Writes an attribute's value in its type's form. */
    void writeValue(String v, WireWriter w) {
        switch (type) {
            case VERY_LONG_STRING -> w.writeString(v);
            case LONG_STRING -> w.write65536String(v);
            case STRING -> w.write255String(v);
            case FLOAT -> w.writeFloat(Float.parseFloat(v));
            case LONG -> w.writeLong(Long.parseLong(v));
            case INT -> w.writeInt(Integer.parseInt(v));
            case SHORT -> w.writeShort(Short.parseShort(v));
            case BYTE -> w.writeByte(Byte.parseByte(v));
            case FLAG -> { }
            default -> throw new IllegalStateException("attribute " + name + " of type " + type + " has no wire form");
        }
    }

    String readValue(WireReader r) {
        return switch (type) {
            case VERY_LONG_STRING -> r.readString();
            case LONG_STRING -> r.read65536String();
            case STRING -> r.read255String();
            case FLOAT -> Float.toString(r.readFloat());
            case LONG -> Long.toString(r.readLong());
            case INT -> Integer.toString(r.readInt());
            case SHORT -> Short.toString(r.readShort());
            case BYTE -> Byte.toString(r.readByte());
            case FLAG -> "";
            default -> throw new MarauroaFormatException("attribute " + name + " of type " + type + " has no wire form");
        };
    }

    /** {@code byte kind, short code, string name, int capacity, byte has-value [255-string value], byte type, byte flags}. */
    void write(WireWriter w) {
        w.writeByte(kind.ordinal()).writeShort(code).writeString(name).writeInt(capacity);
        if (value == null) {
            w.writeByte(0);
        } else {
            w.writeByte(1).write255String(value);
        }
        w.writeByte(type.ordinal()).writeByte(flags);
    }

    static Definition read(WireReader r) {
        int kind = r.readByte();
        short code = r.readShort();
        String name = r.readString();
        int capacity = r.readInt();
        String value = r.readByte() == 1 ? r.read255String() : null;
        int type = r.readByte();
        byte flags = r.readByte();
        if (kind < 0 || kind >= Kind.values().length || type < 0 || type >= Type.values().length) {
            throw new MarauroaFormatException("definition " + name + " has kind " + kind + " and type " + type);
        }
        return new Definition(Kind.values()[kind], code, name, capacity, value, Type.values()[type], flags);
    }
}
