package io.gatehouse.astron.dc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A field of a class or struct. Its id is file-wide, assigned in declaration order. An
 * atomic field has a {@link DcMethodType}; a parameter field any other type; a molecular
 * field ({@link DcMolecularField}) groups atomic fields.
 */
public sealed class DcField permits DcMolecularField {

    private final String name;
    private final DcType type;
    private final List<String> keywords = new ArrayList<>();
    private byte[] defaultValue;
    private int id = -1;
    private DcStruct owner;

    DcField(String name, DcType type) {
        this.name = name;
        this.type = type;
    }

    public int id() {
        return id;
    }

    void id(int id) {
        this.id = id;
    }

    public String name() {
        return name;
    }

    /** The field's type; null for a molecular field. */
    public DcType type() {
        return type;
    }

    public DcStruct owner() {
        return owner;
    }

    void owner(DcStruct owner) {
        this.owner = owner;
    }

    /** The keywords in the order written. */
    public List<String> keywords() {
        return Collections.unmodifiableList(keywords);
    }

    public boolean hasKeyword(String keyword) {
        return keywords.contains(keyword);
    }

    void addKeyword(String keyword) {
        keywords.add(keyword);
    }

    /** The packed default value, or null. */
    public byte[] defaultValue() {
        return defaultValue;
    }

    void defaultValue(byte[] value) {
        this.defaultValue = value;
    }

    /**
     * The value astrond gives the field where it has none: its written default, or else its
     * type's zero value (section 4, "Defaults"); a molecular field's parts, one after another.
     */
    public byte[] defaultOrZero() {
        return defaultValue != null ? defaultValue.clone() : DcDefaults.orZero(type);
    }

    public boolean isMolecular() {
        return false;
    }

    public boolean isAtomic() {
        return type instanceof DcMethodType;
    }

    @Override
    public String toString() {
        return (owner == null ? "" : owner.name() + ".") + name + "#" + id;
    }
}
