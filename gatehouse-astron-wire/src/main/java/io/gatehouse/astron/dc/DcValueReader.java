package io.gatehouse.astron.dc;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads a default value written in a DC file ({@code = 78}, {@code = "text"}, {@code = [1, 2 * 3]},
 * {@code = {1, 2}}, {@code = (1, "a")}) and packs it as the wire form of its type: little-endian
 * numbers, a uint16 length before variable-length strings, blobs and arrays.
 */
final class DcValueReader {

    private final DcParser p;

    DcValueReader(DcParser parser) {
        this.p = parser;
    }

    byte[] read(DcType type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        value(type, out);
        return out.toByteArray();
    }

    private void value(DcType type, ByteArrayOutputStream out) {
        DcToken t = p.peek();
        switch (type.kind()) {
            case STRUCT -> composite(t, "{", "}", fieldTypes((DcStruct) type), out);
            case METHOD -> composite(t, "(", ")", ((DcMethodType) type).parameters().stream().map(DcParameter::type).toList(), out);
            case STRING, VARSTRING, BLOB, VARBLOB, ARRAY, VARARRAY -> array((DcArrayType) type, out);
            default -> number((DcNumericType) type, out);
        }
    }

    private static List<DcType> fieldTypes(DcStruct s) {
        return s.declaredFields().stream().map(DcField::type).toList();
    }

    private void composite(DcToken t, String open, String close, List<DcType> parts, ByteArrayOutputStream out) {
        p.expect(open);
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                p.expect(",");
            }
            value(parts.get(i), out);
        }
        if (!p.peek().is(close)) {
            throw p.error(p.peek(), "expected " + parts.size() + " values in " + open + close + " starting at line " + t.line());
        }
        p.next();
    }

    private void array(DcArrayType type, ByteArrayOutputStream out) {
        DcToken t = p.peek();
        byte[] body;
        int count;
        if (t.kind() == DcToken.Kind.STRING || t.kind() == DcToken.Kind.HEX_STRING) {
            if (type.element().kind() != DcKind.CHAR && type.element().kind() != DcKind.UINT8) {
                throw p.error(t, "cannot use a string value for an array of " + type.element().kind());
            }
            p.next();
            body = t.kind() == DcToken.Kind.STRING ? t.text().getBytes(StandardCharsets.UTF_8) : t.text().getBytes(StandardCharsets.ISO_8859_1);
            count = body.length;
        } else {
            p.expect("[");
            ByteArrayOutputStream elements = new ByteArrayOutputStream();
            count = 0;
            while (!p.peek().is("]")) {
                if (count > 0 || elements.size() > 0) {
                    p.expect(",");
                }
                byte[] one = read(type.element());
                int times = 1;
                if (p.peek().is("*")) {
                    p.next();
                    DcToken n = p.next();
                    if (n.kind() != DcToken.Kind.UNSIGNED_INTEGER || n.integer() > 0xFFFF) {
                        throw p.error(n, "expected a repeat count, found " + n.describe());
                    }
                    times = (int) n.integer();
                }
                for (int i = 0; i < times; i++) {
                    elements.writeBytes(one);
                }
                count += times;
            }
            p.next();
            body = elements.toByteArray();
        }
        if (type.arraySize() > 0 && count != type.arraySize()) {
            throw p.error(t, "value has " + count + " elements, the type needs " + type.arraySize());
        }
        if (type.hasRange() && (count < type.minSize() || count > type.maxSize())) {
            throw p.error(t, "value has " + count + " elements, outside " + type.minSize() + "-" + type.maxSize());
        }
        if (type.arraySize() == 0) {
            if (body.length > 0xFFFF) {
                throw p.error(t, "value of " + body.length + " bytes does not fit a length tag");
            }
            out.write(body.length & 0xFF);
            out.write(body.length >>> 8);
        }
        out.writeBytes(body);
    }

    private void number(DcNumericType type, ByteArrayOutputStream out) {
        DcToken t = p.peek();
        double v = t.kind() == DcToken.Kind.CHAR ? p.charValue() : p.number();
        DcKind k = type.kind();
        ByteBuffer b = ByteBuffer.allocate(k.numericSize()).order(ByteOrder.LITTLE_ENDIAN);
        if (k.isFloat()) {
            if (k == DcKind.FLOAT32) {
                b.putFloat((float) v);
            } else {
                b.putDouble(v);
            }
        } else {
            if (v != Math.rint(v)) {
                throw p.error(t, "a whole number is needed for " + k.name().toLowerCase());
            }
            if (!k.isSigned() && v < 0) {
                throw p.error(t, "can't use a negative value for unsigned type " + k.name().toLowerCase());
            }
            int bits = k.numericSize() * 8;
            if (bits < 64) {
                double lo = k.isSigned() ? -Math.pow(2, bits - 1) : 0;
                double hi = k.isSigned() ? Math.pow(2, bits - 1) - 1 : Math.pow(2, bits) - 1;
                if (v < lo || v > hi) {
                    throw p.error(t, "value " + (long) v + " out of range for " + k.name().toLowerCase());
                }
            }
            long n = v >= 0x1p63 ? (long) (v - 0x1p64) : (long) v;
            for (int i = 0; i < k.numericSize(); i++) {
                b.put((byte) (n >>> (8 * i)));
            }
        }
        out.writeBytes(b.array());
    }
}
