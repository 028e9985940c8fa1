package io.gatehouse.server.http;

import io.gatehouse.core.limits.LoginThrottle;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * {@code Authorization: Bearer <admin_key>} on admin calls: 401 without it, 403 when it is
 * wrong. The scheme name is case-insensitive (RFC 7235 section 2.1). An address that failed
 * {@code http.admin_failures_per_address} times lately gets 429 with Retry-After, before its
 * key is looked at, until its limit refills; a right key does not count.
 */
final class AdminAuth {

    private static final String SCHEME = "Bearer ";

    private final byte[] adminKey;
    private final LoginThrottle failures;

    AdminAuth(String adminKey, LoginThrottle failures) {
        this.adminKey = adminKey.getBytes(StandardCharsets.UTF_8);
        this.failures = failures;
    }

    /** True when the call may go on; otherwise the answer has been written. */
    boolean check(Context ctx) {
        LoginThrottle.Attempt attempt = failures.begin(HttpApi.peer(ctx), null);
        if (!attempt.allowed()) {
            HttpApi.tooMany(ctx, attempt, Map.of("error", "too many failed admin keys from this address; retry in "
                    + attempt.retryAfterSeconds() + " s"));
            return false;
        }
        if (!keyMatches(ctx)) {
            return false;
        }
        failures.giveBack(attempt);
        return true;
    }

    /** True when the request carries the admin key; otherwise the 401 or 403 has been written. */
    private boolean keyMatches(Context ctx) {
        String h = ctx.header("Authorization");
        if (h == null || !h.regionMatches(true, 0, SCHEME, 0, SCHEME.length()) || h.length() == SCHEME.length()) {
            ctx.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer")
                    .json(Map.of("error", "admin key required: Authorization: Bearer <admin_key>"));
            return false;
        }
        byte[] given = h.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(adminKey, given)) {
            ctx.status(HttpStatus.FORBIDDEN).json(Map.of("error", "wrong admin key"));
            return false;
        }
        return true;
    }
}
