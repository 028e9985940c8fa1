package io.gatehouse.control.handler;

import io.gatehouse.control.message.ErrorBody;
import io.gatehouse.control.message.StatusCode;
import io.gatehouse.core.account.LoginResult;
import io.gatehouse.core.limits.LoginThrottle;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.session.Connection;
import io.gatehouse.core.session.ResumeResult;
import io.gatehouse.core.session.TokenResult;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Auth (spec 7.4) and reconnect (7.5) as control answers them: asks the core's throttle first
 * (an address over its failed-login limit is refused at once, without a store call), then the
 * core's {@link io.gatehouse.core.session.SessionGrants}, which spends the token or renews the
 * session and writes it with its login event before it answers, and maps that answer to the
 * response status, the error body and the close that follows. An attempt whose token or
 * session was good gives its place back to the throttle, so only bad tokens and unknown or
 * expired sessions count.
 */
final class Authenticator {

    static final String FRONT = "control";

    private final ControlServices s;

    Authenticator(ControlServices services) {
        this.s = services;
    }

    CompletableFuture<AuthOutcome> auth(String token, Connection connection, InetAddress from) {
        LoginThrottle.Attempt attempt = s.logins().begin(from, null);
        if (!attempt.allowed()) {
            return CompletableFuture.completedFuture(throttled(attempt));
        }
        int limit = s.config().connectionLimit();
        return s.grants().spendToken(token, connection, limit).whenComplete((result, failure) -> {
            if (!(result instanceof TokenResult.BadToken)) {
                s.logins().giveBack(attempt);
            }
        }).thenApply(result -> answer(result, limit));
    }

    private static AuthOutcome answer(TokenResult result, int limit) {
        if (result instanceof TokenResult.Granted g) {
            return new AuthOutcome.Granted(g.session(), limit, g.online());
        }
        if (result instanceof TokenResult.Blocked b) {
            return new AuthOutcome.Refused(StatusCode.UNAUTHENTICATED, new ErrorBody(ErrorBody.FORBIDDEN, "account " + b.result().tag()),
                    CloseReason.AUTH_FAILED, b.result());
        }
        if (result instanceof TokenResult.OverLimit o) {
            return overLimit(o.limit());
        }
        return new AuthOutcome.Refused(StatusCode.UNAUTHENTICATED, new ErrorBody(ErrorBody.UNAUTHENTICATED, "invalid, expired or used token"),
                CloseReason.AUTH_FAILED, LoginResult.BAD_TOKEN);
    }

    CompletableFuture<AuthOutcome> reconnect(String sessionId, Connection connection, InetAddress from) {
        LoginThrottle.Attempt attempt = s.logins().begin(from, null);
        if (!attempt.allowed()) {
            return CompletableFuture.completedFuture(throttled(attempt));
        }
        int limit = s.config().connectionLimit();
        return s.grants().resume(sessionId, connection, limit).whenComplete((result, failure) -> {
            if (!(result instanceof ResumeResult.Expired)) {
                s.logins().giveBack(attempt);
            }
        }).thenApply(result -> answer(result, limit));
    }

    private static AuthOutcome answer(ResumeResult result, int limit) {
        if (result instanceof ResumeResult.Resumed r) {
            return new AuthOutcome.Granted(r.session(), limit, r.online());
        }
        if (result instanceof ResumeResult.Duplicate) {
            return new AuthOutcome.Refused(StatusCode.PERMISSION_DENIED, new ErrorBody(ErrorBody.FORBIDDEN, "session is live on another connection"),
                    CloseReason.DUPLICATE_LOGIN, LoginResult.BAD_SESSION);
        }
        if (result instanceof ResumeResult.OverLimit o) {
            return overLimit(o.limit());
        }
        if (result instanceof ResumeResult.AccountBlocked) {
            return new AuthOutcome.Refused(StatusCode.UNAUTHENTICATED, new ErrorBody(ErrorBody.FORBIDDEN, "account blocked"),
                    CloseReason.AUTH_FAILED, LoginResult.BANNED);
        }
        return new AuthOutcome.Refused(StatusCode.UNAUTHENTICATED, new ErrorBody(ErrorBody.UNAUTHENTICATED, "session expired"),
                CloseReason.SESSION_EXPIRED, LoginResult.BAD_SESSION);
    }

    private static AuthOutcome.Refused overLimit(int limit) {
        return new AuthOutcome.Refused(StatusCode.PERMISSION_DENIED,
                new ErrorBody(ErrorBody.QUOTA, "connection limit of " + limit + " reached"), CloseReason.AUTH_FAILED,
                LoginResult.OVER_LIMIT);
    }

    /**
     * The answer to an attempt over its address's limit (docs/protocol/control.md, "Limits"):
     * status 6 with {@code Error{429}}, as for the account's quota, then Close AuthError.
     */
    private static AuthOutcome.Refused throttled(LoginThrottle.Attempt attempt) {
        return new AuthOutcome.Refused(StatusCode.PERMISSION_DENIED, new ErrorBody(ErrorBody.QUOTA,
                "too many failed attempts from this address; retry in " + attempt.retryAfterSeconds() + " s"),
                CloseReason.AUTH_FAILED, LoginResult.THROTTLED);
    }
}
