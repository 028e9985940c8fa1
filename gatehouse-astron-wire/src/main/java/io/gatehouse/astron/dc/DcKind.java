package io.gatehouse.astron.dc;

/** What a {@link DcType} is, as Astron's type codes distinguish them. */
public enum DcKind {
    INT8(1), INT16(2), INT32(4), INT64(8),
    UINT8(1), UINT16(2), UINT32(4), UINT64(8),
    CHAR(1), FLOAT32(4), FLOAT64(8),
    /** A fixed-length array of char. */
    STRING(0),
    /** A length-prefixed array of char. */
    VARSTRING(0),
    /** A fixed-length array of uint8. */
    BLOB(0),
    VARBLOB(0),
    ARRAY(0),
    VARARRAY(0),
    STRUCT(0),
    METHOD(0);

    private final int numericSize;

    DcKind(int numericSize) {
        this.numericSize = numericSize;
    }

    /** Bytes of a numeric kind; 0 for the others. */
    public int numericSize() {
        return numericSize;
    }

    public boolean isNumeric() {
        return numericSize > 0;
    }

    public boolean isSigned() {
        return this == INT8 || this == INT16 || this == INT32 || this == INT64;
    }

    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }
}
