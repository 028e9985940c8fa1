package io.gatehouse.core.session;

import io.gatehouse.core.account.Account;
import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.account.LoginEvent;
import io.gatehouse.core.account.LoginResult;
import io.gatehouse.core.account.TokenService;
import io.gatehouse.core.journal.JournalEntry;
import io.gatehouse.core.journal.LoginJournal;
import io.gatehouse.core.store.StoreBusyException;
import io.gatehouse.core.time.Scheduler;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The login service of a node alone whose logins are written to a {@link LoginJournal}: a
 * token this node issued is spent in memory, and the login is answered once its spent token,
 * its session and its login event are in the journal's file, with no store transaction before
 * the answer; the journal makes them rows of the store soon after, and the store's readers of
 * sessions and login history wait for it. A token the node does not know in memory (issued
 * before the memory was full, or whose account changed since) and every reconnect go through
 * {@code stored}, as they would without a journal.
 *
 * <p>A good token is spent whatever the answer, as with {@link LocalSessionGrants}: a banned
 * account's or one over its limit is journaled as spent. Only a login the journal refused at
 * once (full) gives the token back, since nothing was written for it.
 */
public final class JournaledSessionGrants implements SessionGrants {

    private final LocalSessionRegistry registry;
    private final TokenService tokens;
    private final AccountService accounts;
    private final LoginJournal journal;
    private final Scheduler clock;
    private final SessionGrants stored;

    /** Tokens known in memory spent through {@code journal}; everything else through {@code stored}. */
    public JournaledSessionGrants(LocalSessionRegistry registry, TokenService tokens, AccountService accounts, LoginJournal journal,
                                  Scheduler clock, SessionGrants stored) {
        this.registry = registry;
        this.tokens = tokens;
        this.accounts = accounts;
        this.journal = journal;
        this.clock = clock;
        this.stored = stored;
        registry.readsAfter(journal);
        accounts.readsAfter(journal);
        journal.whenApplied(entry -> {
            if (entry instanceof JournalEntry.TokenSpent spent) {
                tokens.spendApplied(spent.tokenHash());
            }
        });
    }

    @Override
    public CompletableFuture<TokenResult> spendToken(String token, Connection connection, int connectionLimit) {
        TokenService.LiveClaim claim = tokens.claimLive(token);
        if (claim instanceof TokenService.LiveClaim.Refused) {
            return CompletableFuture.completedFuture(new TokenResult.BadToken());
        }
        if (!(claim instanceof TokenService.LiveClaim.Claimed claimed)) {
            return stored.spendToken(token, connection, connectionLimit);
        }
        Account account = claimed.account();
        long now = clock.nowMillis();
        JournalEntry spent = new JournalEntry.TokenSpent(claimed.hash(), now, claimed.expiresAtMillis());
        if (account.isBlocked(now)) {
            LoginResult r = account.blockedResult();
            return write(claimed, List.of(spent), account, connection, r).thenApply(v -> new TokenResult.Blocked(r));
        }
        GrantAttempt attempt = new GrantAttempt();
        if (!registry.holdHere(attempt, account.id(), connectionLimit)) {
            return write(claimed, List.of(spent), account, connection, LoginResult.OVER_LIMIT)
                    .thenApply(v -> new TokenResult.OverLimit(connectionLimit));
        }
        Session session = registry.fresh(account, connection.front());
        List<JournalEntry> entries = List.of(spent,
                new JournalEntry.SessionOpened(Secrets.hash(session.id()), account.id(), session.front(), session.createdAtMillis(),
                        session.expiresAtMillis()),
                new JournalEntry.LoginRecorded(new LoginEvent(account.id(), account.username(), now, connection.remoteAddress(),
                        connection.front(), LoginResult.SUCCESS)));
        return journal.append(entries).handle((written, failure) -> {
            if (failure != null) {
                registry.releaseHold(attempt);
                giveBackIfRefused(claimed, failure);
                throw failure instanceof RuntimeException e ? e : new IllegalStateException(failure);
            }
            registry.bind(session, connection, attempt);
            return new TokenResult.Granted(session, registry.onlineCount(account.id()));
        });
    }

    /** Journals a refused login's spent token; its login event joins the account's history as failures do (queued). */
    private CompletableFuture<Void> write(TokenService.LiveClaim.Claimed claimed, List<JournalEntry> entries, Account account,
                                          Connection connection, LoginResult result) {
        return journal.append(entries).whenComplete((written, failure) -> {
            if (failure != null) {
                giveBackIfRefused(claimed, failure);
            } else {
                accounts.recordLogin(account.id(), account.username(), connection.remoteAddress(), connection.front(), result);
            }
        });
    }

    private void giveBackIfRefused(TokenService.LiveClaim.Claimed claimed, Throwable failure) {
        if (failure instanceof StoreBusyException) {
            tokens.unclaim(claimed);
        }
    }

    @Override
    public CompletableFuture<ResumeResult> resume(String sessionId, Connection connection, int connectionLimit) {
        return stored.resume(sessionId, connection, connectionLimit);
    }
}
