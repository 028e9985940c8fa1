package io.gatehouse.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.account.Account;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.testing.FakeConnection;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.core.testing.TestDatabases;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions of the fronts without reconnects (astron, marauroa, vcmi) live in the same registry
 * as control's: listed, counted per front, kicked and closed by account alike.
 */
class AttachedSessionsTest {

    private static final int NO_LIMIT = Integer.MAX_VALUE;

    private final ManualScheduler clock = new ManualScheduler();
    private final Database db = TestDatabases.h2();
    private final LocalSessionRegistry registry = new LocalSessionRegistry(db, clock, Duration.ofHours(1), DuplicatePolicy.CLOSE_OLDER);

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void attachedSessionsAreListedWithTheirFrontAndAccountOldestFirst() {
        FakeConnection astron = new FakeConnection("astron");
        FakeConnection vcmi = new FakeConnection("vcmi");
        long start = clock.nowMillis();
        String a = registry.attach(astron, null, null);
        clock.advance(Duration.ofSeconds(1));
        String v = registry.attach(vcmi, null, "ann");

        assertThat(registry.live()).containsExactly(
                new LiveSession(a, "astron", null, null, "127.0.0.1:1", start, null),
                new LiveSession(v, "vcmi", null, "ann", "127.0.0.1:1", start + 1000, null));
        assertThat(registry.countByFront()).isEqualTo(Map.of("astron", 1, "vcmi", 1));
    }

    @Test
    void identifyNamesTheAccountOfAnAttachedSession() {
        FakeConnection astron = new FakeConnection("astron");
        String id = registry.attach(astron, null, null);
        registry.identify(astron, null, "4097");
        assertThat(registry.live(id)).map(LiveSession::account).contains("4097");
    }

    @Test
    void kickClosesAnAttachedSessionWithItsFrontsAnswer() {
        FakeConnection marauroa = new FakeConnection("marauroa");
        String id = registry.attach(marauroa, 7L, "bob");
        assertThat(registry.kick(id)).contains(new Kicked(id, "marauroa", "marauroa says kicked"));
        assertThat(marauroa.closes()).containsExactly(CloseReason.KICKED);
        assertThat(registry.live()).isEmpty();
        assertThat(registry.countByFront()).isEmpty();
        assertThat(registry.kick(id)).isEmpty();
    }

    @Test
    void releaseEndsAnAttachedSession() {
        FakeConnection vcmi = new FakeConnection("vcmi");
        registry.attach(vcmi, null, "ann");
        registry.release(vcmi);
        assertThat(registry.live()).isEmpty();
        assertThat(vcmi.closes()).isEmpty();
    }

    @Test
    void closeAccountClosesItsConnectionsOnEveryFrontAndNoOneElses() {
        Account bob = TestDatabases.accounts(db, clock).create("bob", "pw".toCharArray());
        FakeConnection control = new FakeConnection("control");
        Object ticket = new Object();
        assertThat(registry.hold(ticket, bob.id(), NO_LIMIT)).isTrue();
        Session s = db.inTransaction(tx -> registry.open(tx, bob, "control"));
        registry.bind(s, control, ticket);
        FakeConnection marauroa = new FakeConnection("marauroa");
        registry.attach(marauroa, bob.id(), "bob");
        FakeConnection other = new FakeConnection("marauroa");
        String otherId = registry.attach(other, bob.id() + 1, "carl");

        assertThat(registry.closeAccount(bob.id(), CloseReason.KICKED, "banned")).isEqualTo(2);

        assertThat(control.closes()).containsExactly(CloseReason.KICKED);
        assertThat(marauroa.closes()).containsExactly(CloseReason.KICKED);
        assertThat(other.closes()).isEmpty();
        assertThat(registry.live()).extracting(LiveSession::id).containsExactly(otherId);
        assertThat(registry.onlineCount(bob.id())).isZero();
    }

    @Test
    void attachedSessionsTakeNoneOfAnAccountsConnectionLimitPlaces() {
        registry.attach(new FakeConnection("marauroa"), 7L, "bob");
        assertThat(registry.onlineCount(7L)).isZero();
        assertThat(registry.hold(new Object(), 7L, 1)).isTrue();
    }
}
