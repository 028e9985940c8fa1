package io.gatehouse.astron.dc;

import java.util.List;

/** The type of an atomic field: {@code name(params)}. */
public final class DcMethodType extends DcType {

    private final List<DcParameter> parameters;

    DcMethodType(List<DcParameter> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    @Override
    public DcKind kind() {
        return DcKind.METHOD;
    }

    @Override
    public int fixedSize() {
        int size = 0;
        for (DcParameter p : parameters) {
            if (!p.type().hasFixedSize()) {
                return 0;
            }
            size += p.type().fixedSize();
        }
        return size;
    }

    public List<DcParameter> parameters() {
        return parameters;
    }
}
