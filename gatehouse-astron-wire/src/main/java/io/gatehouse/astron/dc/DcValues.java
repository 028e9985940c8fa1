package io.gatehouse.astron.dc;

import io.gatehouse.astron.md.DatagramOverflowException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs and unpacks field values as Java objects: numbers as {@link Long} (or {@link Double}
 * for floats and types with a divisor, given in the divided unit), strings as {@link String},
 * blobs as {@code byte[]}, arrays and structs as {@link List}. A field's value is the list of
 * its parameters (a molecular field: of its parts' parameters, in order). A string, blob or
 * array too long for its uint16 length tag is refused with {@link DatagramOverflowException}.
 */
public final class DcValues {

    private DcValues() {
    }

    /** The packed bytes of the field's value, from one object per parameter. */
    public static byte[] pack(DcField field, List<?> values) {
        ByteBuf out = Unpooled.buffer();
        List<DcType> types = parameterTypes(field);
        if (types.size() != values.size()) {
            throw new IllegalArgumentException(field.name() + " takes " + types.size() + " values, not " + values.size());
        }
        for (int i = 0; i < types.size(); i++) {
            write(types.get(i), values.get(i), out);
        }
        return ByteBufUtil.getBytes(out);
    }

    /** Reads one value of the field: one object per parameter. */
    public static List<Object> unpack(DcField field, ByteBuf in) {
        List<Object> out = new ArrayList<>();
        for (DcType t : parameterTypes(field)) {
            out.add(read(t, in));
        }
        return out;
    }

    /** The types, in order, that make up one value of the field. */
    static List<DcType> parameterTypes(DcField field) {
        List<DcType> out = new ArrayList<>();
        if (field instanceof DcMolecularField m) {
            for (DcField part : m.fields()) {
                out.addAll(parameterTypes(part));
            }
        } else if (field.type() instanceof DcMethodType method) {
            method.parameters().forEach(p -> out.add(p.type()));
        } else {
            out.add(field.type());
        }
        return out;
    }

    private static void write(DcType type, Object v, ByteBuf out) {
        switch (type.kind()) {
            case STRING, VARSTRING -> bytes(type, ((String) v).getBytes(StandardCharsets.UTF_8), out);
            case BLOB, VARBLOB -> bytes(type, (byte[]) v, out);
            case ARRAY, VARARRAY -> {
                DcArrayType a = (DcArrayType) type;
                ByteBuf elements = Unpooled.buffer();
                for (Object e : (List<?>) v) {
                    write(a.element(), e, elements);
                }
                if (type.kind() == DcKind.VARARRAY) {
                    out.writeShortLE(DatagramOverflowException.requireFits("array", elements.readableBytes()));
                }
                out.writeBytes(elements);
            }
            case STRUCT -> {
                List<?> parts = (List<?>) v;
                List<DcField> fields = ((DcStruct) type).declaredFields();
                for (int i = 0; i < fields.size(); i++) {
                    write(fields.get(i).type(), parts.get(i), out);
                }
            }
            case METHOD -> {
                List<?> parts = (List<?>) v;
                List<DcParameter> params = ((DcMethodType) type).parameters();
                for (int i = 0; i < params.size(); i++) {
                    write(params.get(i).type(), parts.get(i), out);
                }
            }
            default -> number((DcNumericType) type, (Number) v, out);
        }
    }

    private static void bytes(DcType type, byte[] b, ByteBuf out) {
        if (type.kind() == DcKind.VARSTRING || type.kind() == DcKind.VARBLOB) {
            out.writeShortLE(DatagramOverflowException.requireFits(type.kind() == DcKind.VARSTRING ? "string" : "blob", b.length));
        } else if (b.length != ((DcArrayType) type).arraySize()) {
            throw new IllegalArgumentException("a fixed " + type.kind() + " takes " + ((DcArrayType) type).arraySize() + " bytes, not " + b.length);
        }
        out.writeBytes(b);
    }

    private static void number(DcNumericType t, Number v, ByteBuf out) {
        long raw = t.divisor() == 1 && !t.kind().isFloat() ? v.longValue() : Math.round(v.doubleValue() * t.divisor());
        switch (t.kind()) {
            case INT8, UINT8, CHAR -> out.writeByte((int) raw);
            case INT16, UINT16 -> out.writeShortLE((int) raw);
            case INT32, UINT32 -> out.writeIntLE((int) raw);
            case INT64, UINT64 -> out.writeLongLE(raw);
            case FLOAT32 -> out.writeFloatLE((float) (v.doubleValue() * t.divisor()));
            default -> out.writeDoubleLE(v.doubleValue() * t.divisor());
        }
    }

    private static Object read(DcType type, ByteBuf in) {
        switch (type.kind()) {
            case STRING, VARSTRING -> {
                int n = type.kind() == DcKind.VARSTRING ? in.readUnsignedShortLE() : ((DcArrayType) type).arraySize();
                return in.readCharSequence(n, StandardCharsets.UTF_8).toString();
            }
            case BLOB, VARBLOB -> {
                int n = type.kind() == DcKind.VARBLOB ? in.readUnsignedShortLE() : ((DcArrayType) type).arraySize();
                byte[] b = new byte[n];
                in.readBytes(b);
                return b;
            }
            case ARRAY -> {
                DcArrayType a = (DcArrayType) type;
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < a.arraySize(); i++) {
                    out.add(read(a.element(), in));
                }
                return out;
            }
            case VARARRAY -> {
                ByteBuf elements = in.readSlice(in.readUnsignedShortLE());
                List<Object> out = new ArrayList<>();
                while (elements.isReadable()) {
                    out.add(read(((DcArrayType) type).element(), elements));
                }
                return out;
            }
            case STRUCT -> {
                List<Object> out = new ArrayList<>();
                for (DcField f : ((DcStruct) type).declaredFields()) {
                    out.add(read(f.type(), in));
                }
                return out;
            }
            case METHOD -> {
                List<Object> out = new ArrayList<>();
                for (DcParameter p : ((DcMethodType) type).parameters()) {
                    out.add(read(p.type(), in));
                }
                return out;
            }
            default -> {
                return number((DcNumericType) type, in);
            }
        }
    }

    private static Object number(DcNumericType t, ByteBuf in) {
        if (t.kind() == DcKind.FLOAT32) {
            return in.readFloatLE() / (double) t.divisor();
        }
        if (t.kind() == DcKind.FLOAT64) {
            return in.readDoubleLE() / t.divisor();
        }
        long raw = switch (t.kind()) {
            case INT8 -> in.readByte();
            case UINT8, CHAR -> in.readUnsignedByte();
            case INT16 -> in.readShortLE();
            case UINT16 -> in.readUnsignedShortLE();
            case INT32 -> in.readIntLE();
            case UINT32 -> in.readUnsignedIntLE();
            default -> in.readLongLE();
        };
        return t.divisor() == 1 ? (Object) raw : (Object) (raw / (double) t.divisor());
    }
}
