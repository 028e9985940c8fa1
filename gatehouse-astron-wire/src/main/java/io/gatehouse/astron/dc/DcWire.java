package io.gatehouse.astron.dc;

import io.netty.buffer.ByteBuf;

/**
 * Walks packed field values on the wire (docs/protocol/astron.md, section 1): how many bytes
 * one value of a type takes. A value cut short is answered as a value ({@link #CUT_SHORT}, or
 * false), never a read past the end; the walk reads with absolute indexes and allocates nothing.
 */
public final class DcWire {

    /** {@link #length} answers this when the bytes end inside the value. */
    public static final int CUT_SHORT = -1;

    private DcWire() {
    }

    /**
     * The bytes one value of the field takes from the reader index on (its parameters in order;
     * a molecular field's parts), or {@link #CUT_SHORT}; the reader index does not move.
     */
    public static int length(DcField field, ByteBuf in) {
        int end = end(field, in, in.readerIndex(), in.writerIndex());
        return end < 0 ? CUT_SHORT : end - in.readerIndex();
    }

    /** Moves the reader index past one value of the field; false, the index unmoved, when the value is cut short. */
    public static boolean skipField(DcField field, ByteBuf in) {
        int n = length(field, in);
        if (n < 0) {
            return false;
        }
        in.skipBytes(n);
        return true;
    }

    private static int end(DcField field, ByteBuf in, int at, int limit) {
        if (field instanceof DcMolecularField m) {
            for (DcField part : m.fields()) {
                at = end(part, in, at, limit);
                if (at < 0) {
                    return CUT_SHORT;
                }
            }
            return at;
        }
        return end(field.type(), in, at, limit);
    }

    /** Where one value of the type that starts at {@code at} ends, or {@link #CUT_SHORT} when that is past {@code limit}. */
    private static int end(DcType type, ByteBuf in, int at, int limit) {
        switch (type.kind()) {
            case METHOD -> {
                for (DcParameter p : ((DcMethodType) type).parameters()) {
                    at = end(p.type(), in, at, limit);
                    if (at < 0) {
                        return CUT_SHORT;
                    }
                }
                return at;
            }
            case STRUCT -> {
                for (DcField f : ((DcStruct) type).declaredFields()) {
                    at = end(f.type(), in, at, limit);
                    if (at < 0) {
                        return CUT_SHORT;
                    }
                }
                return at;
            }
            case STRING, BLOB, ARRAY -> {
                DcArrayType a = (DcArrayType) type;
                if (a.element().hasFixedSize()) {
                    return take(at, a.fixedSize(), limit);
                }
                for (int i = 0; i < a.arraySize() && at >= 0; i++) {
                    at = end(a.element(), in, at, limit);
                }
                return at;
            }
            case VARSTRING, VARBLOB, VARARRAY -> {
                if (limit - at < 2) {
                    return CUT_SHORT;
                }
                int stop = take(at + 2, in.getUnsignedShortLE(at), limit);
                DcArrayType a = (DcArrayType) type;
                if (stop < 0 || a.element().hasFixedSize()) {
                    return stop;
                }
                at += 2;
                while (at < stop) {
                    at = end(a.element(), in, at, stop);
                    if (at < 0) {
                        return CUT_SHORT;
                    }
                }
                return stop;
            }
            default -> {
                return take(at, type.fixedSize(), limit);
            }
        }
    }

    private static int take(int at, int n, int limit) {
        return limit - at < n ? CUT_SHORT : at + n;
    }
}
