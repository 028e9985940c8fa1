package io.gatehouse.astron.dc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code struct Name { type field; ... };} — and, through {@link DcClass}, a dclass. Classes
 * and structs share one id space: the order in which their declarations end.
 */
public sealed class DcStruct extends DcType permits DcClass {

    private final String name;
    private int id = -1;
    protected final List<DcField> declared = new ArrayList<>();
    protected final Map<String, DcField> byName = new LinkedHashMap<>();

    DcStruct(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public int id() {
        return id;
    }

    void id(int id) {
        this.id = id;
    }

    @Override
    public DcKind kind() {
        return DcKind.STRUCT;
    }

    @Override
    public int fixedSize() {
        int size = 0;
        for (DcField f : declared) {
            if (f.type() == null || !f.type().hasFixedSize()) {
                return 0;
            }
            size += f.type().fixedSize();
        }
        return size;
    }

    /** Fields declared here, in order (for a class: not the inherited ones, not the constructor). */
    public List<DcField> declaredFields() {
        return Collections.unmodifiableList(declared);
    }

    public DcField field(String name) {
        return byName.get(name);
    }

    /** Adds a field; returns a reason it cannot be added, or null. */
    String add(DcField f) {
        if (f.isMolecular()) {
            return "a struct cannot have a molecular field";
        }
        if (f.isAtomic()) {
            return "a method can't be defined in a struct";
        }
        if (!f.name().isEmpty()) {
            if (f.name().equals(name)) {
                return "a constructor can't be defined in a struct";
            }
            if (byName.containsKey(f.name())) {
                return "a field named '" + f.name() + "' already exists in struct " + name;
            }
            byName.put(f.name(), f);
        }
        f.owner(this);
        declared.add(f);
        return null;
    }

    @Override
    public String toString() {
        return name;
    }
}
