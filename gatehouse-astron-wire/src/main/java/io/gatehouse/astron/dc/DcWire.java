package io.gatehouse.astron.dc;

import io.netty.buffer.ByteBuf;

/**
 * Walks packed field values on the wire (docs/protocol/astron.md, section 1): how many bytes
 * one value of a type takes. A value cut short is a {@link DcWireException}, never a read past
 * the end.
 */
public final class DcWire {

    private DcWire() {
    }

    /** Moves the reader index past one value of the field (its parameters in order; a molecular field's parts). */
    public static void skipField(DcField field, ByteBuf in) {
        if (field instanceof DcMolecularField m) {
            for (DcField part : m.fields()) {
                skipField(part, in);
            }
        } else {
            skip(field.type(), in);
        }
    }

    /** Moves the reader index past one value of the type. */
    public static void skip(DcType type, ByteBuf in) {
        switch (type.kind()) {
            case METHOD -> {
                for (DcParameter p : ((DcMethodType) type).parameters()) {
                    skip(p.type(), in);
                }
            }
            case STRUCT -> {
                for (DcField f : ((DcStruct) type).declaredFields()) {
                    skip(f.type(), in);
                }
            }
            case STRING, BLOB, ARRAY -> {
                DcArrayType a = (DcArrayType) type;
                if (a.element().hasFixedSize()) {
                    take(in, a.fixedSize());
                } else {
                    for (int i = 0; i < a.arraySize(); i++) {
                        skip(a.element(), in);
                    }
                }
            }
            case VARSTRING, VARBLOB, VARARRAY -> {
                need(in, 2);
                int length = in.readUnsignedShortLE();
                DcArrayType a = (DcArrayType) type;
                if (a.element().hasFixedSize()) {
                    take(in, length);
                } else {
                    need(in, length);
                    ByteBuf elements = in.readSlice(length);
                    while (elements.isReadable()) {
                        skip(a.element(), elements);
                    }
                }
            }
            default -> take(in, type.fixedSize());
        }
    }

    private static void take(ByteBuf in, int n) {
        need(in, n);
        in.skipBytes(n);
    }

    private static void need(ByteBuf in, int n) {
        if (in.readableBytes() < n) {
            throw new DcWireException("value needs " + n + " more bytes, " + in.readableBytes() + " left");
        }
    }
}
