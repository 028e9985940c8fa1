package io.gatehouse.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.core.account.Account;
import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.account.TokenService;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.store.GroupCommitter;
import io.gatehouse.core.testing.FakeConnection;
import io.gatehouse.core.testing.ManualScheduler;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The contract on one node's registry and grants over H2, and what only the local write path
 * promises: token logins written together in one group transaction still keep the limit, and a
 * login whose transaction fails spends no token and holds no place.
 */
class LocalSessionRegistryTest extends SessionRegistryContract {

    @Override
    protected AutoCloseable openStore(Consumer<Database> sink) {
        return h2(sink);
    }

    @Override
    protected Node node(Database db, AccountService accounts, TokenService tokens, ManualScheduler clock, Duration ttl,
                        DuplicatePolicy duplicates) {
        return local(db, accounts, tokens, clock, ttl, duplicates);
    }

    /** One node's registry and grants, with a group committer and a worker pool of their own. */
    static Node local(Database db, AccountService accounts, TokenService tokens, ManualScheduler clock, Duration ttl,
                      DuplicatePolicy duplicates) {
        LocalSessionRegistry registry = new LocalSessionRegistry(db, clock, ttl, duplicates);
        GroupCommitter commits = new GroupCommitter(db, 64);
        ExecutorService blocking = Executors.newFixedThreadPool(2);
        var grants = new LocalSessionGrants(registry, tokens, accounts, commits, clock, blocking);
        return new Node(registry, grants, () -> {
            commits.close();
            blocking.shutdownNow();
        });
    }

    @Test
    void tokenLoginsWrittenInOneGroupTransactionFillTheLimitAndNoMore() throws Exception {
        Account a = accounts.create("pia", "pw".toCharArray());
        LocalSessionRegistry registry = new LocalSessionRegistry(db, clock, TTL, DuplicatePolicy.CLOSE_OLDER);
        GroupCommitter commits = new GroupCommitter(db, 64);
        try {
            var grants = new LocalSessionGrants(registry, tokens, accounts, commits, clock, Runnable::run);
            CountDownLatch taken = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            commits.submit(tx -> {
                taken.countDown();
                return awaitQuietly(release);
            });
            assertThat(taken.await(WAIT, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<TokenResult>> answers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                answers.add(grants.spendToken(token("pia"), new FakeConnection(), 2));
            }
            release.countDown();

            List<TokenResult> results = new ArrayList<>();
            for (CompletableFuture<TokenResult> f : answers) {
                results.add(done(f));
            }
            assertThat(results).filteredOn(TokenResult.Granted.class::isInstance).hasSize(2);
            assertThat(results).filteredOn(TokenResult.OverLimit.class::isInstance).hasSize(3);
            assertThat(registry.onlineCount(a.id())).as("refused logins gave their places back").isEqualTo(2);
        } finally {
            commits.close();
        }
    }

    @Test
    void aTokenLoginWhoseTransactionFailsSpendsNothingAndHoldsNoPlace() throws Exception {
        Account a = accounts.create("quinn", "pw".toCharArray());
        Node n = node();
        String t = token("quinn");
        exec("ALTER TABLE login_events RENAME TO login_events_away");
        FakeConnection c = new FakeConnection();
        CompletableFuture<TokenResult> failed = n.grants().spendToken(t, c, 1);
        assertThatThrownBy(() -> done(failed)).hasRootCauseInstanceOf(java.sql.SQLException.class);
        assertThat(n.registry().onlineCount(a.id())).as("the held place was given back").isZero();
        assertThat(done(n.registry().live())).isEmpty();
        exec("ALTER TABLE login_events_away RENAME TO login_events");

        assertThat(done(n.grants().spendToken(t, c, 1))).as("the token was not spent by the failed login")
                .isInstanceOf(TokenResult.Granted.class);
    }

    private void exec(String sql) {
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                return s.execute(sql);
            }
        });
    }
}
