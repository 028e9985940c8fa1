package io.gatehouse.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.core.account.Account;
import io.gatehouse.core.account.AccountExistsException;
import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.account.ApiKey;
import io.gatehouse.core.account.ApiKeyService;
import io.gatehouse.core.account.CreationLog;
import io.gatehouse.core.account.IssuedToken;
import io.gatehouse.core.account.LoginOutcome;
import io.gatehouse.core.account.LoginResult;
import io.gatehouse.core.account.NoSuchAccountException;
import io.gatehouse.core.account.SecretSealer;
import io.gatehouse.core.account.TokenService;
import io.gatehouse.core.objects.ObjectStore;
import io.gatehouse.core.objects.StoredObject;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.core.testing.TestDatabases;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's behaviour, run once per database product by its subclasses, so that the
 * same migrations and SQL are proven on H2 and on PostgreSQL.
 */
abstract class StoreContract {

    protected final ManualScheduler clock = new ManualScheduler();

    private AutoCloseable handle;
    private Database db;
    private AccountService accounts;
    private TokenService tokens;
    private ApiKeyService apiKeys;

    /** Opens a fresh database; the returned handle drops it. */
    protected abstract AutoCloseable open(java.util.function.Consumer<Database> sink);

    @BeforeEach
    void setUp() {
        handle = open(d -> db = d);
        accounts = TestDatabases.accounts(db, clock);
        tokens = new TokenService(db, accounts, clock);
        apiKeys = new ApiKeyService(db, accounts, clock, SecretSealer.random());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (handle != null) {
            handle.close();
        }
    }

