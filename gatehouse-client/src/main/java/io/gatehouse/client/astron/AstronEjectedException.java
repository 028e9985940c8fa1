package io.gatehouse.client.astron;

/** The Client Agent sent CLIENT_EJECT: its code and reason. */
public final class AstronEjectedException extends Exception {

    private final int code;
    private final String reason;

    public AstronEjectedException(int code, String reason) {
        super("ejected (" + code + "): " + reason);
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }
}
