package io.gatehouse.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.account.Account;
import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.account.LoginEvent;
import io.gatehouse.core.account.LoginResult;
import io.gatehouse.core.account.TokenService;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.testing.FakeConnection;
import io.gatehouse.core.testing.Latches;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.core.testing.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionRegistry} with its {@link SessionGrants} does, whatever stands
 * behind it: the local one runs it on H2 and PostgreSQL, the cluster's runs it too. A subclass
 * opens a fresh store and builds a registry and its grants over it; the contract creates
 * accounts and issues tokens through the core's services on that store, and talks to the
 * registry only through the two interfaces.
 *
 * <p>Futures are waited for with a bound ({@link #WAIT}), never timed: nothing here asserts how
 * long anything takes.
 */
public abstract class SessionRegistryContract {

    /** How long a session lives in these tests. */
    protected static final Duration TTL = Duration.ofHours(1);
    /** The longest a test waits for one answer before it fails (a hang, not a slow answer). */
    protected static final long WAIT = 30;
    protected static final int NO_LIMIT = Integer.MAX_VALUE;

    /** A registry and its grants, and what closes them. */
    protected record Node(SessionRegistry registry, SessionGrants grants, AutoCloseable closer) {
    }

    protected final ManualScheduler clock = new ManualScheduler();
    protected Database db;
    protected AccountService accounts;
    protected TokenService tokens;
    private AutoCloseable store;
    private final List<AutoCloseable> nodes = new ArrayList<>();

    /** Opens a fresh store, handing it to {@code sink}; the returned handle drops it. */
    protected abstract AutoCloseable openStore(Consumer<Database> sink);

    /** {@link #openStore} on a fresh in-memory H2. */
    protected static AutoCloseable h2(Consumer<Database> sink) {
        Database db = TestDatabases.h2();
        sink.accept(db);
        return db;
    }

    /** {@link #openStore} on a fresh schema of the suite's PostgreSQL (skipped without one, unless the test command requires it). */
    protected static AutoCloseable postgres(Consumer<Database> sink) {
        TestDatabases.ScopedDatabase scoped = TestDatabases.postgres();
        sink.accept(scoped.db());
        return scoped;
    }

    /**
     * A registry and its grants over {@code db} and the core's account services on it (the
     * contract reads the login events they record), on {@code clock}, whose sessions live {@code ttl}.
     */
    protected abstract Node node(Database db, AccountService accounts, TokenService tokens, ManualScheduler clock, Duration ttl,
                                 DuplicatePolicy duplicates);

    @BeforeEach
    void openContract() {
        store = openStore(d -> db = d);
        accounts = TestDatabases.accounts(db, clock);
        tokens = new TokenService(db, accounts, clock);
    }

    @AfterEach
    void closeContract() throws Exception {
        for (AutoCloseable n : nodes) {
            n.close();
        }
        if (store != null) {
            store.close();
        }
    }

    protected final Node node(DuplicatePolicy duplicates) {
        Node n = node(db, accounts, tokens, clock, TTL, duplicates);
        nodes.add(0, n.closer());
        return n;
    }

    protected final Node node() {
        return node(DuplicatePolicy.CLOSE_OLDER);
    }

    protected static <T> T done(CompletableFuture<T> f) throws Exception {
        return f.get(WAIT, TimeUnit.SECONDS);
    }

    /** Waits for the latch at most {@link #WAIT} seconds; false when it did not open (or the wait was interrupted). */
    protected static boolean awaitQuietly(CountDownLatch latch) {
        return Latches.awaitQuietly(latch, WAIT);
    }

    protected final String token(String username) {
        return tokens.issue(username, Duration.ofMinutes(5)).token();
    }

    /** A token login that must be granted. */
    protected final Session granted(Node n, String username, Connection c) throws Exception {
        TokenResult r = done(n.grants().spendToken(token(username), c, NO_LIMIT));
        assertThat(r).isInstanceOf(TokenResult.Granted.class);
        return ((TokenResult.Granted) r).session();
    }

    private List<LoginResult> history(Account a) {
        return accounts.loginHistory(a.id(), 10).stream().map(LoginEvent::result).toList();
    }

    // ---- token logins ----------------------------------------------------------------------------

    @Test
    void aTokenBuysASessionOnTheConnectionsFrontWithItsLoginEvent() throws Exception {
        Account a = accounts.create("ada", "pw".toCharArray());
        Node n = node();
        FakeConnection c = new FakeConnection("control");
        TokenResult r = done(n.grants().spendToken(token("ada"), c, NO_LIMIT));

        assertThat(r).isInstanceOfSatisfying(TokenResult.Granted.class, g -> {
            assertThat(g.online()).isEqualTo(1);
            assertThat(g.session().accountId()).isEqualTo(a.id());
            assertThat(g.session().username()).isEqualTo("ada");
            assertThat(g.session().front()).isEqualTo("control");
            assertThat(g.session().expiresAtMillis()).isEqualTo(clock.nowMillis() + TTL.toMillis());
        });
        Session s = ((TokenResult.Granted) r).session();
        assertThat(done(n.registry().live())).containsExactly(
                new LiveSession(s.id(), "control", a.id(), "ada", c.remoteAddress(), clock.nowMillis(), s.expiresAtMillis(), "local"));
        assertThat(n.registry().onlineCount(a.id())).isEqualTo(1);
        assertThat(n.registry().countByFront()).isEqualTo(Map.of("control", 1));
        assertThat(history(a)).containsExactly(LoginResult.SUCCESS);
    }

    @Test
    void aTokenIsSpentOnceAndUnknownOrExpiredTokensBuyNothing() throws Exception {
        accounts.create("bea", "pw".toCharArray());
        Node n = node();
        String t = token("bea");
        assertThat(done(n.grants().spendToken(t, new FakeConnection(), NO_LIMIT))).isInstanceOf(TokenResult.Granted.class);
        assertThat(done(n.grants().spendToken(t, new FakeConnection(), NO_LIMIT))).isInstanceOf(TokenResult.BadToken.class);
        assertThat(done(n.grants().spendToken("never-issued", new FakeConnection(), NO_LIMIT))).isInstanceOf(TokenResult.BadToken.class);
        assertThat(done(n.grants().spendToken("", new FakeConnection(), NO_LIMIT))).isInstanceOf(TokenResult.BadToken.class);
        String late = token("bea");
        clock.advance(Duration.ofMinutes(5));
        assertThat(done(n.grants().spendToken(late, new FakeConnection(), NO_LIMIT))).isInstanceOf(TokenResult.BadToken.class);
        assertThat(done(n.registry().live())).hasSize(1);
    }

    @Test
    void aBlockedAccountsTokenIsSpentAndBuysNothing() throws Exception {
        Account a = accounts.create("cid", "pw".toCharArray());
        Node n = node();
        String t = token("cid");
        accounts.ban("cid", "cheating", null);
        FakeConnection c = new FakeConnection();
        assertThat(done(n.grants().spendToken(t, c, NO_LIMIT))).isEqualTo(new TokenResult.Blocked(LoginResult.BANNED));
        assertThat(done(n.registry().live())).isEmpty();
        assertThat(n.registry().onlineCount(a.id())).isZero();
        accounts.reinstate("cid");
        assertThat(done(n.grants().spendToken(t, c, NO_LIMIT))).as("spent by the refused attempt").isInstanceOf(TokenResult.BadToken.class);
        assertThat(history(a)).contains(LoginResult.BANNED);
    }

    @Test
    void grantsRacingForAnAccountsLastPlacesGetThemAndNoMore() throws Exception {
        Account a = accounts.create("dan", "pw".toCharArray());
        Node n = node();
        int limit = 2;
        int racers = 6;
        List<String> raced = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            raced.add(token("dan"));
        }
        List<Object> answers = race(racers, i -> () -> n.grants().spendToken(raced.get(i), new FakeConnection(), limit));

        assertThat(answers).filteredOn(TokenResult.Granted.class::isInstance).hasSize(limit);
        assertThat(answers).filteredOn(TokenResult.OverLimit.class::isInstance).hasSize(racers - limit)
                .allSatisfy(o -> assertThat(o).isEqualTo(new TokenResult.OverLimit(limit)));
        assertThat(n.registry().onlineCount(a.id())).as("refused grants gave their places back").isEqualTo(limit);
        for (String t : raced) {
            assertThat(done(n.grants().spendToken(t, new FakeConnection(), NO_LIMIT))).as("every raced token is spent")
                    .isInstanceOf(TokenResult.BadToken.class);
        }
    }

    @Test
    void grantsAndResumesRacingForOnePlaceLeaveOneWinner() throws Exception {
        Account a = accounts.create("eve", "pw".toCharArray());
        Node n = node();
        List<String> idle = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FakeConnection dropped = new FakeConnection();
            idle.add(granted(n, "eve", dropped).id());
            n.registry().release(dropped);
        }
        List<String> fresh = List.of(token("eve"), token("eve"), token("eve"));
        List<Object> answers = race(6, i -> i < 3
                ? () -> n.grants().resume(idle.get(i), new FakeConnection(), 1)
                : () -> n.grants().spendToken(fresh.get(i - 3), new FakeConnection(), 1));

        assertThat(answers).filteredOn(o -> o instanceof TokenResult.Granted || o instanceof ResumeResult.Resumed).hasSize(1);
        assertThat(answers).filteredOn(o -> o instanceof TokenResult.OverLimit || o instanceof ResumeResult.OverLimit).hasSize(5);
        assertThat(n.registry().onlineCount(a.id())).isEqualTo(1);
    }

    /**
     * Starts {@code count} calls together from as many threads and returns their answers in
     * call order; each thread waits at one gate so that the calls overlap as much as they can.
     */
    private static List<Object> race(int count, java.util.function.IntFunction<Supplier<CompletableFuture<?>>> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<CompletableFuture<?>>> started = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Supplier<CompletableFuture<?>> c = call.apply(i);
                started.add(threads.submit(() -> {
                    gate.await();
                    return c.get();
                }));
            }
            gate.countDown();
            List<Object> answers = new ArrayList<>();
            for (Future<CompletableFuture<?>> s : started) {
                answers.add(s.get(WAIT, TimeUnit.SECONDS).get(WAIT, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }

    // ---- resume ------------------------------------------------------------------------------------

    @Test
    void resumeRenewsTheIdAndTheOldOneStopsWorking() throws Exception {
        Account a = accounts.create("fay", "pw".toCharArray());
        Node n = node();
        FakeConnection first = new FakeConnection("control");
        Session s1 = granted(n, "fay", first);
        n.registry().release(first);
        assertThat(n.registry().onlineCount(a.id())).isZero();
        clock.advance(Duration.ofMinutes(10));

        FakeConnection second = new FakeConnection("control");
        ResumeResult r = done(n.grants().resume(s1.id(), second, NO_LIMIT));
        assertThat(r).isInstanceOfSatisfying(ResumeResult.Resumed.class, resumed -> {
            assertThat(resumed.session().id()).isNotEqualTo(s1.id());
            assertThat(resumed.session().accountId()).isEqualTo(a.id());
            assertThat(resumed.session().expiresAtMillis()).as("a renewal lives a whole ttl again")
                    .isEqualTo(clock.nowMillis() + TTL.toMillis());
            assertThat(resumed.online()).isEqualTo(1);
        });
        Session s2 = ((ResumeResult.Resumed) r).session();
        assertThat(done(n.registry().live())).extracting(LiveSession::id).containsExactly(s2.id());
        assertThat(done(n.grants().resume(s1.id(), new FakeConnection(), NO_LIMIT))).as("the old id is spent")
                .isInstanceOf(ResumeResult.Expired.class);
        assertThat(history(a)).containsExactly(LoginResult.SUCCESS, LoginResult.SUCCESS);

        n.registry().release(second);
        clock.advance(TTL);
        assertThat(done(n.grants().resume(s2.id(), new FakeConnection(), NO_LIMIT))).as("expired")
                .isInstanceOf(ResumeResult.Expired.class);
        assertThat(done(n.grants().resume("never-granted", new FakeConnection(), NO_LIMIT))).isInstanceOf(ResumeResult.Expired.class);
    }

    @Test
    void aDuplicateClosesTheOlderConnectionUnderCloseOlder() throws Exception {
        Account a = accounts.create("gus", "pw".toCharArray());
        Node n = node(DuplicatePolicy.CLOSE_OLDER);
        FakeConnection older = new FakeConnection();
        Session s = granted(n, "gus", older);
        FakeConnection newer = new FakeConnection();
        assertThat(done(n.grants().resume(s.id(), newer, NO_LIMIT))).isInstanceOf(ResumeResult.Resumed.class);
        assertThat(older.closes()).containsExactly(CloseReason.DUPLICATE_LOGIN);
        assertThat(newer.closes()).isEmpty();
        assertThat(n.registry().onlineCount(a.id())).isEqualTo(1);
        assertThat(done(n.registry().live())).hasSize(1);
    }

    @Test
    void aDuplicateIsRefusedUnderRejectNewerUntilTheOlderIsReleased() throws Exception {
        accounts.create("hal", "pw".toCharArray());
        Node n = node(DuplicatePolicy.REJECT_NEWER);
        FakeConnection older = new FakeConnection();
        Session s = granted(n, "hal", older);
        assertThat(done(n.grants().resume(s.id(), new FakeConnection(), NO_LIMIT))).isInstanceOf(ResumeResult.Duplicate.class);
        assertThat(older.closes()).isEmpty();
        n.registry().release(older);
        assertThat(done(n.grants().resume(s.id(), new FakeConnection(), NO_LIMIT))).as("free again once released")
                .isInstanceOf(ResumeResult.Resumed.class);
    }

    @Test
    void aResumeAtTheLimitIsRefusedAndTheSessionStaysValid() throws Exception {
        Account a = accounts.create("ida", "pw".toCharArray());
        Node n = node();
        FakeConnection dropped = new FakeConnection();
        Session idle = granted(n, "ida", dropped);
        n.registry().release(dropped);
        FakeConnection live = new FakeConnection();
        Session liveSession = granted(n, "ida", live);

        FakeConnection newcomer = new FakeConnection();
        assertThat(done(n.grants().resume(idle.id(), newcomer, 1))).isEqualTo(new ResumeResult.OverLimit(1));
        assertThat(n.registry().onlineCount(a.id())).isEqualTo(1);
        assertThat(live.closes()).isEmpty();
        assertThat(history(a)).contains(LoginResult.OVER_LIMIT);

        FakeConnection takeover = new FakeConnection();
        assertThat(done(n.grants().resume(liveSession.id(), takeover, 1))).as("taking over its own connection takes no new place")
                .isInstanceOf(ResumeResult.Resumed.class);
        assertThat(live.closes()).containsExactly(CloseReason.DUPLICATE_LOGIN);
        assertThat(n.registry().onlineCount(a.id())).isEqualTo(1);

        n.registry().release(takeover);
        assertThat(done(n.grants().resume(idle.id(), newcomer, 1))).as("the refused session still resumes once a place is free")
                .isInstanceOf(ResumeResult.Resumed.class);
    }

    @Test
    void aBannedAccountCannotResume() throws Exception {
        accounts.create("jo", "pw".toCharArray());
        Node n = node();
        FakeConnection c = new FakeConnection();
        Session s = granted(n, "jo", c);
        n.registry().release(c);
        accounts.ban("jo", "x", null);
        assertThat(done(n.grants().resume(s.id(), new FakeConnection(), NO_LIMIT))).isInstanceOf(ResumeResult.AccountBlocked.class);
        accounts.reinstate("jo");
        assertThat(done(n.grants().resume(s.id(), new FakeConnection(), NO_LIMIT))).as("the refused session was spent")
                .isInstanceOf(ResumeResult.Expired.class);
    }

    // ---- operators ---------------------------------------------------------------------------------

    @Test
    void aKickRevokesTheSessionAndClosesItsConnectionWithItsFrontsAnswer() throws Exception {
        accounts.create("kit", "pw".toCharArray());
        Node n = node();
        FakeConnection c = new FakeConnection("control");
        Session s = granted(n, "kit", c);
        assertThat(done(n.registry().kick(s.id()))).contains(new Kicked(s.id(), "control", "control says kicked"));
        assertThat(c.closes()).containsExactly(CloseReason.KICKED);
        assertThat(done(n.registry().live())).isEmpty();
        assertThat(done(n.grants().resume(s.id(), new FakeConnection(), NO_LIMIT))).isInstanceOf(ResumeResult.Expired.class);
        assertThat(done(n.registry().kick(s.id()))).isEmpty();
        assertThat(done(n.registry().kick("never-granted"))).isEmpty();
    }

    @Test
    void aKickOfAStoredSessionWithNoConnectionOnlyRevokesIt() throws Exception {
        accounts.create("lea", "pw".toCharArray());
        Node n = node();
        FakeConnection c = new FakeConnection("control");
        Session s = granted(n, "lea", c);
        n.registry().release(c);
        assertThat(done(n.registry().kick(s.id()))).contains(new Kicked(s.id(), "control", Kicked.NOT_CONNECTED));
        assertThat(c.closes()).isEmpty();
        assertThat(done(n.grants().resume(s.id(), new FakeConnection(), NO_LIMIT))).isInstanceOf(ResumeResult.Expired.class);
    }

    @Test
    void closeAccountClosesItsConnectionsOnEveryFrontAndNoOneElses() throws Exception {
        Account bob = accounts.create("bob", "pw".toCharArray());
        Node n = node();
        FakeConnection control = new FakeConnection("control");
        granted(n, "bob", control);
        FakeConnection marauroa = new FakeConnection("marauroa");
        n.registry().attach(marauroa, bob.id(), "bob");
        FakeConnection other = new FakeConnection("marauroa");
        String otherId = n.registry().attach(other, bob.id() + 1, "carl");

        assertThat(done(n.registry().closeAccount(bob.id(), CloseReason.KICKED, "banned"))).isEqualTo(2);

        assertThat(control.closes()).containsExactly(CloseReason.KICKED);
        assertThat(marauroa.closes()).containsExactly(CloseReason.KICKED);
        assertThat(other.closes()).isEmpty();
        assertThat(done(n.registry().live())).extracting(LiveSession::id).containsExactly(otherId);
        assertThat(n.registry().onlineCount(bob.id())).isZero();
        assertThat(done(n.registry().closeAccount(bob.id(), CloseReason.KICKED, "again"))).isZero();
    }

    @Test
    void closeAllClosesEveryConnectionWithTheReason() throws Exception {
        accounts.create("max", "pw".toCharArray());
        Node n = node();
        FakeConnection control = new FakeConnection("control");
        granted(n, "max", control);
        FakeConnection vcmi = new FakeConnection("vcmi");
        n.registry().attach(vcmi, null, "ann");
        n.registry().closeAll(CloseReason.SERVER_SHUTDOWN);
        assertThat(control.closes()).containsExactly(CloseReason.SERVER_SHUTDOWN);
        assertThat(vcmi.closes()).containsExactly(CloseReason.SERVER_SHUTDOWN);
    }

    // ---- the other fronts' sessions ----------------------------------------------------------------

    @Test
    void attachedSessionsAreListedWithTheirFrontAndAccountOldestFirst() throws Exception {
        Node n = node();
        FakeConnection astron = new FakeConnection("astron");
        FakeConnection vcmi = new FakeConnection("vcmi");
        long start = clock.nowMillis();
        String a = n.registry().attach(astron, null, null);
        clock.advance(Duration.ofSeconds(1));
        String v = n.registry().attach(vcmi, null, "ann");

        assertThat(done(n.registry().live())).containsExactly(
                new LiveSession(a, "astron", null, null, "127.0.0.1:1", start, null, "local"),
                new LiveSession(v, "vcmi", null, "ann", "127.0.0.1:1", start + 1000, null, "local"));
        assertThat(n.registry().countByFront()).isEqualTo(Map.of("astron", 1, "vcmi", 1));
        assertThat(n.registry().count("astron")).isEqualTo(1);
        assertThat(n.registry().count("control")).isZero();
    }

    @Test
    void identifyNamesTheAccountOfAnAttachedSession() throws Exception {
        Node n = node();
        FakeConnection astron = new FakeConnection("astron");
        n.registry().attach(astron, null, null);
        n.registry().identify(astron, null, "4097");
        assertThat(done(n.registry().live())).extracting(LiveSession::account).containsExactly("4097");
        n.registry().identify(new FakeConnection("astron"), null, "not attached");
        assertThat(done(n.registry().live())).extracting(LiveSession::account).containsExactly("4097");
    }

    @Test
    void aKickClosesAnAttachedSessionWithItsFrontsAnswer() throws Exception {
        Node n = node();
        FakeConnection marauroa = new FakeConnection("marauroa");
        String id = n.registry().attach(marauroa, 7L, "bob");
        assertThat(done(n.registry().kick(id))).contains(new Kicked(id, "marauroa", "marauroa says kicked"));
        assertThat(marauroa.closes()).containsExactly(CloseReason.KICKED);
        assertThat(done(n.registry().live())).isEmpty();
        assertThat(n.registry().countByFront()).isEmpty();
        assertThat(done(n.registry().kick(id))).isEmpty();
    }

    @Test
    void releaseEndsAnAttachedSessionWithoutClosingIt() throws Exception {
        Node n = node();
        FakeConnection vcmi = new FakeConnection("vcmi");
        n.registry().attach(vcmi, null, "ann");
        n.registry().release(vcmi);
        assertThat(done(n.registry().live())).isEmpty();
        assertThat(n.registry().countByFront()).isEmpty();
        assertThat(vcmi.closes()).isEmpty();
        n.registry().release(vcmi);
        assertThat(n.registry().count("vcmi")).as("releasing twice counts once").isZero();
    }

    @Test
    void attachedSessionsTakeNoneOfAnAccountsConnectionLimitPlaces() throws Exception {
        Account a = accounts.create("nia", "pw".toCharArray());
        Node n = node();
        n.registry().attach(new FakeConnection("marauroa"), a.id(), "nia");
        assertThat(n.registry().onlineCount(a.id())).isZero();
        assertThat(done(n.grants().spendToken(token("nia"), new FakeConnection("control"), 1))).isInstanceOf(TokenResult.Granted.class);
        assertThat(n.registry().countByFront()).isEqualTo(Map.of("control", 1, "marauroa", 1));
    }

    // ---- expiry ------------------------------------------------------------------------------------

    @Test
    void purgeExpiredDeletesOnlySessionsPastTheirExpiryOnTheClock() throws Exception {
        accounts.create("ola", "pw".toCharArray());
        Node n = node();
        FakeConnection c = new FakeConnection();
        Session old = granted(n, "ola", c);
        n.registry().release(c);
        clock.advance(TTL.minusMinutes(1));
        Session young = granted(n, "ola", new FakeConnection());

        assertThat(n.registry().purgeExpired()).as("nothing expired yet").isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(n.registry().purgeExpired()).isEqualTo(1);
        assertThat(n.registry().purgeExpired()).isZero();
        assertThat(done(n.grants().resume(old.id(), new FakeConnection(), NO_LIMIT))).isInstanceOf(ResumeResult.Expired.class);
        assertThat(done(n.grants().resume(young.id(), new FakeConnection(), NO_LIMIT))).isInstanceOf(ResumeResult.Resumed.class);
    }
}
