package io.gatehouse.astron.dc;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * {@code name : a, b, c;} — a field that stands for the atomic fields it lists, in order; its
 * keywords are theirs (they must all have the same ones).
 */
public final class DcMolecularField extends DcField {

    private final List<DcField> fields;

    DcMolecularField(String name, List<DcField> fields) {
        super(name, null);
        this.fields = List.copyOf(fields);
        fields.get(0).keywords().forEach(this::addKeyword);
    }

    public List<DcField> fields() {
        return fields;
    }

    @Override
    public byte[] defaultOrZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (DcField f : fields) {
            out.writeBytes(f.defaultOrZero());
        }
        return out.toByteArray();
    }

    @Override
    public boolean isMolecular() {
        return true;
    }
}
