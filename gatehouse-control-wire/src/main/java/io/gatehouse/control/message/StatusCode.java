package io.gatehouse.control.message;

/** Response status of spec section 6. */
public enum StatusCode {
    SUCCESS(0),
    SERVER_TIMEOUT(1),
    CLIENT_TIMEOUT(2),
    BAD_REQUEST(3),
    BAD_RESPONSE(4),
    UNAUTHENTICATED(5),
    PERMISSION_DENIED(6),
    SERVER_INTERNAL_ERROR(7),
    CLIENT_INTERNAL_ERROR(8);

    private final int wire;

    StatusCode(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }

    public static StatusCode of(int wire) {
        for (StatusCode s : values()) {
            if (s.wire == wire) {
                return s;
            }
        }
        return null;
    }
}
