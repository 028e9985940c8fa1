package io.gatehouse.astron.dc;

/** A method parameter: its type, its name (may be empty) and its packed default value (null if none). */
public record DcParameter(DcType type, String name, byte[] defaultValue) {
}
