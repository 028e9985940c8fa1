package io.gatehouse.marauroa.codec;

/** A message whose protocol version byte is outside the accepted range; answered with S2C_INVALIDMESSAGE. */
public final class UnsupportedVersionException extends MarauroaFormatException {

    private final int version;

    public UnsupportedVersionException(int version) {
        super("protocol version " + version + " is not supported");
        this.version = version;
    }

    public int version() {
        return version;
    }
}
