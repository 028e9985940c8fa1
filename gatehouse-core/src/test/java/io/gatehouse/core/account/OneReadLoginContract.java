package io.gatehouse.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.store.Counts;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.store.DatabaseSettings;
import io.gatehouse.core.testing.CommitCounter;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.core.testing.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AccountService#loginInOneRead} (issue 14): a successful login is one store
 * transaction, counted by the commits of the store's connections; its event joins the next
 * batch, and until then the account's next login finds it as its previous one. A token login
 * ({@link TokenService#login}) is one transaction too, its success written in it. Run once per
 * database product by the subclasses.
 */
abstract class OneReadLoginContract {

    private final ManualScheduler clock = new ManualScheduler();
    private AutoCloseable handle;
    private CommitCounter counter;
    private Database db;
    private AccountService accounts;
    private CharacterStore characters;
    private long ownReads;

    /** The URL of a fresh database, and what drops it once the store is closed. */
    protected abstract Fresh fresh();

    protected record Fresh(String url, Runnable drop) {
    }

    @BeforeEach
    void setUp() {
        Fresh f = fresh();
        counter = CommitCounter.over(f.url());
        db = Database.open(new DatabaseSettings(counter.url(), null, null, 4));
        handle = () -> {
            db.close();
            f.drop().run();
        };
        accounts = TestDatabases.accounts(db, clock);
        characters = new CharacterStore(db, clock, "marauroa");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (handle != null) {
            // null when the store was not there to open (a test skipped for want of PostgreSQL)
            handle.close();
        }
    }

    @Test
    void aSuccessfulLoginIsOneTransactionAndItsEventJoinsTheNextBatch() {
        Account ann = accounts.create("ann", "secret".toCharArray());
        characters.create(ann.id(), "hero", new byte[] {1});
        characters.create(ann.id(), "mage", new byte[] {2});
        long before = transactions();

        CheckedLogin<List<CharacterStore.StoredCharacter>> in = login("ann", "secret", "192.0.2.1");

        assertThat(in.outcome().result()).isEqualTo(LoginResult.SUCCESS);
        assertThat(in.outcome().account()).isEqualTo(ann);
        assertThat(in.previous()).as("no login before").isEmpty();
        assertThat(in.read()).extracting(CharacterStore.StoredCharacter::name).containsExactly("hero", "mage");
        assertThat(transactionsSince(before)).as("account, hash, status, previous login and characters in one transaction").isEqualTo(1);
        assertThat(eventRows()).as("the success waits for the batch").isZero();

        clock.advance(AccountService.FLUSH_AFTER);
        assertThat(transactionsSince(before)).as("then one batch").isEqualTo(2);
        assertThat(eventRows()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        CheckedLogin<List<CharacterStore.StoredCharacter>> again = login("ann", "secret", "192.0.2.2");
        assertThat(again.previous()).as("the stored one").hasValueSatisfying(e -> {
            assertThat(e.address()).isEqualTo("192.0.2.1");
            assertThat(e.result()).isEqualTo(LoginResult.SUCCESS);
        });
        assertThat(transactionsSince(before)).isEqualTo(3);
    }

    @Test
    void manySuccessesShareOneWrite() {
        accounts.create("bea", "secret".toCharArray());
        long before = transactions();
        for (int i = 0; i < 50; i++) {
            assertThat(login("bea", "secret", "192.0.2." + i).outcome().ok()).isTrue();
        }
        assertThat(transactionsSince(before)).as("one read each").isEqualTo(50);
        clock.advance(AccountService.FLUSH_AFTER);
        assertThat(transactionsSince(before)).as("and one write for all").isEqualTo(51);
        assertThat(eventRows()).isEqualTo(50);
    }

    @Test
    void thePreviousLoginIsFoundWhileItStillWaits() {
        accounts.create("cid", "secret".toCharArray());
        login("cid", "wrong", "192.0.2.1");
        clock.advance(Duration.ofMillis(10));
        assertThat(login("cid", "secret", "192.0.2.2").previous()).as("the failure, not yet written")
                .hasValueSatisfying(e -> {
                    assertThat(e.address()).isEqualTo("192.0.2.1");
                    assertThat(e.result()).isEqualTo(LoginResult.BAD_PASSWORD);
                });
        clock.advance(Duration.ofMillis(10));
        assertThat(login("cid", "secret", "192.0.2.3").previous()).as("the success before, not yet written")
                .hasValueSatisfying(e -> assertThat(e.address()).isEqualTo("192.0.2.2"));
        assertThat(eventRows()).isZero();
        assertThat(accounts.loginHistory(accounts.find("cid").orElseThrow().id(), 10)).as("a history read writes what waits")
                .extracting(LoginEvent::address).containsExactly("192.0.2.3", "192.0.2.2", "192.0.2.1");
    }

    @Test
    void bansHoldAndUnknownNamesReadNothingMore() {
        accounts.create("dan", "secret".toCharArray());
        accounts.ban("dan", "cheating", null);
        CheckedLogin<List<CharacterStore.StoredCharacter>> banned = login("dan", "secret", "192.0.2.1");
        assertThat(banned.outcome().result()).isEqualTo(LoginResult.BANNED);
        assertThat(banned.outcome().account().banReason()).isEqualTo("cheating");
        accounts.reinstate("dan");
        assertThat(login("dan", "secret", "192.0.2.1").outcome().result()).as("the status is read at each login")
                .isEqualTo(LoginResult.SUCCESS);
        accounts.ban("dan", "again", clock.nowMillis() + 60_000);
        assertThat(login("dan", "secret", "192.0.2.1").outcome().result()).isEqualTo(LoginResult.BANNED);

        CheckedLogin<List<CharacterStore.StoredCharacter>> unknown = login("nobody", "secret", "192.0.2.1");
        assertThat(unknown.outcome().result()).isEqualTo(LoginResult.UNKNOWN_USER);
        assertThat(unknown.read()).isNull();
        assertThat(unknown.previous()).isEmpty();
        assertThat(login("dan", "wrong", "192.0.2.1").outcome().result()).isEqualTo(LoginResult.BAD_PASSWORD);
        assertThat(accounts.queuedLoginEvents()).as("the known account's attempts wait; the unknown name's is only counted").isEqualTo(4);
    }

    @Test
    void aTokenLoginIsOneTransactionThatSpendsTheTokenAndWritesItsEvent() {
        TokenService tokens = new TokenService(db, accounts, clock);
        Account eve = accounts.create("eve", "secret".toCharArray());
        characters.create(eve.id(), "hero", new byte[] {1});
        login("eve", "wrong", "192.0.2.1");
        String token = tokens.issue("eve", Duration.ofSeconds(60)).token();
        clock.advance(Duration.ofMillis(10));
        long before = transactions();

        CheckedLogin<List<CharacterStore.StoredCharacter>> in = tokenLogin(tokens, token, "eve").orElseThrow();

        assertThat(transactionsSince(before)).as("token, account, previous login, characters and the success's event").isEqualTo(1);
        assertThat(in.outcome().result()).isEqualTo(LoginResult.SUCCESS);
        assertThat(in.previous()).as("the failure that waited")
                .hasValueSatisfying(e -> assertThat(e.result()).isEqualTo(LoginResult.BAD_PASSWORD));
        assertThat(in.read()).extracting(CharacterStore.StoredCharacter::name).containsExactly("hero");
        assertThat(eventRows()).as("the success, with the failure that waited, committed with the spent token").isEqualTo(2);
        assertThat(tokenLogin(tokens, token, "eve")).as("spent").isEmpty();

        String other = tokens.issue("eve", Duration.ofSeconds(60)).token();
        assertThat(tokenLogin(tokens, other, "someone")).as("another account's token: spent, nothing decided").isEmpty();
        assertThat(tokenLogin(tokens, other, "eve")).isEmpty();

        accounts.ban("eve", "cheating", null);
        CheckedLogin<List<CharacterStore.StoredCharacter>> banned =
                tokenLogin(tokens, tokens.issue("eve", Duration.ofSeconds(60)).token(), "eve").orElseThrow();
        assertThat(banned.outcome().result()).isEqualTo(LoginResult.BANNED);
        assertThat(banned.read()).as("nothing read for an account that may not log in").isNull();
        assertThat(accounts.queuedLoginEvents()).as("the ban waits for the batch").isEqualTo(1);
    }

    private Optional<CheckedLogin<List<CharacterStore.StoredCharacter>>> tokenLogin(TokenService tokens, String token, String user) {
        return tokens.login(token, user, "192.0.2.9", "marauroa", (c, a) -> characters.list(c, a.id()));
    }

    private CheckedLogin<List<CharacterStore.StoredCharacter>> login(String user, String password, String address) {
        return accounts.loginInOneRead(user, password.toCharArray(), address, "marauroa", (c, a) -> characters.list(c, a.id()));
    }

    /** The store's transactions so far, less the test's own reads of the login events. */
    private long transactions() {
        return counter.commits() - ownReads;
    }

    private long transactionsSince(long before) {
        return transactions() - before;
    }

    private int eventRows() {
        ownReads++;
        return db.inTransaction(c -> Counts.count(c, "SELECT count(*) FROM login_events"));
    }
}
