package io.gatehouse.core.session;

import io.gatehouse.core.account.Account;
import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.account.LoginResult;
import io.gatehouse.core.account.TokenService;
import io.gatehouse.core.store.GroupCommitter;
import io.gatehouse.core.time.Scheduler;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The login service of one node, over its {@link LocalSessionRegistry}: the one place where a
 * token login and a reconnect are written, so that the write path can change (issue 14) without
 * touching a front.
 *
 * <p>A token login is one unit of work on the group committer: spend the token, check the
 * account, hold a place, store the session and the login event; logins arriving together share
 * one commit, and each answer waits for the commit that holds it. The place is held from the
 * check on, so logins racing for an account's last place (in one batch or in consecutive ones)
 * cannot both get it; the session is bound to its connection once its transaction has committed,
 * and a login that did not commit gives its place back. A reconnect renews the session and
 * writes its login event in one transaction on {@code blocking}.
 */
public final class LocalSessionGrants implements SessionGrants {

    /** The account name logged for a token that names no account. */
    private static final String NO_NAME = "-";

    private final LocalSessionRegistry registry;
    private final TokenService tokens;
    private final AccountService accounts;
    private final GroupCommitter commits;
    private final Scheduler clock;
    private final Executor blocking;

    /**
     * Logins written through {@code commits}, reconnects on {@code blocking} (a worker: it
     * blocks on the store), the accounts' bans judged on {@code clock}.
     */
    public LocalSessionGrants(LocalSessionRegistry registry, TokenService tokens, AccountService accounts, GroupCommitter commits,
                              Scheduler clock, Executor blocking) {
        this.registry = registry;
        this.tokens = tokens;
        this.accounts = accounts;
        this.commits = commits;
        this.clock = clock;
        this.blocking = blocking;
    }

    @Override
    public CompletableFuture<TokenResult> spendToken(String token, Connection connection, int connectionLimit) {
        String address = connection.remoteAddress();
        String front = connection.front();
        GrantAttempt attempt = new GrantAttempt();
        return commits.<TokenResult>submit(tx -> {
            Optional<Account> found = tokens.consume(tx, token);
            if (found.isEmpty()) {
                accounts.recordLogin(tx, null, NO_NAME, address, front, LoginResult.BAD_TOKEN);
                return new TokenResult.BadToken();
            }
            Account account = found.get();
            if (account.isBlocked(clock.nowMillis())) {
                LoginResult r = account.blockedResult();
                accounts.recordLogin(tx, account.id(), account.username(), address, front, r);
                return new TokenResult.Blocked(r);
            }
            if (!registry.hold(tx, attempt, account.id(), connectionLimit)) {
                accounts.recordLogin(tx, account.id(), account.username(), address, front, LoginResult.OVER_LIMIT);
                return new TokenResult.OverLimit(connectionLimit);
            }
            Session session = registry.open(tx, account, front);
            accounts.recordLogin(tx, account.id(), account.username(), address, front, LoginResult.SUCCESS);
            return new TokenResult.Granted(session, 0);
        }).whenComplete((result, failure) -> {
            if (result instanceof TokenResult.Granted g) {
                registry.bind(g.session(), connection, attempt);
            } else {
                registry.releaseHold(attempt);
            }
        }).thenApply(result -> result instanceof TokenResult.Granted g
                ? new TokenResult.Granted(g.session(), registry.onlineCount(g.session().accountId()))
                : result);
    }

    @Override
    public CompletableFuture<ResumeResult> resume(String sessionId, Connection connection, int connectionLimit) {
        String address = connection.remoteAddress();
        String front = connection.front();
        return CompletableFuture.supplyAsync(() -> {
            LocalSessionRegistry.Resumption r = registry.resume(sessionId, connection, connectionLimit,
                    (tx, renewed) -> accounts.recordLogin(tx, renewed.accountId(), renewed.username(), address, front, LoginResult.SUCCESS));
            if (r.result() instanceof ResumeResult.OverLimit) {
                accounts.recordLogin(r.account().id(), r.account().username(), address, front, LoginResult.OVER_LIMIT);
            }
            return r.result();
        }, blocking);
    }
}
