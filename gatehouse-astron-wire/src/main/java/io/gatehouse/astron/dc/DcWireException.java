package io.gatehouse.astron.dc;

/** A packed value that ends before its type says it does. */
public final class DcWireException extends RuntimeException {

    public DcWireException(String message) {
        super(message);
    }
}
