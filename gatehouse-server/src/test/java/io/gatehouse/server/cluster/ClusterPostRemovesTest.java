package io.gatehouse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.astron.AstronFront;
import io.gatehouse.server.Gatehouse;
import io.gatehouse.server.astron.GameServerLink;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The post-removes of a Message Director participant in a cluster (docs/protocol/astron.md,
 * section 3.5): a game server on node A files one addressed to a game server on node B; B's
 * gets it once when A's goes, once when node A stops in order, and once when node A is killed ({@code kill -9} of its process),
 * sent then by node B, which judged A gone.
 */
class ClusterPostRemovesTest {

    private static final long GS_A = 777;
    private static final long GS_B = 778;
    private static final long MARKER_SENDER = 779;
    private static final int FAREWELL = 4242;
    private static final int MARKER = 4343;

    @TempDir
    Path dir;

    @Test
    void aPostRemoveOfAGameServerOnAKilledNodeReachesTheOtherNodeOnce() throws Exception {
        Path dc = Files.writeString(dir.resolve("game.dc"), GameServerLink.DC);
        try (ClusterNodes cluster = new ClusterNodes()) {
            Gatehouse b = cluster.startWithAstron("pr-b", "stateserver", dc, 1_001_000_000L);
            try (GameServerLink onB = new GameServerLink(b.front(AstronFront.class).mdAddress(), GS_B);
                 NodeProcess a = cluster.startProcessWithAstron("pr-a", "clientagent", dc, 1_000_000_000L, dir)) {
                onB.subscribe(GS_B);
                GameServerLink onA = new GameServerLink(a.md, GS_A);
                onA.addPostRemove(GameServerLink.datagram(GS_B, GS_A, FAREWELL));
                await().atMost(Duration.ofSeconds(10)).until(() -> wills(b, "pr-a") == 1);

                a.kill();
                onA.close();
                ByteBuffer farewell = onB.receive();
                assertThat(farewell.getLong()).as("the sender the post-remove was written with").isEqualTo(GS_A);
                assertThat(farewell.getShort()).as("the post-remove, sent by node B for the killed node A").isEqualTo((short) FAREWELL);
                assertThat(wills(b, "pr-a")).as("taken from the store as it was sent").isZero();
                assertNothingMoreBefore(b, onB);
            }
        }
    }

    @Test
    void aPostRemoveIsSentOnceWhenItsGameServerGoesAndLeavesTheStore() throws Exception {
        Path dc = Files.writeString(dir.resolve("game.dc"), GameServerLink.DC);
        try (ClusterNodes cluster = new ClusterNodes()) {
            Gatehouse a = cluster.startWithAstron("pr-a", "clientagent", dc, 1_000_000_000L);
            Gatehouse b = cluster.startWithAstron("pr-b", "stateserver", dc, 1_001_000_000L);
            try (GameServerLink onB = new GameServerLink(b.front(AstronFront.class).mdAddress(), GS_B)) {
                onB.subscribe(GS_B);
                GameServerLink onA = new GameServerLink(a.front(AstronFront.class).mdAddress(), GS_A);
                onA.addPostRemove(GameServerLink.datagram(GS_B, GS_A, FAREWELL));
                await().atMost(Duration.ofSeconds(10)).until(() -> wills(b, "pr-a") == 1);

                onA.close();
                ByteBuffer farewell = onB.receive();
                assertThat(farewell.getLong()).isEqualTo(GS_A);
                assertThat(farewell.getShort()).as("sent by node A's director as its link went").isEqualTo((short) FAREWELL);
                await().atMost(Duration.ofSeconds(10)).until(() -> wills(b, "pr-a") == 0);

                cluster.stop(a);
                assertNothingMoreBefore(b, onB);
            }
        }
    }

    @Test
    void aNodeStoppedInOrderSendsItsLinksPostRemovesOnceAndLeavesNoneInTheStore() throws Exception {
        Path dc = Files.writeString(dir.resolve("game.dc"), GameServerLink.DC);
        try (ClusterNodes cluster = new ClusterNodes()) {
            Gatehouse a = cluster.startWithAstron("pr-a", "clientagent", dc, 1_000_000_000L);
            Gatehouse b = cluster.startWithAstron("pr-b", "stateserver", dc, 1_001_000_000L);
            try (GameServerLink onB = new GameServerLink(b.front(AstronFront.class).mdAddress(), GS_B);
                 GameServerLink onA = new GameServerLink(a.front(AstronFront.class).mdAddress(), GS_A)) {
                onB.subscribe(GS_B);
                onA.addPostRemove(GameServerLink.datagram(GS_B, GS_A, FAREWELL));
                await().atMost(Duration.ofSeconds(10)).until(() -> wills(b, "pr-a") == 1);

                cluster.stop(a);
                ByteBuffer farewell = onB.receive();
                assertThat(farewell.getLong()).isEqualTo(GS_A);
                assertThat(farewell.getShort()).as("sent by node A's director as it stopped").isEqualTo((short) FAREWELL);
                assertThat(wills(b, "pr-a")).as("deleted before node A left").isZero();
                assertNothingMoreBefore(b, onB);
            }
        }
    }

    /** A marker sent to B's game server now is the next datagram it gets: no second post-remove came before it. */
    private static void assertNothingMoreBefore(Gatehouse b, GameServerLink onB) throws Exception {
        try (GameServerLink marker = new GameServerLink(b.front(AstronFront.class).mdAddress(), MARKER_SENDER)) {
            marker.send(GS_B, MARKER, GameServerLink.args());
            ByteBuffer next = onB.receive();
            assertThat(next.getLong()).isEqualTo(MARKER_SENDER);
            assertThat(next.getShort()).as("the marker, not a second post-remove").isEqualTo((short) MARKER);
        }
    }

    /** The rows of {@code node}'s post-removes in the cluster's store, read through node {@code b}. */
    private static int wills(Gatehouse b, String node) {
        return b.services().database().inTransaction(c -> {
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
