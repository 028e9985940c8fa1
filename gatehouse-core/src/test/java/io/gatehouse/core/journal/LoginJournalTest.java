package io.gatehouse.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.gatehouse.core.account.Account;
import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.account.IssuedToken;
import io.gatehouse.core.account.LoginEvent;
import io.gatehouse.core.account.LoginResult;
import io.gatehouse.core.account.TokenService;
import io.gatehouse.core.session.Secrets;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.store.DatabaseSettings;
import io.gatehouse.core.testing.HeldRows;
import io.gatehouse.core.testing.LogLines;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.core.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal against a real store: what it wrote becomes rows, but a spent token, which it holds
 * until the token expires; what a killed run left is applied at the next start and only once, a
 * frame the kill cut short is dropped, and an entry the store refuses does not hold back the others.
 */
class LoginJournalTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final LogLines logs = new LogLines(JournalApplier.class, Level.WARN);

    private final ManualScheduler clock = new ManualScheduler();
    private Database db;
    private Account account;
    private String token;
    private long tokenExpires;

    @BeforeEach
    void open() {
        db = TestDatabases.h2();
        AccountService accounts = TestDatabases.accounts(db, clock);
        account = accounts.create("ada", "pw".toCharArray());
        IssuedToken issued = new TokenService(db, accounts, clock).issue("ada", Duration.ofMinutes(5));
        token = issued.token();
        tokenExpires = issued.expiresAtMillis();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<JournalEntry> login(String sessionId) {
        long now = clock.nowMillis();
        return List.of(new JournalEntry.TokenSpent(Secrets.hash(token), now, tokenExpires),
                new JournalEntry.SessionOpened(Secrets.hash(sessionId), account.id(), "control", now, now + 3_600_000),
                new JournalEntry.LoginRecorded(new LoginEvent(account.id(), "ada", now, "127.0.0.1:4000", "control", LoginResult.SUCCESS)));
    }

    private LoginJournal open(LoginJournal.Bounds bounds) {
        return LoginJournal.open(dir, db, "local", false, bounds, clock::nowMillis);
    }

    @Test
    void whatWasAppendedBecomesRowsBeforeAReaderThatAwaitsIt() throws Exception {
        try (LoginJournal journal = open(LoginJournal.Bounds.DEFAULT)) {
            journal.append(login("s1")).get(30, TimeUnit.SECONDS);
            journal.awaitApplied();
            assertThat(count("SELECT COUNT(*) FROM auth_tokens WHERE used_at IS NOT NULL")).as("the journal holds the spend").isZero();
            assertThat(count("SELECT COUNT(*) FROM sessions WHERE id_hash = '" + Secrets.hash("s1") + "'")).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM login_events")).isEqualTo(1);
            assertThat(journal.unapplied()).isZero();
        }
    }

    @Test
    void whatAKilledRunLeftIsAppliedAtTheNextStartOnlyOnceAndItsCutFrameDropped() throws Exception {
        // a run killed after writing one whole frame and half of the next, before applying either
        byte[] whole = JournalCodec.encode(new JournalFrame(1, login("s1")));
        byte[] cut = JournalCodec.encode(new JournalFrame(2, login("s2")));
        Files.createDirectories(dir);
        Path segment = dir.resolve(String.format("logins-%019d.journal", 1));
        Files.write(segment, whole);
        Files.write(segment, Arrays.copyOf(cut, cut.length / 2), StandardOpenOption.APPEND);

        try (LoginJournal journal = open(LoginJournal.Bounds.DEFAULT)) {
            assertThat(count("SELECT COUNT(*) FROM sessions WHERE id_hash = '" + Secrets.hash("s1") + "'")).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM sessions WHERE id_hash = '" + Secrets.hash("s2") + "'")).as("never acknowledged").isZero();
            assertThat(count("SELECT COUNT(*) FROM auth_tokens WHERE used_at IS NOT NULL")).as("its unexpired spend made a row").isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM login_events")).isEqualTo(1);
            assertThat(segments()).as("applied segments are deleted").isEmpty();
            // the next frame continues the numbering past what was applied
            journal.append(login("s3")).get(30, TimeUnit.SECONDS);
            journal.awaitApplied();
        }
        // a run killed after applying its frames but before deleting their file: the next start applies none again
        Files.write(segment, whole);
        try (LoginJournal journal = open(LoginJournal.Bounds.DEFAULT)) {
            assertThat(count("SELECT COUNT(*) FROM login_events")).isEqualTo(2);
            assertThat(count("SELECT COUNT(*) FROM sessions")).isEqualTo(2);
        }
    }

    @Test
    void anEntryTheStoreRefusesIsSkippedAndTheOthersApplied() throws Exception {
        try (LoginJournal journal = open(LoginJournal.Bounds.DEFAULT)) {
            long now = clock.nowMillis();
            // no account 999: the session's foreign key refuses it
            journal.append(List.of(new JournalEntry.SessionOpened(Secrets.hash("orphan"), 999, "control", now, now + 1000))).get(30, TimeUnit.SECONDS);
            // sessions.front is VARCHAR(16): a value the column cannot take is refused on every try, so it is skipped too
            journal.append(List.of(new JournalEntry.SessionOpened(Secrets.hash("long"), account.id(), "f".repeat(17), now, now + 1000)))
                    .get(30, TimeUnit.SECONDS);
            journal.append(login("s1")).get(30, TimeUnit.SECONDS);
            journal.awaitApplied();
            assertThat(journal.skipped()).isEqualTo(2);
            assertThat(count("SELECT COUNT(*) FROM sessions")).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM login_events")).isEqualTo(1);
        }
    }

    @Test
    void manyRefusedEntriesAreCountedAllButLoggedOnlyAtFirst() throws Exception {
        try (LoginJournal journal = open(LoginJournal.Bounds.DEFAULT)) {
            long now = clock.nowMillis();
            List<JournalEntry> orphans = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                orphans.add(new JournalEntry.SessionOpened(Secrets.hash("orphan" + i), 999, "control", now, now + 1000));
            }
            journal.append(orphans).get(30, TimeUnit.SECONDS);
            journal.awaitApplied();
            assertThat(journal.skipped()).isEqualTo(30);
            assertThat(logs.at(Level.WARN)).filteredOn(l -> l.contains("refuses an entry")).hasSize(20);
        }
    }

    @Test
    void aJournalHoldingAsManyEntriesAsTheStoreLacksRefusesAtOnceAsBusy() throws Exception {
        try (LoginJournal journal = open(new LoginJournal.Bounds(10, 3, LoginJournal.Bounds.DEFAULT.maxHeldBytes()))) {
            journal.append(login("s0")).get(30, TimeUnit.SECONDS);
            journal.awaitApplied();
            CountDownLatch release = new CountDownLatch(1);
            // the journal's checkpoint row held: the applier cannot take the next login's three entries
            CompletableFuture<Boolean> holder = HeldRows.hold(db, release, "UPDATE journal_applied SET seq = seq");
            try {
                journal.append(login("s1")).get(30, TimeUnit.SECONDS);
                assertThat(journal.append(login("s2"))).isCompletedExceptionally();
                assertThat(journal.refused()).isEqualTo(1);
            } finally {
                release.countDown();
                holder.get(30, TimeUnit.SECONDS);
            }
            journal.awaitApplied();
            journal.append(login("s3")).get(30, TimeUnit.SECONDS);
            assertThat(journal.refused()).as("room again once the store took them").isEqualTo(1);
        }
    }

    @Test
    void aFrameAppliedEntryByEntryIsAppliedWhollyAfterARunStoppedHalfwayThroughIt() throws Exception {
        // a store whose lock waits end soon, so that a row held by another transaction fails a write (not a refusal)
        Database store = Database.open(new DatabaseSettings(TestDatabases.h2Url() + ";LOCK_TIMEOUT=100", null, null, 4));
        try (store) {
            AccountService accounts = TestDatabases.accounts(store, clock);
            Account una = accounts.create("una", "pw".toCharArray());
            IssuedToken spent = new TokenService(store, accounts, clock).issue("una", Duration.ofMinutes(5));
            long now = clock.nowMillis();
            List<JournalEntry> frame = List.of(
                    // no account 999: refused, so the frame is applied entry by entry
                    new JournalEntry.SessionOpened(Secrets.hash("orphan"), 999, "control", now, now + 1000),
                    new JournalEntry.TokenSpent(Secrets.hash(spent.token()), now, spent.expiresAtMillis()),
                    new JournalEntry.LoginRecorded(new LoginEvent(una.id(), "una", now, "127.0.0.1:4000", "control", LoginResult.SUCCESS)),
                    // its row is held by a transaction that never commits: the store fails this write
                    new JournalEntry.SessionOpened(Secrets.hash("s1"), una.id(), "control", now, now + 3_600_000));
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() -> store.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO sessions (id_hash, account_id, front, created_at, expires_at) VALUES (?, ?, 'control', 0, 1)")) {
                    ps.setString(1, Secrets.hash("s1"));
                    ps.setLong(2, una.id());
                    ps.executeUpdate();
                }
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new SQLException("rolled back");
            }));
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            try (LoginJournal journal = LoginJournal.open(dir, store, "local", false, LoginJournal.Bounds.DEFAULT, clock::nowMillis)) {
                journal.append(frame).get(30, TimeUnit.SECONDS);
                // the entry before the failing one is a row: the run stops there (as a kill would stop it)
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                        () -> count(store, "SELECT COUNT(*) FROM login_events") == 1);
            }
            release.countDown();
            assertThatThrownBy(() -> holder.get(30, TimeUnit.SECONDS));
            try (LoginJournal journal = LoginJournal.open(dir, store, "local", false, LoginJournal.Bounds.DEFAULT, clock::nowMillis)) {
                assertThat(count(store, "SELECT COUNT(*) FROM sessions WHERE id_hash = '" + Secrets.hash("s1") + "'"))
                        .as("the session after the entry that was a row").isEqualTo(1);
                assertThat(count(store, "SELECT COUNT(*) FROM auth_tokens WHERE used_at IS NOT NULL")).as("the spend it held").isEqualTo(1);
            }
        }
    }

    @Test
    void everyAppendIsAnsweredEvenWhenTheJournalClosesUnderIt() throws Exception {
        for (int run = 0; run < 10; run++) {
            LoginJournal journal = LoginJournal.open(dir.resolve("run" + run), db, "run" + run, false, LoginJournal.Bounds.DEFAULT, clock::nowMillis);
            List<CompletableFuture<Void>> answers = new CopyOnWriteArrayList<>();
            CountDownLatch started = new CountDownLatch(1);
            Thread appender = new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    answers.add(journal.append(List.of(new JournalEntry.LoginRecorded(
                            new LoginEvent(account.id(), "ada", i, "127.0.0.1:1", "control", LoginResult.OVER_LIMIT)))));
                    started.countDown();
                }
            });
            appender.start();
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            journal.close();
            appender.join(30_000);
            for (CompletableFuture<Void> f : answers) {
                assertThat(f.handle((written, refused) -> true).get(30, TimeUnit.SECONDS)).as("answered, written or refused").isTrue();
            }
        }
    }

    @Test
    void aFullJournalRefusesAtOnceAsBusy() {
        try (LoginJournal journal = open(new LoginJournal.Bounds(1, LoginJournal.Bounds.DEFAULT.maxUnapplied(), LoginJournal.Bounds.DEFAULT.maxHeldBytes()))) {
            // the writer takes one append at a time from a queue of one: many at once overflow it
            long refused = 0;
            for (int i = 0; i < 10_000 && refused == 0; i++) {
                if (journal.append(login("s" + i)).isCompletedExceptionally()) {
                    refused++;
                }
            }
            assertThat(journal.refused()).isEqualTo(refused).isPositive();
        }
    }

    /** Bounds that roll a segment every 4 KiB (about a dozen logins) and hold at most {@code heldBytes}. */
    private static LoginJournal.Bounds rollingSmall(long heldBytes) {
        return new LoginJournal.Bounds(10_000, 200_000, heldBytes);
    }

    @Test
    void aSegmentHoldingSpentTokensIsDeletedOnlyOnceTheyHaveExpired() throws Exception {
        try (LoginJournal journal = open(rollingSmall(32L << 10))) {
            for (int i = 0; i < 60; i++) {
                journal.append(login("s" + i)).get(30, TimeUnit.SECONDS);
            }
            journal.awaitApplied();
            assertThat(count("SELECT COUNT(*) FROM sessions")).isEqualTo(60);
            int files = journal.segmentFiles();
            assertThat(files).as("segments rolled").isGreaterThan(2);
            // applied, and kept a while longer: they are the record of the spends
            Thread.sleep(3 * LoginJournal.APPLY_EVERY_MILLIS);
            assertThat(journal.segmentFiles()).isEqualTo(files);
            assertThat(journal.heldBytes()).isPositive();

            clock.advance(Duration.ofMillis(tokenExpires - clock.nowMillis()));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> journal.segmentFiles() == 1);
            assertThat(journal.heldBytes()).isZero();
        }
        assertThat(count("SELECT COUNT(*) FROM auth_tokens WHERE used_at IS NOT NULL")).as("an expired token needs no row").isZero();
    }

    @Test
    void aCleanStopMakesTheSpendsItHoldsRowsAndLeavesNoFile() throws Exception {
        try (LoginJournal journal = open(LoginJournal.Bounds.DEFAULT)) {
            journal.append(login("s1")).get(30, TimeUnit.SECONDS);
            journal.awaitApplied();
            assertThat(usedAt(token)).as("held while the node runs").isNull();
        }
        assertThat(usedAt(token)).isNotNull();
        assertThat(segments()).isEmpty();
    }

    @Test
    void whatTheStoreDoesNotTakeAtStopStaysForTheNextStart() throws Exception {
        // a store whose lock waits end soon: the token's row, held by another transaction, fails the stop's write
        Database store = Database.open(new DatabaseSettings(TestDatabases.h2Url() + ";LOCK_TIMEOUT=100", null, null, 4));
        try (store) {
            AccountService accounts = TestDatabases.accounts(store, clock);
            accounts.create("una", "pw".toCharArray());
            IssuedToken t = new TokenService(store, accounts, clock).issue("una", Duration.ofMinutes(5));
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Boolean> holder = HeldRows.hold(store, release, "UPDATE auth_tokens SET created_at = created_at");
            try (LoginJournal journal = LoginJournal.open(dir, store, "local", false, LoginJournal.Bounds.DEFAULT, clock::nowMillis)) {
                journal.append(List.of(new JournalEntry.TokenSpent(Secrets.hash(t.token()), clock.nowMillis(), t.expiresAtMillis())))
                        .get(30, TimeUnit.SECONDS);
                journal.awaitApplied();
            } finally {
                release.countDown();
                holder.get(30, TimeUnit.SECONDS);
            }
            assertThat(segments()).as("kept for the next start").isNotEmpty();
            LoginJournal.recover(dir, store, "local", clock::nowMillis);
            assertThat(count(store, "SELECT COUNT(*) FROM auth_tokens WHERE used_at IS NOT NULL")).isEqualTo(1);
            assertThat(segments()).isEmpty();
        }
    }

    @Test
    void theSpendsAKilledRunHeldBecomeRowsAtTheNextStartUnlessTheirTokensHaveExpired() throws Exception {
        IssuedToken brief = briefToken();
        killedRunHeld(brief);
        clock.advance(Duration.ofMinutes(1));
        try (LoginJournal journal = open(LoginJournal.Bounds.DEFAULT)) {
            assertThat(usedAt(token)).as("the token live for five minutes").isNotNull();
            assertThat(usedAt(brief.token())).as("the token that expired after thirty seconds").isNull();
            assertThat(segments()).isEmpty();
            assertThat(count("SELECT COUNT(*) FROM login_events")).as("applied before the kill, not again").isZero();
        }
    }

    @Test
    void aStartAppliesOnlyTheFramesPastTheCheckpointAcrossSegments() throws Exception {
        writeSegment(1, frame(1, "s1"), frame(2, "s2"));
        writeSegment(3, frame(3, "s3"), frame(4, "s4"));
        writeSegment(5, frame(5, "s5"));
        checkpoint(3);
        try (LoginJournal journal = open(LoginJournal.Bounds.DEFAULT)) {
            assertThat(count("SELECT COUNT(*) FROM sessions")).isEqualTo(2);
            assertThat(count("SELECT COUNT(*) FROM sessions WHERE id_hash IN ('" + Secrets.hash("s4") + "', '" + Secrets.hash("s5") + "')"))
                    .isEqualTo(2);
            journal.append(login("s6")).get(30, TimeUnit.SECONDS);
            journal.awaitApplied();
        }
        assertThat(count("SELECT seq FROM journal_applied WHERE journal = 'local'")).as("numbered on past the files").isEqualTo(6);
    }

    @Test
    void aDamagedOlderSegmentIsKeptAsideAndWhatReadsOfItAndAfterItIsApplied() throws Exception {
        byte[] damaged = frame(2, "s2");
        damaged[damaged.length - 1] ^= 0x40;
        writeSegment(1, frame(1, "s1"), damaged, frame(3, "s3"));
        writeSegment(4, frame(4, "s4"));
        try (LoginJournal journal = open(LoginJournal.Bounds.DEFAULT)) {
            assertThat(count("SELECT COUNT(*) FROM sessions")).as("s1 and s4; s2 and s3 do not read").isEqualTo(2);
            assertThat(segments()).isEmpty();
            assertThat(dir.resolve(String.format("logins-%019d.journal.damaged", 1))).exists();
        }
    }

    private byte[] frame(long seq, String sessionId) {
        List<JournalEntry> entries = new ArrayList<>(login(sessionId));
        entries.remove(0);
        return JournalCodec.encode(new JournalFrame(seq, entries));
    }

    private void writeSegment(long firstSeq, byte[]... frames) throws Exception {
        Path p = dir.resolve(String.format("logins-%019d.journal", firstSeq));
        for (byte[] f : frames) {
            Files.write(p, f, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private void checkpoint(long seq) {
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("INSERT INTO journal_applied (journal, seq) VALUES ('local', " + seq + ")");
            }
        });
    }

    @Test
    void aSpendInAFileOfTheFirstVersionBecomesARowAtTheStart() throws Exception {
        // the first version made spends rows as it applied them, so a file it left after its checkpoint still needs them
        Files.write(dir.resolve(String.format("logins-%019d.journal", 1)), JournalCodecTest.firstVersionSpend(1, Secrets.hash(token), 7L));
        try (LoginJournal journal = open(LoginJournal.Bounds.DEFAULT)) {
            assertThat(usedAt(token)).isEqualTo("7");
            assertThat(segments()).isEmpty();
        }
    }

    @Test
    void aStartWithoutAJournalStillMakesRowsOfWhatTheJournalLeft() throws Exception {
        LoginJournal.recover(dir.resolve("none"), db, "local", clock::nowMillis);
        assertThat(dir.resolve("none")).doesNotExist();
        IssuedToken brief = briefToken();
        killedRunHeld(brief);
        LoginJournal.recover(dir, db, "local", clock::nowMillis);
        assertThat(usedAt(token)).isNotNull();
        assertThat(usedAt(brief.token())).isNotNull();
        assertThat(segments()).isEmpty();
    }

    private IssuedToken briefToken() {
        return new TokenService(db, TestDatabases.accounts(db, clock), clock).issue("ada", Duration.ofSeconds(30));
    }

    /** The files of a run killed after it applied two frames, whose spends it held: {@link #token}'s and {@code brief}'s. */
    private void killedRunHeld(IssuedToken brief) throws Exception {
        long now = clock.nowMillis();
        List<JournalEntry> first = new ArrayList<>(login("s1"));
        first.remove(1);
        Files.write(dir.resolve(String.format("logins-%019d.journal", 1)), JournalCodec.encode(new JournalFrame(1, first)));
        Files.write(dir.resolve(String.format("logins-%019d.journal", 2)), JournalCodec.encode(new JournalFrame(2,
                List.of(new JournalEntry.TokenSpent(Secrets.hash(brief.token()), now, brief.expiresAtMillis())))));
        checkpoint(2);
    }

    @Test
    void pastTheHeldBoundTheOldestSpendsBecomeRowsAndAreHeard() throws Exception {
        AccountService accounts = TestDatabases.accounts(db, clock);
        TokenService issuer = new TokenService(db, accounts, clock);
        List<String> heard = new CopyOnWriteArrayList<>();
        long bound = 16L << 10;
        try (LoginJournal journal = open(rollingSmall(bound))) {
            journal.whenApplied(e -> {
                if (e instanceof JournalEntry.TokenSpent t) {
                    heard.add(t.tokenHash());
                }
            });
            for (int i = 0; i < 300; i++) {
                IssuedToken t = issuer.issue("ada", Duration.ofMinutes(5));
                long now = clock.nowMillis();
                journal.append(List.of(new JournalEntry.TokenSpent(Secrets.hash(t.token()), now, t.expiresAtMillis()),
                        new JournalEntry.LoginRecorded(new LoginEvent(account.id(), "ada", now, "127.0.0.1:4000", "control", LoginResult.SUCCESS))))
                        .get(30, TimeUnit.SECONDS);
            }
            journal.awaitApplied();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> journal.heldBytes() <= bound);
            long rows = count("SELECT COUNT(*) FROM auth_tokens WHERE used_at IS NOT NULL");
            assertThat(rows).as("the spends let go of early").isPositive().isLessThan(300);
            assertThat(heard).as("each heard once it is a row").hasSize((int) rows).doesNotHaveDuplicates();
        }
        assertThat(count("SELECT COUNT(*) FROM login_events")).isEqualTo(300);
    }

    private String usedAt(String token) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT used_at FROM auth_tokens WHERE token_hash = ?")) {
                ps.setString(1, Secrets.hash(token));
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("the token's row").isTrue();
                    return rs.getString(1);
                }
            }
        });
    }

    private List<Path> segments() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".journal")).toList();
        }
    }

    private long count(String sql) {
        return count(db, sql);
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
