package io.gatehouse.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.account.Account;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.store.DatabaseSettings;
import io.gatehouse.core.testing.FakeConnection;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.core.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reconnect sessions are in the embedded database file, so a restarted server still honours them. */
class SessionRestartTest {

    @TempDir
    Path dataDir;

    private final ManualScheduler clock = new ManualScheduler();

    private static final int NO_LIMIT = Integer.MAX_VALUE;

    @Test
    void sessionGrantedBeforeRestartResumesAfterIt() {
        DatabaseSettings settings = new DatabaseSettings(DatabaseSettings.embeddedUrl(dataDir), null, null, 2);
        String sessionId;
        try (Database db = Database.open(settings)) {
            Account a = TestDatabases.accounts(db, clock).create("zed", "pw".toCharArray());
            var registry = new LocalSessionRegistry(db, clock, Duration.ofHours(1), DuplicatePolicy.CLOSE_OLDER);
            sessionId = db.inTransaction(tx -> registry.open(tx, a, "test")).id();
        }
        try (Database db = Database.open(settings)) {
            var registry = new LocalSessionRegistry(db, clock, Duration.ofHours(1), DuplicatePolicy.CLOSE_OLDER);
            ResumeResult r = registry.resume(sessionId, new FakeConnection(), NO_LIMIT);
            assertThat(r).isInstanceOf(ResumeResult.Resumed.class);
            assertThat(((ResumeResult.Resumed) r).session().username()).isEqualTo("zed");
        }
    }
}
