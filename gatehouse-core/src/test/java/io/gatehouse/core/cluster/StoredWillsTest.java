package io.gatehouse.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.store.Database;
import io.gatehouse.core.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A node's wills in the store: kept in order, forgotten once sent, and taken exactly once by
 * the node that judges their node gone, or by the node's own next run; on H2 and PostgreSQL.
 */
class StoredWillsTest {

    private static final Duration BEAT = Duration.ofMillis(50);
    private static final Duration TIMEOUT = Duration.ofMillis(250);
    private static final Duration NOTICED = Duration.ofSeconds(10);
    private static final String FRONT = "astron";

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

        @Test
        void willsAreKeptUntilClearedOrForgotten() throws Exception {
            StoredWills a = new StoredWills(db(), "a");
            a.add(FRONT, 1, 10, bytes("one"));
            a.add(FRONT, 1, 11, bytes("two"));
            a.add(FRONT, 2, 10, bytes("three"));
            a.add("other", 1, 10, bytes("another front's"));
            a.clear(FRONT, 1, 11);
            a.forget(FRONT, 2);
            a.close();
            assertThat(rows("a")).as("what is left: owner 1's will under group 10, and the other front's").isEqualTo(2);
        }

        @Test
        void aNodeThatStartsAgainGetsWhatItsEarlierRunLeftInOrder() throws Exception {
            StoredWills earlier = new StoredWills(db(), "a");
            earlier.add(FRONT, 1, 10, bytes("one"));
            earlier.add(FRONT, 2, 20, bytes("two"));
            earlier.add(FRONT, 1, 30, bytes("three"));
            earlier.add("other", 1, 10, bytes("another front's"));
            earlier.close();
            nodeRow("a");

            List<Will> got = new CopyOnWriteArrayList<>();
            StoredWills again = new StoredWills(db(), "a");
            again.serve(FRONT, got::addAll);
            assertThat(got).extracting(w -> new String(w.body(), StandardCharsets.UTF_8)).containsExactly("one", "two", "three");
            assertThat(got).extracting(Will::owner).containsExactly(1L, 2L, 1L);
            assertThat(got).extracting(Will::group).containsExactly(10L, 20L, 30L);
            assertThat(rows("a")).as("only the other front's is left").isEqualTo(1);
            again.close();
        }

        @Test
        void theWillsOfANodeGoneAreTakenOnceByOneOfTheNodesThatJudgeIt() throws Exception {
            StoredWills dead = new StoredWills(db(), "dead");
            dead.add(FRONT, 7, 10, bytes("one"));
            dead.add(FRONT, 7, 10, bytes("two"));
            dead.close();
            nodeRow("dead");

            List<Will> gotByB = new CopyOnWriteArrayList<>();
            List<Will> gotByC = new CopyOnWriteArrayList<>();
            StoredWills b = new StoredWills(db(), "b");
            StoredWills c = new StoredWills(db(), "c");
            b.serve(FRONT, gotByB::addAll);
            c.serve(FRONT, gotByC::addAll);
            assertThat(gotByB).as("a node with a row in nodes is not gone").isEmpty();
            assertThat(gotByC).isEmpty();
            try (NodeMembership mb = NodeMembership.join(db(), "b", BEAT, TIMEOUT, () -> { });
                 NodeMembership mc = NodeMembership.join(db(), "c", BEAT, TIMEOUT, () -> { })) {
                mb.whenGone(b::nodeGone);
                mc.whenGone(c::nodeGone);
                await().atMost(NOTICED).until(() -> gotByB.size() + gotByC.size() == 2);
                assertThat(rows("dead")).isZero();
                assertThat(gotByB.isEmpty() || gotByC.isEmpty()).as("one node took them all").isTrue();
            }
            b.close();
            c.close();
        }

        @Test
        void aNodeThatStartsTakesTheWillsOfNodesGoneBeforeAnyoneServedThem() throws Exception {
            StoredWills dead = new StoredWills(db(), "dead");
            dead.add(FRONT, 3, 10, bytes("left"));
            dead.close();
            // no row in nodes: judged gone while no node served astron's wills

            List<Will> got = new CopyOnWriteArrayList<>();
            StoredWills b = new StoredWills(db(), "b");
            b.serve(FRONT, got::addAll);
            assertThat(got).extracting(w -> new String(w.body(), StandardCharsets.UTF_8)).containsExactly("left");
            assertThat(rows("dead")).isZero();
            b.close();
        }

        @Test
        void aFrontThatStoppedServingIsHandedNothingAndTheRowsStayForOthers() throws Exception {
            List<Will> got = new CopyOnWriteArrayList<>();
            StoredWills b = new StoredWills(db(), "b");
            b.serve(FRONT, got::addAll).cancel();
            StoredWills dead = new StoredWills(db(), "dead");
            dead.add(FRONT, 3, 10, bytes("left"));
            dead.close();

            b.nodeGone("dead");
            assertThat(got).isEmpty();
            assertThat(rows("dead")).isEqualTo(1);
            b.close();
        }

        private static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }

        private void nodeRow(String name) {
            db().inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO nodes (name, beats, started_at) VALUES (?, 5, 0)")) {
                    ps.setString(1, name);
                    return ps.executeUpdate();
                }
            });
        }

        private int rows(String node) {
            return db().inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM node_wills WHERE node = ?")) {
                    ps.setString(1, node);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            });
        }
    }
}
