package io.gatehouse.control.handler;

import io.gatehouse.control.message.ErrorBody;
import io.gatehouse.control.message.StatusCode;
import io.gatehouse.core.account.LoginResult;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.session.Session;

/** How an auth or reconnect ended, computed off the event loop and answered on it. */
sealed interface AuthOutcome {

    record Granted(Session session, long limit, long online) implements AuthOutcome {
    }

    /** The answer's status and error body, the close that follows, and what to count. */
    record Refused(StatusCode status, ErrorBody error, CloseReason close, LoginResult result) implements AuthOutcome {
    }
}
