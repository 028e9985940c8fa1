package io.gatehouse.core.session;

import io.gatehouse.core.account.LoginResult;

/** The outcome of spending a single-use token for a session ({@link SessionGrants#spendToken}). */
public sealed interface TokenResult {

    /**
     * The token was spent and bought this session, bound to the connection; {@code online} is the
     * account's count of connections holding its places just after the binding.
     */
    record Granted(Session session, int online) implements TokenResult { }

    /** No such token, or it expired, or it was spent before. */
    record BadToken() implements TokenResult { }

    /** The token was good but its account may not log in: {@code result} says why (banned, disabled). */
    record Blocked(LoginResult result) implements TokenResult { }

    /** The token was good but its account already holds {@code limit} connections. */
    record OverLimit(int limit) implements TokenResult { }
}
