package io.gatehouse.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.account.TokenService;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.store.DatabaseSettings;
import io.gatehouse.core.testing.FakeConnection;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.core.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a login answered is in the embedded database file before the answer: a restarted server
 * still honours the session and still refuses the spent token.
 */
class SessionRestartTest {

    @TempDir
    Path dataDir;

    private final ManualScheduler clock = new ManualScheduler();

    private static final int NO_LIMIT = Integer.MAX_VALUE;

    @Test
    void aSessionGrantedBeforeARestartResumesAfterItAndItsTokenStaysSpent() throws Exception {
        DatabaseSettings settings = new DatabaseSettings(DatabaseSettings.embeddedUrl(dataDir), null, null, 2);
        String token;
        String sessionId;
        try (Database db = Database.open(settings)) {
            AccountService accounts = TestDatabases.accounts(db, clock);
            TokenService tokens = new TokenService(db, accounts, clock);
            SessionRegistryContract.Node n = LocalSessionRegistryTest.local(db, accounts, tokens, clock, Duration.ofHours(1),
                    DuplicatePolicy.CLOSE_OLDER);
            accounts.create("zed", "pw".toCharArray());
            token = tokens.issue("zed", Duration.ofMinutes(5)).token();
            TokenResult granted = n.grants().spendToken(token, new FakeConnection(), NO_LIMIT).get(30, TimeUnit.SECONDS);
            sessionId = ((TokenResult.Granted) granted).session().id();
            n.closer().close();
        }
        try (Database db = Database.open(settings)) {
            AccountService accounts = TestDatabases.accounts(db, clock);
            SessionRegistryContract.Node n = LocalSessionRegistryTest.local(db, accounts, new TokenService(db, accounts, clock), clock,
                    Duration.ofHours(1), DuplicatePolicy.CLOSE_OLDER);
            assertThat(n.grants().spendToken(token, new FakeConnection(), NO_LIMIT).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(TokenResult.BadToken.class);
            ResumeResult r = n.grants().resume(sessionId, new FakeConnection(), NO_LIMIT).get(30, TimeUnit.SECONDS);
            assertThat(r).isInstanceOfSatisfying(ResumeResult.Resumed.class, s -> assertThat(s.session().username()).isEqualTo("zed"));
            n.closer().close();
        }
    }
}
