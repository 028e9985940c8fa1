package io.gatehouse.astron.dc;

/**
 * A type in a DC file. The alias is the name a typedef gave the type object, or
 * {@code string}/{@code blob} for the built-in sized types; it is mutable because a typedef
 * renames the very object it names (Astron's legacy hash depends on that).
 */
public abstract sealed class DcType permits DcNumericType, DcArrayType, DcMethodType, DcStruct {

    private String alias;

    public abstract DcKind kind();

    /** Bytes of a value of this type when that is fixed, else 0. */
    public abstract int fixedSize();

    public boolean hasFixedSize() {
        return fixedSize() > 0;
    }

    public String alias() {
        return alias;
    }

    void alias(String alias) {
        this.alias = alias;
    }
}
