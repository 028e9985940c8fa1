package io.gatehouse.astron.dc;

import java.io.ByteArrayOutputStream;

/**
 * The default value a field takes when none is written on the field itself
 * (docs/protocol/astron.md, section 4, "Defaults"): the parts of its type, one after another,
 * each with the default written on it (a parameter's {@code = v}, a struct member's) or the
 * type's own zero value. A field has such a default only when at least one part had one
 * written, as astrond has it; otherwise it has none.
 */
final class DcDefaults {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private boolean written;

    private DcDefaults() {
    }

    /** The packed default of a field of this type, or null when no part of it has one written. */
    static byte[] of(DcType type) {
        DcDefaults d = new DcDefaults();
        d.add(type);
        return d.written ? d.out.toByteArray() : null;
    }

    /** The packed default of a field of this type, its type's zero value where no part has one written. */
    static byte[] orZero(DcType type) {
        DcDefaults d = new DcDefaults();
        d.add(type);
        return d.out.toByteArray();
    }

    private void add(DcType type) {
        switch (type.kind()) {
            case METHOD -> {
                for (DcParameter p : ((DcMethodType) type).parameters()) {
                    part(p.defaultValue(), p.type());
                }
            }
            case STRUCT -> {
                for (DcField f : ((DcStruct) type).declaredFields()) {
                    if (!f.isMolecular()) {
                        part(f.defaultValue(), f.type());
                    }
                }
            }
            case ARRAY, STRING, BLOB -> out.writeBytes(new byte[type.fixedSize()]);
            case VARARRAY, VARSTRING, VARBLOB -> {
                // astrond: the length tag is the least size allowed, then that many zero bytes
                int min = (int) ((DcArrayType) type).minSize();
                out.write(min & 0xFF);
                out.write(min >>> 8 & 0xFF);
                out.writeBytes(new byte[min]);
            }
            default -> out.writeBytes(new byte[type.kind().numericSize()]);
        }
    }

    private void part(byte[] written, DcType type) {
        if (written != null) {
            this.written = true;
            out.writeBytes(written);
        } else {
            add(type);
        }
    }
}
