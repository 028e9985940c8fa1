package io.gatehouse.control.message;

/**
 * Body of a response whose status is not 0 (spec 6). Gatehouse's {@code code} values:
 * 400 malformed request, 401 bad token or session or not authenticated, 403 account
 * blocked or duplicate refused, 404 unknown command, 429 connection quota reached, 500 internal.
 */
public record ErrorBody(long code, String msg) {

    public static final long BAD_REQUEST = 400;
    public static final long UNAUTHENTICATED = 401;
    public static final long FORBIDDEN = 403;
    public static final long UNKNOWN_COMMAND = 404;
    public static final long QUOTA = 429;
    public static final long INTERNAL = 500;
}
