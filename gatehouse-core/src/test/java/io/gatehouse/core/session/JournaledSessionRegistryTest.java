package io.gatehouse.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.account.Account;
import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.account.LoginEvent;
import io.gatehouse.core.account.LoginResult;
import io.gatehouse.core.account.TokenService;
import io.gatehouse.core.journal.LoginJournal;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.store.GroupCommitter;
import io.gatehouse.core.store.StoreBusyException;
import io.gatehouse.core.store.StoreException;
import io.gatehouse.core.testing.FakeConnection;
import io.gatehouse.core.testing.HeldRows;
import io.gatehouse.core.testing.ManualScheduler;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract on a node alone whose token logins are written to a login journal, and what only
 * that path promises: no store transaction before a login's answer, a token spent once whichever
 * way it is spent, an account's ban honoured for tokens issued before it, and the store's
 * readers seeing every login answered before them.
 */
class JournaledSessionRegistryTest extends SessionRegistryContract {

    @TempDir
    Path dir;

    private int journals;

    @Override
    protected AutoCloseable openStore(Consumer<Database> sink) {
        return h2(sink);
    }

    @Override
    protected Node node(Database db, AccountService accounts, TokenService tokens, ManualScheduler clock, Duration ttl,
                        DuplicatePolicy duplicates) {
        return journaled(db, dir.resolve("journal-" + journals++), accounts, tokens, clock, ttl, duplicates);
    }

    /** One node's registry and grants with a login journal of its own in {@code journalDir}. */
    static Node journaled(Database db, Path journalDir, AccountService accounts, TokenService tokens, ManualScheduler clock,
                          Duration ttl, DuplicatePolicy duplicates) {
        return journaled(db, journalDir, accounts, tokens, clock, ttl, duplicates, LoginJournal.Bounds.DEFAULT);
    }

    /** {@link #journaled} with a journal that holds at most {@code bounds}. */
    static Node journaled(Database db, Path journalDir, AccountService accounts, TokenService tokens, ManualScheduler clock,
                          Duration ttl, DuplicatePolicy duplicates, LoginJournal.Bounds bounds) {
        LocalSessionRegistry registry = new LocalSessionRegistry(db, clock, ttl, duplicates);
        GroupCommitter commits = new GroupCommitter(db, 64);
        ExecutorService blocking = Executors.newFixedThreadPool(2);
        LoginJournal journal = LoginJournal.open(journalDir, db, LocalSessionRegistry.ALONE, false, bounds, clock::nowMillis);
        var stored = new LocalSessionGrants(registry, tokens, accounts, commits, clock, blocking);
        var grants = new JournaledSessionGrants(registry, tokens, accounts, journal, clock, stored);
        return new Node(registry, grants, () -> {
            journal.close();
            commits.close();
            blocking.shutdownNow();
        });
    }

