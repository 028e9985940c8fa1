package io.gatehouse.astron.dc;

/**
 * An integer, char or float type with its optional divisor ({@code /100}), modulus
 * ({@code %360}) and range ({@code (0-100)}), all as written (unscaled).
 */
public final class DcNumericType extends DcType {

    private final DcKind kind;
    private int divisor = 1;
    private double modulus;
    private DcRange range;

    DcNumericType(DcKind kind) {
        if (!kind.isNumeric()) {
            throw new IllegalArgumentException(kind + " is not numeric");
        }
        this.kind = kind;
    }

    @Override
    public DcKind kind() {
        return kind;
    }

    @Override
    public int fixedSize() {
        return kind.numericSize();
    }

    public int divisor() {
        return divisor;
    }

    void divisor(int divisor) {
        this.divisor = divisor;
    }

    public boolean hasModulus() {
        return modulus != 0.0;
    }

    public double modulus() {
        return modulus;
    }

    void modulus(double modulus) {
        this.modulus = modulus;
    }

    public boolean hasRange() {
        return range != null;
    }

    /** The range as written, before scaling by the divisor; null when there is none. */
    public DcRange range() {
        return range;
    }

    void range(DcRange range) {
        this.range = range;
    }
}
