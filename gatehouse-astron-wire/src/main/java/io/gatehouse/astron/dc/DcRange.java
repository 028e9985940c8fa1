package io.gatehouse.astron.dc;

/** A range as written in a DC file, {@code (min-max)} or {@code (n)}; numeric ranges keep doubles. */
public record DcRange(double min, double max) {
}
