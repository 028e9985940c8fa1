package io.gatehouse.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.store.Database;
import io.gatehouse.core.testing.TestDatabases;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Nodes judging each other alive through the store's beat counts (here one H2 store). */
class NodeMembershipTest {

    private static final Duration BEAT = Duration.ofMillis(50);
    private static final Duration TIMEOUT = Duration.ofMillis(250);
    private static final Duration NOTICED = Duration.ofSeconds(10);

    private final Database db = TestDatabases.h2();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void nodesSeeEachOtherAndOneThatLeavesInOrderIsGoneAtOnceWithItsMarks() throws Exception {
        try (NodeMembership a = NodeMembership.join(db, "a", BEAT, TIMEOUT, () -> { })) {
            NodeMembership b = NodeMembership.join(db, "b", BEAT, TIMEOUT, () -> { });
            await().atMost(NOTICED).until(() -> a.others().contains("b") && b.others().contains("a"));
            long account = account();
            markedSession("s1", account, "b");
            b.close();
            assertThat(marks("b")).isZero();
            assertThat(rows("b")).isZero();
            await().atMost(NOTICED).until(() -> a.others().isEmpty());
        }
    }

    @Test
    void theEldestLiveNodeIsTheOneThatJoinedFirstAndANewcomerNeverTakesItsPlace() throws Exception {
        try (NodeMembership b = NodeMembership.join(db, "b", BEAT, TIMEOUT, () -> { })) {
            assertThat(b.eldest()).isEqualTo("b");
            // "a" sorts first but joins later (a later millisecond: a tie of start times goes by name)
            long joined = System.currentTimeMillis();
            await().atMost(NOTICED).until(() -> System.currentTimeMillis() > joined);
            NodeMembership a = NodeMembership.join(db, "a", BEAT, TIMEOUT, () -> { });
            assertThat(a.eldest()).isEqualTo("b");
            await().atMost(NOTICED).until(() -> b.alive("a"));
            assertThat(b.eldest()).isEqualTo("b");
            b.close();
            await().atMost(NOTICED).until(() -> a.eldest().equals("a"));
            assertThat(a.alive("b")).isFalse();
            a.close();
        }
    }

    @Test
    void aDeadEldestIsTheEldestUntilItIsJudgedGone() throws Exception {
        db.inTransaction(c -> c.prepareStatement("INSERT INTO nodes (name, beats, started_at) VALUES ('dead', 41, 0)").executeUpdate());
        try (NodeMembership a = NodeMembership.join(db, "a", BEAT, TIMEOUT, () -> { })) {
            assertThat(a.eldest()).isEqualTo("dead");
            await().atMost(NOTICED).until(() -> a.eldest().equals("a"));
        }
    }

    @Test
    void aNodeWhoseBeatsStopIsJudgedGoneAndItsMarksCleared() throws Exception {
        try (NodeMembership a = NodeMembership.join(db, "a", BEAT, TIMEOUT, () -> { })) {
            // a node that died: its row is there, its count never moves again
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO nodes (name, beats, started_at) VALUES ('dead', 41, 0)")) {
                    return ps.executeUpdate();
                }
            });
            markedSession("s2", account(), "dead");
            await().atMost(NOTICED).until(() -> rows("dead") == 0);
            assertThat(marks("dead")).as("its session's place is free").isZero();
            assertThat(a.others()).doesNotContain("dead");
        }
    }

    @Test
    void ofTheNodesThatJudgeANodeGoneOnlyTheOneWhoseDeleteSucceededTellsItsListeners() throws Exception {
        List<String> heardByA = new CopyOnWriteArrayList<>();
        List<String> heardByB = new CopyOnWriteArrayList<>();
        db.inTransaction(c -> c.prepareStatement("INSERT INTO nodes (name, beats, started_at) VALUES ('dead', 41, 0)").executeUpdate());
        try (NodeMembership a = NodeMembership.join(db, "a", BEAT, TIMEOUT, () -> { });
             NodeMembership b = NodeMembership.join(db, "b", BEAT, TIMEOUT, () -> { })) {
            a.whenGone(heardByA::add);
            b.whenGone(heardByB::add);
            await().atMost(NOTICED).until(() -> rows("dead") == 0 && !a.others().contains("dead") && !b.others().contains("dead"));
            List<String> heard = new ArrayList<>(heardByA);
            heard.addAll(heardByB);
            assertThat(heard).containsExactly("dead");
        }
    }

    @Test
    void aNodeWhoseRowAnotherDeletedIsToldItLeft() throws Exception {
        List<String> left = new CopyOnWriteArrayList<>();
        db.inTransaction(c -> c.prepareStatement("INSERT INTO nodes (name, beats, started_at) VALUES ('x', 1, 0)").executeUpdate());
        try (NodeMembership a = NodeMembership.join(db, "a", BEAT, TIMEOUT, () -> { })) {
            a.whenLeft(left::add);
            await().atMost(NOTICED).until(() -> a.others().contains("x"));
            db.inTransaction(c -> c.prepareStatement("DELETE FROM nodes WHERE name = 'x'").executeUpdate());
            await().atMost(NOTICED).until(() -> left.contains("x"));
            assertThat(left).containsExactly("x");
        }
    }

    @Test
    void aNodeJudgedGoneWhileAliveJoinsAgainAndSaysSo() throws Exception {
        AtomicInteger rejoined = new AtomicInteger();
        try (NodeMembership a = NodeMembership.join(db, "a", BEAT, TIMEOUT, rejoined::incrementAndGet)) {
            db.inTransaction(c -> c.prepareStatement("DELETE FROM nodes WHERE name = 'a'").executeUpdate());
            await().atMost(NOTICED).until(() -> rejoined.get() == 1);
            assertThat(rows("a")).isEqualTo(1);
        }
    }

    @Test
    void aRestartUnderTheSameNameFreesWhatTheEarlierRunLeft() throws Exception {
        db.inTransaction(c -> c.prepareStatement("INSERT INTO nodes (name, beats, started_at) VALUES ('a', 900, 0)").executeUpdate());
        markedSession("s3", account(), "a");
        try (NodeMembership a = NodeMembership.join(db, "a", BEAT, TIMEOUT, () -> { })) {
            assertThat(marks("a")).isZero();
            assertThat(rows("a")).isEqualTo(1);
        }
    }

    private long account() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (username, password_hash, status, created_at) "
                    + "VALUES (?, 'x', 'ACTIVE', 0)", new String[] {"id"})) {
                ps.setString(1, "u" + System.nanoTime());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    private void markedSession(String hash, long account, String node) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sessions (id_hash, account_id, front, created_at, expires_at, node) VALUES (?, ?, 'control', 0, 1, ?)")) {
                ps.setString(1, hash);
                ps.setLong(2, account);
                ps.setString(3, node);
                return ps.executeUpdate();
            }
        });
    }

    private int marks(String node) {
        return count("SELECT COUNT(*) FROM sessions WHERE node = ?", node);
    }

    private int rows(String node) {
        return count("SELECT COUNT(*) FROM nodes WHERE name = ?", node);
    }

    private int count(String sql, String arg) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, arg);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }
}