    @Test
    void createsAccountsAndRefusesTakenNames() {
        Account a = accounts.create("alice", "pw1".toCharArray());
        assertThat(a.id()).isPositive();
        assertThat(accounts.find("alice")).contains(a);
        assertThat(accounts.find(a.id())).contains(a);
        assertThatThrownBy(() -> accounts.create("alice", "other".toCharArray())).isInstanceOf(AccountExistsException.class);
        assertThatThrownBy(() -> accounts.create("no spaces", "pw".toCharArray())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loginChecksPasswordAndStatusAndRecordsEvents() {
        Account a = accounts.create("bob", "secret".toCharArray());
        assertThat(login("bob", "secret", "127.0.0.1", "control").result()).isEqualTo(LoginResult.SUCCESS);
        clock.advance(Duration.ofSeconds(1));
        assertThat(login("bob", "wrong", "127.0.0.2", "control").result()).isEqualTo(LoginResult.BAD_PASSWORD);
        assertThat(login("nobody", "x", "127.0.0.3", "control").result()).isEqualTo(LoginResult.UNKNOWN_USER);
        clock.advance(Duration.ofSeconds(1));
        accounts.ban("bob", "cheating", clock.nowMillis() + 60_000);
        assertThat(login("bob", "secret", "127.0.0.4", "control").result()).isEqualTo(LoginResult.BANNED);
        clock.advance(Duration.ofMinutes(2));
        assertThat(login("bob", "secret", "127.0.0.5", "control").result())
                .as("a timed ban lapses").isEqualTo(LoginResult.SUCCESS);
        accounts.ban("bob", "for good", null);
        clock.advance(Duration.ofDays(3650));
        assertThat(login("bob", "secret", "127.0.0.6", "control").result()).isEqualTo(LoginResult.BANNED);
        accounts.reinstate("bob");
        assertThat(login("bob", "secret", "127.0.0.7", "control").ok()).isTrue();

        var history = accounts.loginHistory(a.id(), 10);
        assertThat(history).extracting(e -> e.address()).containsExactly(
                "127.0.0.7", "127.0.0.6", "127.0.0.5", "127.0.0.4", "127.0.0.2", "127.0.0.1");
        assertThat(history.get(4).result()).isEqualTo(LoginResult.BAD_PASSWORD);
    }

    @Test
    void failedLoginsCostNoWriteEachAndJoinTheHistoryInOneBatch() {
        Account a = accounts.create("fay", "secret".toCharArray());
        for (int i = 0; i < 300; i++) {
            login("fay", "wrong", "198.51.100.1", "control");
            accounts.recordLogin(null, "-", "198.51.100.1:5000", "control", LoginResult.BAD_TOKEN);
        }
        assertThat(loginEventRows()).as("no row written per failure").isZero();
        assertThat(accounts.queuedLoginEvents()).as("the known account's failures wait; the anonymous ones are not kept").isEqualTo(300);
        clock.advance(AccountService.FLUSH_AFTER);
        assertThat(loginEventRows()).as("written together, a second after the first").isEqualTo(300);
        assertThat(accounts.loginHistory(a.id(), 500)).hasSize(300).allMatch(e -> e.result() == LoginResult.BAD_PASSWORD);

        login("fay", "wrong", "198.51.100.2", "control");
        assertThat(accounts.loginHistory(a.id(), 1)).as("reading a history writes what waits first")
                .singleElement().satisfies(e -> assertThat(e.address()).isEqualTo("198.51.100.2"));
        assertThat(accounts.droppedLoginEvents()).isZero();
    }

    /** A password login as a front makes it: one read, its event queued. */
    private LoginOutcome login(String username, String password, String address, String front) {
        return accounts.loginInOneRead(username, password.toCharArray(), address, front, (c, account) -> null).outcome();
    }

    private int loginEventRows() {
        return db.inTransaction(c -> Counts.count(c, "SELECT count(*) FROM login_events"));
    }

    @Test
    void tokensAreSingleUseAndExpire() {
        Account a = accounts.create("carol", "pw".toCharArray());
        IssuedToken t = tokens.issue("carol", Duration.ofSeconds(60));
        assertThat(t.expiresAtMillis()).isEqualTo(clock.nowMillis() + 60_000);
        assertThat(tokens.consume(t.token())).map(Account::id).contains(a.id());
        assertThat(tokens.consume(t.token())).as("second use").isEmpty();

        IssuedToken late = tokens.issue("carol", Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(60));
        assertThat(tokens.consume(late.token())).as("expired").isEmpty();
        assertThat(tokens.consume("never-issued")).isEmpty();
        assertThat(tokens.purgeExpired()).isEqualTo(2);
        assertThatThrownBy(() -> tokens.issue("nobody", Duration.ofSeconds(1))).isInstanceOf(NoSuchAccountException.class);
    }

    @Test
    void apiKeysFindTheirOwner() {
        Account a = accounts.create("dave", "pw".toCharArray());
        ApiKey k = apiKeys.create("dave");
        assertThat(k.appKey()).hasSize(32);
        assertThat(k.appSecret()).hasSize(64);
        var owner = apiKeys.find(k.appKey()).orElseThrow();
        assertThat(owner.account().id()).isEqualTo(a.id());
        assertThat(owner.appSecret()).isEqualTo(k.appSecret());
        assertThat(apiKeys.find("unknown")).isEmpty();
    }

    private String storedSecret(String appKey) {
        return db.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT app_secret FROM api_keys WHERE app_key = ?")) {
                ps.setString(1, appKey);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    @Test
    void apiKeySecretsAreStoredSealedAndOpenOnlyWithTheirKey() {
        accounts.create("dee", "pw".toCharArray());
        ApiKey k = apiKeys.create("dee");
        assertThat(storedSecret(k.appKey())).startsWith("aesgcm1:").doesNotContain(k.appSecret());
        var otherServer = new ApiKeyService(db, accounts, clock, SecretSealer.random());
        assertThat(otherServer.find(k.appKey())).as("sealed under another key").isEmpty();
    }

    @Test
    void secretsStoredInTheClearAreSealedAtStart() {
        Account a = accounts.create("dot", "pw".toCharArray());
        String clear = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        db.inTransaction(c -> {
            try (var ps = c.prepareStatement("INSERT INTO api_keys (app_key, account_id, app_secret, created_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, "legacy-key");
                ps.setLong(2, a.id());
                ps.setString(3, clear);
                ps.setLong(4, 0);
                return ps.executeUpdate();
            }
        });
        ApiKey fresh = apiKeys.create("dot");
        String freshStored = storedSecret(fresh.appKey());
        assertThat(apiKeys.find("legacy-key").orElseThrow().appSecret()).as("readable before sealing").isEqualTo(clear);

        assertThat(apiKeys.sealStoredSecrets()).isEqualTo(1);
        assertThat(storedSecret("legacy-key")).startsWith("aesgcm1:").doesNotContain(clear);
        assertThat(storedSecret(fresh.appKey())).as("sealed rows are left alone").isEqualTo(freshStored);
        assertThat(apiKeys.find("legacy-key").orElseThrow().appSecret()).isEqualTo(clear);
        assertThat(apiKeys.sealStoredSecrets()).isZero();
    }

    @Test
    void creationsRecordedWithinALimitStopAtItUntilOneIsWithdrawn() {
        CreationLog log = new CreationLog(db, clock, "test");
        CreationLog otherFront = new CreationLog(db, clock, "other");
        long since = clock.nowMillis() - 1;
        long first = log.recordWithin(CreationLog.Kind.ACCOUNT, "10.0.0.1", "a", 2, since).orElseThrow();
        log.recordWithin(CreationLog.Kind.ACCOUNT, "10.0.0.1", "b", 2, since).orElseThrow();
        assertThat(log.recordWithin(CreationLog.Kind.ACCOUNT, "10.0.0.1", "c", 2, since)).isEmpty();
        assertThat(log.recordWithin(CreationLog.Kind.CHARACTER, "10.0.0.1", "c", 2, since)).as("another kind").isPresent();
        assertThat(log.recordWithin(CreationLog.Kind.ACCOUNT, "10.0.0.2", "c", 2, since)).as("another address").isPresent();
        assertThat(otherFront.recordWithin(CreationLog.Kind.ACCOUNT, "10.0.0.1", "c", 2, since)).as("another front").isPresent();

        otherFront.withdraw(first);
        assertThat(log.countSince(CreationLog.Kind.ACCOUNT, "10.0.0.1", since)).as("a front withdraws only its own").isEqualTo(2);
        log.withdraw(first);
        assertThat(log.countSince(CreationLog.Kind.ACCOUNT, "10.0.0.1", since)).isEqualTo(1);
        assertThat(log.recordWithin(CreationLog.Kind.ACCOUNT, "10.0.0.1", "c", 2, since)).isPresent();
        clock.advance(Duration.ofMillis(5));
        assertThat(log.recordWithin(CreationLog.Kind.ACCOUNT, "10.0.0.1", "d", 2, clock.nowMillis() - 1))
                .as("older records are outside the window").isPresent();
    }

    @Test
    void storedObjectsKeepTheirFieldsAndIdsAreNeverReused() {
        ObjectStore objects = new ObjectStore(db, "test");
        ObjectStore other = new ObjectStore(db, "other");
        long first = objects.create(7, Map.of(3, new byte[] {1, 2}, 1, new byte[] {9}), 100, 102).orElseThrow();
        long second = objects.create(7, Map.of(), 100, 102).orElseThrow();
        assertThat(first).isEqualTo(100);
        assertThat(second).isEqualTo(101);
        assertThat(other.create(1, Map.of(), 100, 200)).contains(100L);

        StoredObject read = objects.find(first).orElseThrow();
        assertThat(read.classId()).isEqualTo(7);
        assertThat(read.fields().keySet()).containsExactly(1, 3);
        assertThat(read.fields().get(3)).containsExactly(1, 2);

        assertThat(objects.delete(second)).isTrue();
        assertThat(objects.delete(second)).isFalse();
        assertThat(objects.find(second)).isEmpty();
        assertThat(objects.create(7, Map.of(), 100, 102)).contains(102L);
        assertThat(objects.create(7, Map.of(), 100, 102)).as("range used up, 101 not handed out again").isEmpty();
    }

    @Test
    void anUpdateReadsAndWritesInOneTransaction() {
        ObjectStore objects = new ObjectStore(db, "test");
        long id = objects.create(7, Map.of(1, new byte[] {1}, 2, new byte[] {2}), 1, 10).orElseThrow();

        Optional<String> result = objects.update(id, o -> new ObjectStore.Change<>(
                Map.of(1, new byte[] {5, 5}, 4, new byte[] {4}), Set.of(2), "saw " + o.fields().size()));

        assertThat(result).contains("saw 2");
        StoredObject read = objects.find(id).orElseThrow();
        assertThat(read.fields().keySet()).containsExactly(1, 4);
        assertThat(read.fields().get(1)).containsExactly(5, 5);
        assertThat(objects.update(999, o -> ObjectStore.Change.none("x"))).isEmpty();
        assertThatThrownBy(() -> objects.update(id, o -> {
            throw new IllegalStateException("refused");
        })).hasMessage("refused");
        assertThat(objects.find(id).orElseThrow().fields().keySet()).containsExactly(1, 4);
    }

    @Test
    void charactersBelongToAnAccountAndTheirNamesAreUniquePerFront() {
        Account ann = accounts.create("ann", "pw".toCharArray());
        Account bob = accounts.create("bob", "pw".toCharArray());
        io.gatehouse.core.account.CharacterStore marauroa = new io.gatehouse.core.account.CharacterStore(db, clock, "marauroa");
        io.gatehouse.core.account.CharacterStore other = new io.gatehouse.core.account.CharacterStore(db, clock, "other");
        assertThat(marauroa.create(ann.id(), "hero", new byte[] {1})).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(marauroa.create(ann.id(), "mage", new byte[] {2})).isTrue();
        assertThat(marauroa.create(bob.id(), "hero", new byte[] {3})).as("taken on this front").isFalse();
        assertThat(other.create(bob.id(), "hero", new byte[] {4})).as("free on another").isTrue();
        assertThat(marauroa.list(ann.id())).extracting(c -> c.name()).containsExactly("hero", "mage");
        assertThat(marauroa.save(ann.id(), "hero", new byte[] {9})).isTrue();
        assertThat(marauroa.find(ann.id(), "hero").orElseThrow().data()).containsExactly(9);
        assertThat(marauroa.find(bob.id(), "hero")).isEmpty();
        assertThat(marauroa.save(bob.id(), "hero", new byte[] {9})).isFalse();
    }
}
