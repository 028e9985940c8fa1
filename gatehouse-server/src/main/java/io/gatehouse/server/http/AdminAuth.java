package io.gatehouse.server.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * {@code Authorization: Bearer <admin_key>} on admin calls: 401 without it, 403 when it is
 * wrong. The scheme name is case-insensitive (RFC 7235 section 2.1).
 */
final class AdminAuth {

    private static final String SCHEME = "Bearer ";

    private final byte[] adminKey;

    AdminAuth(String adminKey) {
        this.adminKey = adminKey.getBytes(StandardCharsets.UTF_8);
    }

    /** True when the call may go on; otherwise the answer has been written. */
    boolean check(Context ctx) {
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