    @Test
    void tokenLoginsAreAnsweredWhileTheStoreIsStuckAndTheirRowsFollow() throws Exception {
        Account a = accounts.create("una", "pw".toCharArray());
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            issued.add(token("una"));
        }
        Node n = node();
        // a transaction holding every token's row and the journal's checkpoint: a login that needed the store before its answer would wait on it
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> holder = holdTheStore(release);
        List<CompletableFuture<TokenResult>> answers = new ArrayList<>();
        for (String t : issued) {
            answers.add(n.grants().spendToken(t, new FakeConnection(), NO_LIMIT));
        }
        try {
            for (CompletableFuture<TokenResult> f : answers) {
                assertThat(done(f)).isInstanceOf(TokenResult.Granted.class);
            }
        } finally {
            release.countDown();
            holder.get(WAIT, TimeUnit.SECONDS);
        }
        // the history waits for the journal, so every answered login is in it, with its spent token
        assertThat(accounts.loginHistory(a.id(), 50)).extracting(LoginEvent::result).hasSize(20).containsOnly(LoginResult.SUCCESS);
        assertThat(count(db, "SELECT COUNT(*) FROM sessions")).isEqualTo(20);
        // the spends are held by the journal and refused by memory, not rows
        assertThat(count(db, "SELECT COUNT(*) FROM auth_tokens WHERE used_at IS NOT NULL")).isZero();
        for (String t : issued) {
            assertThat(done(n.grants().spendToken(t, new FakeConnection(), NO_LIMIT))).isInstanceOf(TokenResult.BadToken.class);
            assertThat(tokens.consume(t)).isEmpty();
        }
    }

    @Test
    void aTokenSpentThroughTheStoreIsNotSpentAgainFromMemory() throws Exception {
        accounts.create("vic", "pw".toCharArray());
        Node n = node();
        String t = token("vic");
        assertThat(tokens.consume(t)).isPresent();
        assertThat(done(n.grants().spendToken(t, new FakeConnection(), NO_LIMIT))).isInstanceOf(TokenResult.BadToken.class);
    }

    @Test
    void aTokenSpentFromMemoryIsRefusedByTheStoreAfterARestart() throws Exception {
        accounts.create("wes", "pw".toCharArray());
        Path journalDir = dir.resolve("restarted");
        Node n = journaled(db, journalDir, accounts, tokens, clock, TTL, DuplicatePolicy.CLOSE_OLDER);
        String t = token("wes");
        try {
            assertThat(done(n.grants().spendToken(t, new FakeConnection(), NO_LIMIT))).isInstanceOf(TokenResult.Granted.class);
        } finally {
            n.closer().close();
        }
        // the stop made the spend the journal held a row
        TokenService restarted = new TokenService(db, accounts, clock);
        assertThat(restarted.loadLive()).as("no live token left").isZero();
        assertThat(restarted.consume(t)).isEmpty();
    }

    @Test
    void aTokenWhoseSpendTheJournalLetGoOfEarlyIsRefusedByTheStore() throws Exception {
        accounts.create("eli", "pw".toCharArray());
        Node n = journaled(db, dir.resolve("small-held"), accounts, tokens, clock, TTL, DuplicatePolicy.CLOSE_OLDER,
                new LoginJournal.Bounds(10_000, 200_000, 16L << 10));
        try {
            List<String> spent = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String t = token("eli");
                assertThat(done(n.grants().spendToken(t, new FakeConnection(), NO_LIMIT))).isInstanceOf(TokenResult.Granted.class);
                spent.add(t);
            }
            // past 16 KiB held, the oldest spends are made rows and memory forgets them
            await().atMost(Duration.ofSeconds(WAIT)).until(() -> count(db, "SELECT COUNT(*) FROM auth_tokens WHERE used_at IS NOT NULL") > 0
                    && tokens.liveInMemory() < 200);
            for (String t : spent) {
                assertThat(done(n.grants().spendToken(t, new FakeConnection(), NO_LIMIT))).isInstanceOf(TokenResult.BadToken.class);
                assertThat(tokens.consume(t)).isEmpty();
            }
        } finally {
            n.closer().close();
        }
    }

    @Test
    void aTokenSpentFromMemoryIsNotSpentThroughTheStoreBeforeItsSpendIsApplied() throws Exception {
        accounts.create("ann", "pw".toCharArray());
        String t = token("ann");
        // spent in memory, its spend held by a journal and not a row of the store
        assertThat(tokens.claimLive(t)).isInstanceOf(TokenService.LiveClaim.Claimed.class);
        // another front's login (marauroa's) spends tokens through the store: it must find this one spent
        assertThat(tokens.login(t, "ann", "127.0.0.1", "marauroa", (c, a) -> null)).isEmpty();
        assertThat(tokens.consume(t)).isEmpty();
    }

    @Test
    void aTokenWhoseStoreSpendFailedCanBeSpentAgain() throws Exception {
        accounts.create("bea", "pw".toCharArray());
        Node n = node();
        String t = token("bea");
        // a store-path spend whose transaction rolls back (the store failed after the token's update)
        assertThatThrownBy(() -> db.inTransaction(c -> {
            tokens.consume(c, t);
            throw new SQLException("store failed", "08006");
        })).isInstanceOf(StoreException.class);
        assertThat(done(n.grants().spendToken(t, new FakeConnection(), NO_LIMIT))).isInstanceOf(TokenResult.Granted.class);
    }

    @Test
    void aResumeWaitingForTheJournalDoesNotHoldBackLogins() throws Exception {
        accounts.create("cyd", "pw".toCharArray());
        Node n = node();
        Session first = ((TokenResult.Granted) done(n.grants().spendToken(token("cyd"), new FakeConnection(), NO_LIMIT))).session();
        String next = token("cyd");
        assertThat(accounts.loginHistory(first.accountId(), 1)).as("the history waits for the journal's rows").hasSize(1);
        // the journal's rows held back from the store for as long as the test says (a slow or failing store)
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch applied = new CountDownLatch(1);
        ((LocalSessionRegistry) n.registry()).readsAfter(() -> {
            waiting.countDown();
            awaitQuietly(applied);
        });
        CompletableFuture<ResumeResult> resume = n.grants().resume(first.id(), new FakeConnection(), NO_LIMIT);
        try {
            assertThat(awaitQuietly(waiting)).isTrue();
            // a token login needs no store read: it is answered while the resume waits for the store
            CompletableFuture<TokenResult> login = CompletableFuture.supplyAsync(
                    () -> n.grants().spendToken(next, new FakeConnection(), NO_LIMIT)).thenCompose(f -> f);
            assertThat(done(login)).isInstanceOf(TokenResult.Granted.class);
            assertThat(resume).isNotDone();
        } finally {
            applied.countDown();
        }
        assertThat(done(resume)).isInstanceOf(ResumeResult.Resumed.class);
    }

    @Test
    void aBanAfterTheTokenWasIssuedRefusesTheLogin() throws Exception {
        accounts.create("xia", "pw".toCharArray());
        Node n = node();
        String t = token("xia");
        accounts.ban("xia", "cheating", null);
        assertThat(done(n.grants().spendToken(t, new FakeConnection(), NO_LIMIT))).isInstanceOf(TokenResult.Blocked.class);
        accounts.reinstate("xia");
        assertThat(done(n.grants().spendToken(t, new FakeConnection(), NO_LIMIT))).as("spent by the refused login")
                .isInstanceOf(TokenResult.BadToken.class);
    }

    @Test
    void aTokenThisNodeDidNotIssueIsJudgedByTheStore() throws Exception {
        accounts.create("yan", "pw".toCharArray());
        Node n = node();
        String t = new TokenService(db, accounts, clock).issue("yan", Duration.ofMinutes(5)).token();
        assertThat(done(n.grants().spendToken(t, new FakeConnection(), NO_LIMIT))).isInstanceOf(TokenResult.Granted.class);
        assertThat(done(n.grants().spendToken(t, new FakeConnection(), NO_LIMIT))).isInstanceOf(TokenResult.BadToken.class);
    }

    @Test
    void liveTokensAreLearnedFromTheStoreAtStart() throws Exception {
        accounts.create("zoe", "pw".toCharArray());
        String t = new TokenService(db, accounts, clock).issue("zoe", Duration.ofMinutes(5)).token();
        String spent = new TokenService(db, accounts, clock).issue("zoe", Duration.ofMinutes(5)).token();
        new TokenService(db, accounts, clock).consume(spent);
        TokenService restarted = new TokenService(db, accounts, clock);
        assertThat(restarted.loadLive()).isEqualTo(1);
        assertThat(restarted.claimLive(t)).isInstanceOf(TokenService.LiveClaim.Claimed.class);
        assertThat(restarted.claimLive(spent)).isInstanceOf(TokenService.LiveClaim.AskTheStore.class);
    }

    @Test
    void aLoginTheJournalRefusesAsFullLeavesItsTokenUnspent() throws Exception {
        accounts.create("ida", "pw".toCharArray());
        Node n = journaled(db, dir.resolve("small"), accounts, tokens, clock, TTL, DuplicatePolicy.CLOSE_OLDER,
                new LoginJournal.Bounds(10, 3, LoginJournal.Bounds.DEFAULT.maxHeldBytes()));
        try {
            String first = token("ida");
            String second = token("ida");
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Boolean> holder = holdTheStore(release);
            try {
                // the first login's three entries fill the journal, since the store cannot take them while its rows are held
                assertThat(done(n.grants().spendToken(first, new FakeConnection(), NO_LIMIT))).isInstanceOf(TokenResult.Granted.class);
                assertThatThrownBy(() -> done(n.grants().spendToken(second, new FakeConnection(), NO_LIMIT)))
                        .hasRootCauseInstanceOf(StoreBusyException.class);
            } finally {
                release.countDown();
                holder.get(WAIT, TimeUnit.SECONDS);
            }
            Account a = accounts.find("ida").orElseThrow();
            assertThat(accounts.loginHistory(a.id(), 10)).as("the journal reached the store").hasSize(1);
            assertThat(done(n.grants().spendToken(second, new FakeConnection(), NO_LIMIT))).as("the refused login's token")
                    .isInstanceOf(TokenResult.Granted.class);
        } finally {
            n.closer().close();
        }
    }

    /** Holds every token's row and the login journal's checkpoint row (made first if missing) until {@code release}. */
    private CompletableFuture<Boolean> holdTheStore(CountDownLatch release) throws InterruptedException {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE journal_applied SET seq = seq WHERE journal = ?")) {
                ps.setString(1, LocalSessionRegistry.ALONE);
                if (ps.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO journal_applied (journal, seq) VALUES (?, 0)")) {
                ps.setString(1, LocalSessionRegistry.ALONE);
                return ps.executeUpdate();
            }
        });
        return HeldRows.hold(db, release, "UPDATE auth_tokens SET created_at = created_at", "UPDATE journal_applied SET seq = seq");
    }

    private static long count(Database db, String sql) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
