package io.gatehouse.core.session;

/** The outcome of presenting a session id on a new connection ({@link SessionGrants#resume}). */
public sealed interface ResumeResult {

    /**
     * The session was renewed under a new id and bound to the new connection; {@code online} is
     * the account's count of connections holding its places just after the binding.
     */
    record Resumed(Session session, int online) implements ResumeResult { }

    /** No such session, or it expired, or it was revoked. */
    record Expired() implements ResumeResult { }

    /** The account behind the session is banned or disabled. */
    record AccountBlocked() implements ResumeResult { }

    /** The account already holds its limit of live connections; the session stays valid. */
    record OverLimit(int limit) implements ResumeResult { }

    /** The session is live on another connection and the policy refuses newcomers. */
    record Duplicate() implements ResumeResult { }
}
