package io.gatehouse.control.handler;

import io.gatehouse.control.message.ErrorBody;
import io.gatehouse.control.message.StatusCode;
import io.gatehouse.core.account.Account;
import io.gatehouse.core.account.LoginResult;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.session.Connection;
import io.gatehouse.core.session.ResumeResult;
import io.gatehouse.core.session.Session;
import java.util.Optional;

/**
 * The blocking half of auth (spec 7.4) and reconnect (7.5): consults the store, records the
 * login event, and decides the answer. Runs on the core's blocking executor.
 */
final class Authenticator {

    static final String FRONT = "control";
    private static final String NO_NAME = "-";

    private final ControlServices s;

    Authenticator(ControlServices services) {
        this.s = services;
    }

    AuthOutcome auth(String token, Connection connection) {
        Optional<Account> found = s.tokens().consume(token);
        if (found.isEmpty()) {
            return refuse(null, NO_NAME, connection, LoginResult.BAD_TOKEN, StatusCode.UNAUTHENTICATED,
                    ErrorBody.UNAUTHENTICATED, "invalid, expired or used token", CloseReason.AUTH_FAILED);
        }
        Account account = found.get();
        if (account.isBlocked(s.scheduler().nowMillis())) {
            LoginResult r = account.blockedResult();
            return refuse(account.id(), account.username(), connection, r, StatusCode.UNAUTHENTICATED,
                    ErrorBody.FORBIDDEN, "account " + r.tag(), CloseReason.AUTH_FAILED);
        }
        int limit = s.config().connectionLimit();
        if (s.sessions().onlineCount(account.id()) >= limit) {
            return refuse(account.id(), account.username(), connection, LoginResult.OVER_LIMIT, StatusCode.PERMISSION_DENIED,
                    ErrorBody.QUOTA, "connection limit of " + limit + " reached", CloseReason.AUTH_FAILED);
        }
        Session session = s.sessions().grant(account, connection);
        return granted(session, connection);
    }

    AuthOutcome reconnect(String sessionId, Connection connection) {
        ResumeResult r = s.sessions().resume(sessionId, connection);
        if (r instanceof ResumeResult.Resumed resumed) {
            return granted(resumed.session(), connection);
        }
        if (r instanceof ResumeResult.Duplicate) {
            return refuse(null, NO_NAME, connection, LoginResult.BAD_SESSION, StatusCode.PERMISSION_DENIED,
                    ErrorBody.FORBIDDEN, "session is live on another connection", CloseReason.DUPLICATE_LOGIN);
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
