package io.gatehouse.astron.dc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dclass Name : Parent, ... { fields };} — a distributed class. Besides its own fields
 * it has its parents' (a field of its own shadows an inherited one of the same name), and
 * {@link #fields()} lists all of them in field-id order, which is the order required fields
 * travel in.
 */
public final class DcClass extends DcStruct {

    private final List<DcClass> parents = new ArrayList<>();
    private DcField constructor;
    private final Map<String, DcField> all = new LinkedHashMap<>();

    DcClass(String name) {
        super(name);
    }

    public List<DcClass> parents() {
        return Collections.unmodifiableList(parents);
    }

    /** The field named as the class, when it was declared first; else null. */
    public DcField constructor() {
        return constructor;
    }

    void addParent(DcClass parent) {
        parents.add(parent);
        for (DcField f : parent.fields()) {
            inherit(f);
        }
    }

    private void inherit(DcField f) {
        if (byName.containsKey(f.name())) {
            return;
        }
        all.putIfAbsent(f.name(), f);
    }

    @Override
    String add(DcField f) {
        if (f.name().equals(name())) {
            if (constructor != null || !declared.isEmpty()) {
                return "the constructor must be the first field in the class";
            }
            if (f.isMolecular()) {
                return "cannot use a molecular field as a constructor";
            }
            constructor = f;
            f.owner(this);
            return null;
        }
        if (byName.containsKey(f.name())) {
            return "a field named '" + f.name() + "' already exists in dclass " + name();
        }
        byName.put(f.name(), f);
        f.owner(this);
        declared.add(f);
        all.put(f.name(), f);
        return null;
    }

    /** Every field of the class, own and inherited, by name. */
    public DcField field(String name) {
        return all.get(name);
    }

    /** True when the field is one of the class's own or inherited fields. */
    public boolean has(DcField f) {
        return all.get(f.name()) == f;
    }

    /** Every field of the class, own and inherited, in id order. */
    public List<DcField> fields() {
        List<DcField> out = new ArrayList<>(all.values());
        out.sort(Comparator.comparingInt(DcField::id));
        return out;
    }

    /** True when this class is {@code other} or inherits from it. */
    public boolean isA(DcClass other) {
        if (this == other) {
            return true;
        }
        for (DcClass p : parents) {
            if (p.isA(other)) {
                return true;
            }
        }
        return false;
    }
}
