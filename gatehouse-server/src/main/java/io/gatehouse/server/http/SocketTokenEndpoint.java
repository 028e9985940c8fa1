package io.gatehouse.server.http;

import io.gatehouse.core.session.SessionPolicy;
import io.gatehouse.core.account.ApiKeySignature;
import io.gatehouse.core.account.ApiKeyOwner;
import io.gatehouse.core.account.IssuedToken;
import io.gatehouse.core.limits.LoginThrottle;
import io.gatehouse.core.front.CoreServices;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v1/socket/token} and {@code /v2/socket/token} (spec section 8): checks the
 * signed API-key headers of 8.1 and answers the envelope the official SDK requires,
 * {@code {"code":0,"message":"","data":{"otp","limit","online"}}}. Failures keep the
 * envelope with a non-zero code so that the SDK reports them without retrying. Each request
 * counts against {@code http.token_requests_per_address} (a granted one writes a token); past
 * it the answer is 429 with Retry-After and the envelope with code 429001.
 */
final class SocketTokenEndpoint {

    private final CoreServices services;
    private final SessionPolicy policy;
    private final Duration maxSkew;
    private final LoginThrottle requests;

    SocketTokenEndpoint(CoreServices services, SessionPolicy policy, Duration maxSkew, LoginThrottle requests) {
        this.services = services;
        this.policy = policy;
        this.maxSkew = maxSkew;
        this.requests = requests;
    }

    void handle(Context ctx) {
        LoginThrottle.Attempt attempt = requests.begin(HttpApi.peer(ctx), null);
        if (!attempt.allowed()) {
            HttpApi.tooMany(ctx, attempt, envelope(429001, "too many token requests from this address; retry in "
                    + attempt.retryAfterSeconds() + " s"));
            return;
        }
        String apiKey = ctx.header("X-Api-Key");
        String timestamp = ctx.header("X-Timestamp");
        String signature = ctx.header("X-Api-Signature");
        String authorization = Optional.ofNullable(ctx.header("Authorization")).orElse("");
        if (apiKey == null || timestamp == null || signature == null) {
            fail(ctx, HttpStatus.UNAUTHORIZED, 401001, "X-Api-Key, X-Timestamp and X-Api-Signature are required");
            return;
        }
        Double seconds = parseSeconds(timestamp);
        long skewMillis = seconds == null ? Long.MAX_VALUE : Math.abs(services.scheduler().nowMillis() - (long) (seconds * 1000));
        if (skewMillis > maxSkew.toMillis()) {
            fail(ctx, HttpStatus.UNAUTHORIZED, 401002, "X-Timestamp is not within " + maxSkew.toSeconds() + " s of the server clock");
            return;
        }
        Optional<ApiKeyOwner> owner = services.apiKeys().find(apiKey);
        String query = ctx.queryString() == null ? "" : ctx.queryString();
        ApiKeySignature.Request req = new ApiKeySignature.Request(ctx.method().name(), ctx.path(), query, authorization, apiKey,
                timestamp, ctx.bodyAsBytes());
        if (owner.isEmpty() || !ApiKeySignature.verify(req, owner.get().appSecret(), signature)) {
            fail(ctx, HttpStatus.UNAUTHORIZED, 401003, "unknown api key or bad signature");
            return;
        }
        var account = owner.get().account();
        if (account.isBlocked(services.scheduler().nowMillis())) {
            fail(ctx, HttpStatus.FORBIDDEN, 403001, "account " + account.blockedResult().tag());
            return;
        }
        IssuedToken token = services.tokens().issue(account.username(), policy.tokenTtl());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("otp", token.token());
        data.put("limit", policy.connectionLimit());
        data.put("online", services.sessions().onlineCount(account.id()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", 0);
        body.put("message", "");
        body.put("data", data);
        ctx.json(body);
    }

    private static Double parseSeconds(String text) {
        try {
            double d = Double.parseDouble(text.trim());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void fail(Context ctx, HttpStatus status, int code, String message) {
        ctx.status(status).json(envelope(code, message));
    }

    private static Map<String, Object> envelope(int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        return body;
    }
}
