package io.gatehouse.control.handler;

import io.gatehouse.control.message.ErrorBody;
import io.gatehouse.control.message.StatusCode;
import io.gatehouse.core.account.Account;
import io.gatehouse.core.account.LoginResult;
import io.gatehouse.core.limits.LoginThrottle;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.session.Connection;
import io.gatehouse.core.session.ResumeResult;
import io.gatehouse.core.session.Session;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The store half of auth (spec 7.4) and reconnect (7.5): asks the core's throttle first (an
 * address over its failed-login limit is refused at once, without a store call), then
 * consults the store, records the login event, and decides the answer, off the event loop
 * (auth through the group committer, reconnect on the core's blocking executor). An attempt
 * whose token or session was good gives its place back to the throttle, so only bad tokens
 * and unknown or expired sessions count.
 */
final class Authenticator {

    static final String FRONT = "control";
    private static final String NO_NAME = "-";

    private final ControlServices s;

    Authenticator(ControlServices services) {
        this.s = services;
    }

    /**
     * Spends the token, opens the session and records the login in one unit of work that the
     * group committer writes together with other auths; the session is bound to the
     * connection once the transaction holding it has committed. The account's place is held
     * from the check on, so auths racing for its last place cannot both get it.
     */
    CompletableFuture<AuthOutcome> auth(String token, Connection connection, InetAddress from) {
        LoginThrottle.Attempt attempt = s.logins().begin(from, null);
        if (!attempt.allowed()) {
            return CompletableFuture.completedFuture(throttled(attempt));
        }
        String address = connection.remoteAddress();
        Object ticket = new Object();
        int limit = s.config().connectionLimit();
        return s.commits().<AuthOutcome>submit(tx -> {
            Optional<Account> found = s.tokens().consume(tx, token);
            if (found.isEmpty()) {
                s.accounts().recordLogin(tx, null, NO_NAME, address, FRONT, LoginResult.BAD_TOKEN);
                return new AuthOutcome.Refused(StatusCode.UNAUTHENTICATED,
                        new ErrorBody(ErrorBody.UNAUTHENTICATED, "invalid, expired or used token"), CloseReason.AUTH_FAILED,
                        LoginResult.BAD_TOKEN);
            }
            Account account = found.get();
            if (account.isBlocked(s.scheduler().nowMillis())) {
                LoginResult r = account.blockedResult();
                s.accounts().recordLogin(tx, account.id(), account.username(), address, FRONT, r);
                return new AuthOutcome.Refused(StatusCode.UNAUTHENTICATED, new ErrorBody(ErrorBody.FORBIDDEN, "account " + r.tag()),
                        CloseReason.AUTH_FAILED, r);
            }
            if (!s.sessions().hold(ticket, account.id(), limit)) {
                s.accounts().recordLogin(tx, account.id(), account.username(), address, FRONT, LoginResult.OVER_LIMIT);
                return overLimit(limit);
            }
            Session session = s.sessions().open(tx, account, FRONT);
            s.accounts().recordLogin(tx, account.id(), account.username(), address, FRONT, LoginResult.SUCCESS);
            return new AuthOutcome.Granted(session, limit, 0);
        }).whenComplete((outcome, failure) -> {
            if (!(outcome instanceof AuthOutcome.Refused r && r.result() == LoginResult.BAD_TOKEN)) {
                s.logins().giveBack(attempt);
            }
            if (outcome instanceof AuthOutcome.Granted g) {
                s.sessions().bind(g.session(), connection, ticket);
            } else {
                s.sessions().releaseHold(ticket);
            }
        }).thenApply(outcome -> outcome instanceof AuthOutcome.Granted g
                ? new AuthOutcome.Granted(g.session(), g.limit(), s.sessions().onlineCount(g.session().accountId()))
                : outcome);
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

    AuthOutcome reconnect(String sessionId, Connection connection, InetAddress from) {
        LoginThrottle.Attempt attempt = s.logins().begin(from, null);
        if (!attempt.allowed()) {
            return throttled(attempt);
        }
        int limit = s.config().connectionLimit();
        ResumeResult r = s.sessions().resume(sessionId, connection, limit);
        if (!(r instanceof ResumeResult.Expired)) {
            s.logins().giveBack(attempt);
        }
        if (r instanceof ResumeResult.Resumed resumed) {
            return granted(resumed.session(), connection);
        }
        if (r instanceof ResumeResult.Duplicate) {
            return refuse(null, NO_NAME, connection, LoginResult.BAD_SESSION, StatusCode.PERMISSION_DENIED,
                    ErrorBody.FORBIDDEN, "session is live on another connection", CloseReason.DUPLICATE_LOGIN);
        }
        if (r instanceof ResumeResult.OverLimit over) {
            s.accounts().recordLogin(over.accountId(), over.username(), connection.remoteAddress(), FRONT, LoginResult.OVER_LIMIT);
            return overLimit(limit);
        }
        if (r instanceof ResumeResult.AccountBlocked) {
            return refuse(null, NO_NAME, connection, LoginResult.BANNED, StatusCode.UNAUTHENTICATED,
                    ErrorBody.FORBIDDEN, "account blocked", CloseReason.AUTH_FAILED);
        }
        return refuse(null, NO_NAME, connection, LoginResult.BAD_SESSION, StatusCode.UNAUTHENTICATED,
                ErrorBody.UNAUTHENTICATED, "session expired", CloseReason.SESSION_EXPIRED);
    }

    private AuthOutcome granted(Session session, Connection connection) {
        s.accounts().recordLogin(session.accountId(), session.username(), connection.remoteAddress(), FRONT, LoginResult.SUCCESS);
        return new AuthOutcome.Granted(session, s.config().connectionLimit(), s.sessions().onlineCount(session.accountId()));
    }

    private AuthOutcome refuse(Long accountId, String username, Connection connection, LoginResult result, StatusCode status,
                               long code, String msg, CloseReason close) {
        s.accounts().recordLogin(accountId, username, connection.remoteAddress(), FRONT, result);
        return new AuthOutcome.Refused(status, new ErrorBody(code, msg), close, result);
    }
}
