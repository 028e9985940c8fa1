package io.gatehouse.marauroa.codec;

/** A message that cannot be read: cut short, a length over its limit, or an unknown type. */
public class MarauroaFormatException extends RuntimeException {

    public MarauroaFormatException(String message) {
        super(message);
    }
}
