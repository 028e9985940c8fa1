package io.gatehouse.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.store.Database;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.core.testing.TestDatabases;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * An account's latest login event (read at every marauroa login) is the first row of an index
 * walked backwards, on H2 and on PostgreSQL: no store sorts an account's whole history for it.
 */
class LatestLoginPlanTest {

    @Test
    void h2WalksTheIndexInTheQuerysOrder() {
        try (Database db = TestDatabases.h2()) {
            history(db, "ANALYZE");
            String plan = plan(db, "EXPLAIN ");
            assertThat(plan).containsIgnoringCase("LOGIN_EVENTS_NEWEST_FIRST").contains("/* index sorted */");
        }
    }

    @Test
    void postgresScansTheIndexBackwardWithoutASort() {
        try (TestDatabases.ScopedDatabase scoped = TestDatabases.postgres()) {
            history(scoped.db(), "ANALYZE login_events");
            String plan = scoped.db().inTransaction(c -> {
                try (Statement st = c.createStatement()) {
                    // an empty table would be read whole; the question is whether the index gives the order
                    st.execute("SET LOCAL enable_seqscan = off");
                }
                return explain(scoped.db(), c, "EXPLAIN ");
            });
            assertThat(plan).contains("Index Scan Backward using login_events_newest_first").doesNotContain("Sort");
        }
    }

    /** Three accounts with 1,000 login events each, then the store's statistics taken ({@code analyze}). */
    private static void history(Database db, String analyze) {
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                for (int a = 0; a < 3; a++) {
                    st.execute("INSERT INTO accounts (username, password_hash, status, created_at) VALUES ('u" + a + "', 'x', 'ACTIVE', 0)");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO login_events (account_id, username, occurred_at, address, front, result)"
                    + " SELECT id, username, ?, '127.0.0.1', 'control', 'SUCCESS' FROM accounts")) {
                for (int t = 0; t < 1000; t++) {
                    ps.setLong(1, t);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute(analyze);
            }
            return null;
        });
    }

    private static String plan(Database db, String explain) {
        return db.inTransaction(c -> explain(db, c, explain));
    }

    private static String explain(Database db, java.sql.Connection c, String explain) throws java.sql.SQLException {
        String latest = TestDatabases.accounts(db, new ManualScheduler()).selectLatestEvent;
        try (PreparedStatement ps = c.prepareStatement(explain + latest)) {
            ps.setLong(1, 1);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }
}
