package io.gatehouse.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.core.testing.TestDatabases;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupCommitterTest {

    private Database db;
    private GroupCommitter group;

    @BeforeEach
    void open() {
        db = TestDatabases.h2();
        db.inTransaction(c -> c.createStatement().executeUpdate("CREATE TABLE t (id INT PRIMARY KEY, tx_id VARCHAR(64))"));
        group = new GroupCommitter(db, 64);
    }

    @AfterEach
    void close() {
        group.close();
        db.close();
    }

    private static Database.SqlWork<String> insert(int id) {
        return c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (id, tx_id) VALUES (?, CAST(TRANSACTION_ID() AS VARCHAR))")) {
                ps.setInt(1, id);
                ps.executeUpdate();
            }
            return "row " + id;
        };
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private int count() {
        return db.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void workSubmittedTogetherSharesOneTransaction() throws Exception {
        // hold the writer busy so that the next units queue up behind it; they are submitted
        // only once the writer has taken the blocker, or it could take some of them with it
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> blocker = group.submit(c -> {
            started.countDown();
            await(release);
            return "blocker";
        });
        assertThat(await(started)).as("the writer took the blocker").isTrue();
        List<CompletableFuture<String>> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(group.submit(insert(i)));
        }
        release.countDown();
        assertThat(blocker.get(10, TimeUnit.SECONDS)).isEqualTo("blocker");
        for (int i = 0; i < 20; i++) {
            assertThat(rows.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("row " + i);
        }
        assertThat(count()).isEqualTo(20);
        int transactions = db.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(DISTINCT tx_id) FROM t")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(transactions).as("the 20 queued inserts ran in one transaction").isEqualTo(1);
    }

    @Test
    void aFailingUnitFailsAloneAndTheOthersCommit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        group.submit(c -> await(release));
        CompletableFuture<String> a = group.submit(insert(1));
        CompletableFuture<String> dup = group.submit(insert(1));
        CompletableFuture<String> b = group.submit(insert(2));
        release.countDown();
        assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo("row 1");
        assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo("row 2");
        assertThatThrownBy(() -> dup.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(StoreException.class);
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void pastItsBoundAUnitIsRefusedAtOnceAndTheQueuedOnesStillCommit() throws Exception {
        try (GroupCommitter small = new GroupCommitter(db, 64, 3)) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> blocker = small.submit(c -> {
                started.countDown();
                await(release);
                return "blocker";
            });
            assertThat(await(started)).as("the writer took the blocker").isTrue();
            List<CompletableFuture<String>> queued = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                queued.add(small.submit(insert(i)));
            }
            CompletableFuture<String> over = small.submit(insert(99));
            assertThat(over).isCompletedExceptionally();
            assertThatThrownBy(over::join).hasCauseInstanceOf(StoreBusyException.class)
                    .hasMessageContaining("store busy: 3 writes wait for the group commit");
            assertThat(small.refused()).isEqualTo(1);
            release.countDown();
            assertThat(blocker.get(10, TimeUnit.SECONDS)).isEqualTo("blocker");
            for (int i = 0; i < 3; i++) {
                assertThat(queued.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("row " + i);
            }
            assertThat(count()).as("the refused unit never ran").isEqualTo(3);
        }
    }
}
