package io.gatehouse.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.store.Database;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A store transaction that holds the rows its updates touch until a latch opens, so a test can make the store stall or fail a write. */
public final class HeldRows {

    private HeldRows() {
    }

    /**
     * Runs {@code updates} in one transaction on a thread of its own and keeps it open until
     * {@code release} opens (30 s at most); returns once the rows are held. The future completes
     * with whether the latch opened, or exceptionally when the transaction failed.
     */
    public static CompletableFuture<Boolean> hold(Database db, CountDownLatch release, String... updates) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        CompletableFuture<Boolean> holder = CompletableFuture.supplyAsync(() -> db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                for (String update : updates) {
                    st.executeUpdate(update);
                }
            }
            held.countDown();
            return Latches.awaitQuietly(release, 30);
        }));
        assertThat(held.await(30, TimeUnit.SECONDS)).as("the rows held").isTrue();
        return holder;
    }
}
