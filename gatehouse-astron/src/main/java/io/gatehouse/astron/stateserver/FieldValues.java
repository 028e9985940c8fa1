package io.gatehouse.astron.stateserver;

import io.gatehouse.astron.dc.DcClass;
import io.gatehouse.astron.dc.DcField;
import io.gatehouse.astron.dc.DcMolecularField;
import io.gatehouse.astron.md.Datagram;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The field values one object keeps (docs/protocol/astron.md, section 9.1): its required
 * fields and the ram fields it was given or sent, and how they are written into entries and
 * answers. Other fields pass through the object without being kept.
 */
final class FieldValues {

    private final DcClass dclass;
    private final Map<DcField, byte[]> required;
    /** In field id order. */
    private final Map<DcField, byte[]> ram;

    FieldValues(DcClass dclass, Map<DcField, byte[]> required, Map<DcField, byte[]> ram) {
        this.dclass = dclass;
        this.required = required;
        this.ram = ram;
    }

    boolean hasRam() {
        return !ram.isEmpty();
    }

    /** Keeps a value when the field is required or ram; a molecular field's parts one by one. */
    void save(DcField f, byte[] value, ByteBuf packed) {
        if (f instanceof DcMolecularField m) {
            for (DcField part : m.fields()) {
                keep(part, StateServer.value(part, packed));
            }
        } else {
            keep(f, value);
        }
    }

    private void keep(DcField f, byte[] value) {
        if (f.hasKeyword("required")) {
            required.put(f, value);
        } else if (f.hasKeyword("ram")) {
            ram.put(f, value);
        }
    }

    /** The required values in field id order; {@code clientOnly} keeps those clients may see. */
    void appendRequired(Datagram d, boolean clientOnly, boolean alsoOwner) {
        for (DcField f : dclass.fields()) {
            if (f.hasKeyword("required") && !f.isMolecular() && (!clientOnly || visible(f, alsoOwner))) {
                byte[] v = required.get(f);
                d.bytes(v == null ? new byte[0] : v);
            }
        }
    }

    /** The count, then {@code field_id, value} of each kept ram value (those clients may see, when {@code clientOnly}). */
    void appendOther(Datagram d, boolean clientOnly, boolean alsoOwner) {
        List<DcField> fields = new ArrayList<>();
        for (DcField f : ram.keySet()) {
            if (!clientOnly || visible(f, alsoOwner)) {
                fields.add(f);
            }
        }
        d.u16(fields.size());
        for (DcField f : fields) {
            d.u16(f.id()).bytes(ram.get(f));
        }
    }

    private static boolean visible(DcField f, boolean alsoOwner) {
        return f.hasKeyword("broadcast") || f.hasKeyword("clrecv") || (alsoOwner && f.hasKeyword("ownrecv"));
    }

    /**
     * Appends {@code field_id, value} (just the value inside a molecular field); false for an
     * unknown field, or for an unset one unless {@code succeedIfUnset}.
     */
    boolean get(ByteBuf out, DcField f, boolean succeedIfUnset, boolean subfield) {
        if (f instanceof DcMolecularField m) {
            out.writeShortLE(f.id());
            for (DcField part : m.fields()) {
                if (!get(out, part, succeedIfUnset, true)) {
                    return false;
                }
            }
            return true;
        }
        byte[] v = required.containsKey(f) ? required.get(f) : ram.get(f);
        if (v == null) {
            return succeedIfUnset;
        }
        if (!subfield) {
            out.writeShortLE(f.id());
        }
        out.writeBytes(v);
        return true;
    }
}
