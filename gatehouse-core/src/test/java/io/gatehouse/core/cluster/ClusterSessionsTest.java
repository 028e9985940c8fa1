package io.gatehouse.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.bus.Topics;
import io.gatehouse.core.session.AccountClosures;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.session.DuplicatePolicy;
import io.gatehouse.core.session.Kicked;
import io.gatehouse.core.session.LiveSession;
import io.gatehouse.core.session.LocalSessionRegistry;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.testing.FakeConnection;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.core.testing.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Nodes asking each other about their sessions, here two nodes on one in-process bus. */
class ClusterSessionsTest {

    /** How long a node waits for the others: long enough for a loaded machine, which the silent node's test waits out. */
    private static final Duration PATIENCE = Duration.ofSeconds(3);

    private final ManualScheduler clock = new ManualScheduler(1_000_000);
    private final Database db = TestDatabases.h2();
    private final LocalBus bus = new LocalBus();
    private final ExecutorService work = Executors.newFixedThreadPool(2);
    private final List<ClusterSessions> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        nodes.forEach(ClusterSessions::close);
        work.shutdown();
        work.awaitTermination(5, TimeUnit.SECONDS);
        db.close();
    }

    private LocalSessionRegistry node(String name, Set<String> others) {
        ClusterSessions asks = new ClusterSessions(bus, name, () -> others, work, PATIENCE);
        nodes.add(asks);
        LocalSessionRegistry registry = new LocalSessionRegistry(db, clock, Duration.ofHours(1), DuplicatePolicy.CLOSE_OLDER, name, asks);
        asks.serve(registry);
        return registry;
    }

    @Test
    void theNodesOwnTopicsAreReservedFromClients() {
        assertThat(Topics.reserved(ClusterSessions.ASK)).isTrue();
        assertThat(Topics.reserved(ClusterSessions.REPLY_PREFIX + "node-a")).isTrue();
        assertThat(Topics.reserved(AccountClosures.TOPIC)).isTrue();
        assertThat(Topics.reserved("lobby")).isFalse();
    }

    @Test
    void aListingHasEveryNodesSessionsEvenPastOnePage() throws Exception {
        node("a", Set.of("b"));
        LocalSessionRegistry b = node("b", Set.of("a"));
        int many = ClusterSessions.PAGE * 2 + 500;
        for (int i = 0; i < many; i++) {
            b.attach(new FakeConnection("vcmi"), null, "p" + i);
        }
        List<LiveSession> listed = nodes.get(0).listOthers().get(5, TimeUnit.SECONDS);
        assertThat(listed).hasSize(many).allSatisfy(s -> assertThat(s.node()).isEqualTo("b"));
        assertThat(listed.stream().map(LiveSession::account).distinct()).hasSize(many);
    }

    @Test
    void aKickReachesTheNodeHoldingTheSessionAndAnUnknownOneNobody() throws Exception {
        node("a", Set.of("b"));
        LocalSessionRegistry b = node("b", Set.of("a"));
        FakeConnection player = new FakeConnection("marauroa");
        String id = b.attach(player, 7L, "ivy");

        Optional<Kicked> kicked = nodes.get(0).kickElsewhere(id).get(5, TimeUnit.SECONDS);
        assertThat(kicked).hasValueSatisfying(k -> assertThat(k.front()).isEqualTo("marauroa"));
        assertThat(player.closes()).containsExactly(CloseReason.KICKED);
        assertThat(b.hasSession(id)).isFalse();
        assertThat(nodes.get(0).kickElsewhere("no-such-id").get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void aNodeThatDoesNotAnswerIsLeftOutAfterThePatience() throws Exception {
        node("a", Set.of("b", "silent"));
        LocalSessionRegistry b = node("b", Set.of("a"));
        b.attach(new FakeConnection("vcmi"), null, "jo");
        assertThat(nodes.get(0).listOthers().get(5, TimeUnit.SECONDS)).extracting(LiveSession::account).containsExactly("jo");
    }

    @Test
    void closeElsewhereClosesOnlyOnTheNodeNamed() {
        LocalSessionRegistry a = node("a", Set.of("b"));
        LocalSessionRegistry b = node("b", Set.of("a"));
        FakeConnection onA = new FakeConnection("vcmi");
        FakeConnection onB = new FakeConnection("vcmi");
        String idA = a.attach(onA, null, "kim");
        b.attach(onB, null, "kim");
        nodes.get(1).closeElsewhere("c", idA, CloseReason.DUPLICATE_LOGIN, "elsewhere");
        nodes.get(1).closeElsewhere("a", idA, CloseReason.DUPLICATE_LOGIN, "elsewhere");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !onA.closes().isEmpty());
        assertThat(onA.closes()).containsExactly(CloseReason.DUPLICATE_LOGIN);
        assertThat(onB.closes()).isEmpty();
    }
}
