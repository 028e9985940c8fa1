package io.gatehouse.astron.dc;

import io.netty.buffer.ByteBuf;

/**
 * Reads past one packed value as {@link DcWire} does, and checks it against its type's
 * constraints on the way: numeric ranges (compared after the divisor, as written), the
 * element count of variable-length strings, blobs and arrays, and 7-bit ASCII in every string
 * (a {@code string} or {@code char} array, fixed or variable; not a blob). {@link #check} gives
 * what is wrong as a value (a value cut short, or the first violation).
 */
public final class DcConstraints {

    private DcConstraints() {
    }

    /**
     * What is wrong with a value: the bytes end inside it ({@code cutShort}), or it lies
     * outside its type's constraints; {@code detail} says which byte count or limit.
     */
    public record Problem(boolean cutShort, String detail) {

        static Problem cutShort(int needed, int left) {
            return new Problem(true, "value needs " + needed + " more bytes, " + left + " left");
        }

        static Problem violation(String detail) {
            return detail == null ? null : new Problem(false, detail);
        }
    }

    /** Moves past one value of the field; the first problem found, or null for a good value. */
    public static Problem check(DcField field, ByteBuf in) {
        if (field instanceof DcMolecularField m) {
            for (DcField part : m.fields()) {
                Problem v = check(part, in);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }
        return skip(field.type(), in);
    }

    private static Problem skip(DcType type, ByteBuf in) {
        switch (type.kind()) {
            case METHOD -> {
                for (DcParameter p : ((DcMethodType) type).parameters()) {
                    Problem v = skip(p.type(), in);
                    if (v != null) {
                        return v;
                    }
                }
                return null;
            }
            case STRUCT -> {
                for (DcField f : ((DcStruct) type).declaredFields()) {
                    Problem v = skip(f.type(), in);
                    if (v != null) {
                        return v;
                    }
                }
                return null;
            }
            case STRING, BLOB, ARRAY -> {
                DcArrayType a = (DcArrayType) type;
                if (type.kind() != DcKind.ARRAY || plainNumbers(a)) {
                    int size = a.fixedSize();
                    if (in.readableBytes() < size) {
                        return Problem.cutShort(size, in.readableBytes());
                    }
                    ByteBuf bytes = in.readSlice(size);
                    return type.kind() == DcKind.STRING ? Problem.violation(ascii(bytes)) : null;
                }
                for (int i = 0; i < a.arraySize(); i++) {
                    Problem v = skip(a.element(), in);
                    if (v != null) {
                        return v;
                    }
                }
                return null;
            }
            case VARSTRING, VARBLOB, VARARRAY -> {
                if (in.readableBytes() < 2) {
                    return Problem.cutShort(2, in.readableBytes());
                }
                int length = in.readUnsignedShortLE();
                if (in.readableBytes() < length) {
                    return Problem.cutShort(length, in.readableBytes());
                }
                DcArrayType a = (DcArrayType) type;
                ByteBuf elements = in.readSlice(length);
                if (type.kind() == DcKind.VARSTRING) {
                    String v = ascii(elements);
                    if (v != null) {
                        return Problem.violation(v);
                    }
                }
                long count = 0;
                if (type.kind() != DcKind.VARARRAY || plainNumbers(a)) {
                    count = length / a.element().fixedSize();
                } else {
                    while (elements.isReadable()) {
                        Problem v = skip(a.element(), elements);
                        if (v != null) {
                            return v;
                        }
                        count++;
                    }
                }
                if (a.hasRange() && (count < a.minSize() || count > a.maxSize())) {
                    return Problem.violation("length " + count + " outside (" + a.minSize() + "-" + a.maxSize() + ")");
                }
                return null;
            }
            default -> {
                return number((DcNumericType) type, in);
            }
        }
    }

    /**
     * Array elements with nothing to check one by one: numbers without a range. Strings and
     * blobs are read whole whatever their element's range, as astrond reads them.
     */
    private static boolean plainNumbers(DcArrayType a) {
        return a.element() instanceof DcNumericType n && !n.hasRange();
    }

    /** A string's bytes (fixed or variable length) must all be below 0x80, as astrond checks; blobs are not checked. */
    private static String ascii(ByteBuf bytes) {
        for (int i = bytes.readerIndex(); i < bytes.writerIndex(); i++) {
            int b = bytes.getUnsignedByte(i);
            if (b >= 0x80) {
                return String.format("string byte 0x%02x is not 7-bit ASCII", b);
            }
        }
        return null;
    }

    private static Problem number(DcNumericType t, ByteBuf in) {
        int size = t.kind().numericSize();
        if (in.readableBytes() < size) {
            return Problem.cutShort(size, in.readableBytes());
        }
        double raw = switch (t.kind()) {
            case INT8 -> in.readByte();
            case INT16 -> in.readShortLE();
            case INT32 -> in.readIntLE();
            case INT64 -> in.readLongLE();
            case UINT8, CHAR -> in.readUnsignedByte();
            case UINT16 -> in.readUnsignedShortLE();
            case UINT32 -> in.readUnsignedIntLE();
            case UINT64 -> unsigned(in.readLongLE());
            case FLOAT32 -> in.readFloatLE();
            default -> in.readDoubleLE();
        };
        if (!t.hasRange()) {
            return null;
        }
        double value = raw / t.divisor();
        if (value < t.range().min() || value > t.range().max()) {
            return Problem.violation("value " + format(value) + " outside (" + format(t.range().min()) + "-" + format(t.range().max()) + ")");
        }
        return null;
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
