package io.gatehouse.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.store.Database;
import io.gatehouse.core.testing.TestDatabases;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Claims in the store: one holder per name, kept while its node is in the cluster and gone
 * with it (left in order, or judged gone), taken again by a node that was judged gone while it
 * ran; on H2 and PostgreSQL.
 */
class StoredClaimsTest {

    private static final Duration BEAT = Duration.ofMillis(50);
    private static final Duration TIMEOUT = Duration.ofMillis(250);
    private static final Duration NOTICED = Duration.ofSeconds(10);
    private static final String CHANNEL = "astron.stateserver.400000";

    @Nested
    class OnH2 extends Contract {
        private final Database db = TestDatabases.h2();

        @Override
        Database db() {
            return db;
        }

        @AfterEach
        void close() {
            db.close();
        }
    }

    @Nested
    class OnPostgres extends Contract {
        private final TestDatabases.ScopedDatabase db = TestDatabases.postgres();

        @Override
        Database db() {
            return db.db();
        }

        @AfterEach
        void close() {
            db.close();
        }
    }

    abstract static class Contract {

        abstract Database db();

        private NodeMembership join(String node) {
            return NodeMembership.join(db(), node, BEAT, TIMEOUT, () -> { });
        }

        @Test
        void aNameHasOneHolderWhichMayClaimItAgain() throws Exception {
            try (NodeMembership a = join("a"); NodeMembership b = join("b")) {
                StoredClaims onA = new StoredClaims(db(), "a");
                assertThat(onA.claim(CHANNEL)).isEmpty();
                assertThat(onA.claim(CHANNEL)).as("its own claim").isEmpty();
                assertThat(new StoredClaims(db(), "b").claim(CHANNEL)).contains("a");
                assertThat(new StoredClaims(db(), "b").claim("astron.database.402001")).isEmpty();
            }
        }

        @Test
        void aClaimLeavesWithItsNode() throws Exception {
            try (NodeMembership b = join("b")) {
                NodeMembership a = join("a");
                new StoredClaims(db(), "a").claim(CHANNEL);
                a.close();
                assertThat(new StoredClaims(db(), "b").claim(CHANNEL)).isEmpty();
            }
        }

        @Test
        void aNodeJudgedGoneTakesItsClaimsWithIt() throws Exception {
            db().inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO nodes (name, beats, started_at) VALUES ('dead', 1, 0)")) {
                    return ps.executeUpdate();
                }
            });
            assertThat(new StoredClaims(db(), "dead").claim(CHANNEL)).isEmpty();
            try (NodeMembership b = join("b")) {
                StoredClaims onB = new StoredClaims(db(), "b");
                assertThat(onB.claim(CHANNEL)).contains("dead");
                await().atMost(NOTICED).until(() -> onB.claim(CHANNEL).isEmpty());
            }
        }

        @Test
        void aNodeJudgedGoneWhileItRanClaimsAgainWhenItRejoins() throws Exception {
            StoredClaims onA = new StoredClaims(db(), "a");
            try (NodeMembership a = NodeMembership.join(db(), "a", BEAT, TIMEOUT, onA::rejoined); NodeMembership b = join("b")) {
                onA.claim(CHANNEL);
                // what a judge does to a node whose beats stopped reaching the store: its claims go with its row
                db().inTransaction(c -> {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM nodes WHERE name = 'a'")) {
                        return ps.executeUpdate();
                    }
                });
                // a's next beat finds its row gone, writes it again and claims again
                await().atMost(NOTICED).until(() -> rowsOf("a") == 1);
                assertThat(new StoredClaims(db(), "b").claim(CHANNEL)).contains("a");
            }
        }

        private int rowsOf(String node) {
            return db().inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM node_claims WHERE node = ?")) {
                    ps.setString(1, node);
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            });
        }
    }
}
