package io.gatehouse.core.session;

/** The outcome of presenting a session id on a new connection. */
public sealed interface ResumeResult {

    /** The session was renewed under a new id and bound to the new connection. */
    record Resumed(Session session) implements ResumeResult { }

    /** No such session, or it expired, or it was revoked. */
    record Expired() implements ResumeResult { }

    /** The account behind the session is banned or disabled. */
    record AccountBlocked() implements ResumeResult { }

    /** The account already holds its limit of live connections; the session stays valid. */
    record OverLimit(long accountId, String username, int limit) implements ResumeResult { }

    /** The session is live on another connection and the policy refuses newcomers. */
    record Duplicate() implements ResumeResult { }
}
