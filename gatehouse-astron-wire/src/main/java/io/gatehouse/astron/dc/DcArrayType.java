package io.gatehouse.astron.dc;

/**
 * An array of an element type: {@code T[]}, {@code T[n]}, {@code T[min-max]}, and the
 * built-in {@code string} (array of char) and {@code blob} (array of uint8) with their
 * optional size range. Fixed size when the element is and the size is one number.
 */
public final class DcArrayType extends DcType {

    private final DcType element;
    /** Size range as written, null when none; a single size n is (n, n). */
    private final long[] range;
    private final DcKind kind;
    private final int arraySize;

    DcArrayType(DcType element, long[] range) {
        this.element = element;
        this.range = range;
        this.arraySize = range != null && range[0] == range[1] ? (int) range[0] : 0;
        boolean fixed = element.hasFixedSize() && arraySize > 0;
        DcKind k = fixed ? DcKind.ARRAY : DcKind.VARARRAY;
        if (element.kind() == DcKind.CHAR) {
            k = fixed ? DcKind.STRING : DcKind.VARSTRING;
        } else if (element.kind() == DcKind.UINT8) {
            k = fixed ? DcKind.BLOB : DcKind.VARBLOB;
        }
        this.kind = k;
    }

    @Override
    public DcKind kind() {
        return kind;
    }

    @Override
    public int fixedSize() {
        return kind == DcKind.ARRAY || kind == DcKind.STRING || kind == DcKind.BLOB ? arraySize * element.fixedSize() : 0;
    }

    public DcType element() {
        return element;
    }

    public boolean hasRange() {
        return range != null;
    }

    public long minSize() {
        return range == null ? 0 : range[0];
    }

    public long maxSize() {
        return range == null ? -1 : range[1];
    }

    /** The element count of a fixed-size array, else 0. */
    public int arraySize() {
        return arraySize;
    }
}
