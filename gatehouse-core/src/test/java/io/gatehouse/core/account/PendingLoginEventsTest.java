package io.gatehouse.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The queue of login events waiting for their batch: bounded, and readable until a batch settles. */
class PendingLoginEventsTest {

    private static LoginEvent event(String user, long at) {
        return new LoginEvent(1L, user, at, "192.0.2.1", "marauroa", LoginResult.SUCCESS);
    }

    @Test
    void theLatestOfANameIsFoundQueuedOrBeingWrittenButNotOnceSettled() {
        PendingLoginEvents pending = new PendingLoginEvents(10);
        assertThat(pending.add(event("ann", 1))).as("the first of an empty queue").isTrue();
        assertThat(pending.add(event("bob", 2))).isFalse();
        assertThat(pending.add(event("ann", 3))).isFalse();
        assertThat(pending.latest("ann")).map(LoginEvent::atMillis).contains(3L);

        List<LoginEvent> batch = pending.take(10);
        assertThat(pending.size()).isZero();
        assertThat(pending.latest("ann")).as("taken, not yet committed").map(LoginEvent::atMillis).contains(3L);
        pending.add(event("bob", 4));
        assertThat(pending.latest("bob")).as("the queued one is newer than the one being written").map(LoginEvent::atMillis).contains(4L);

        pending.settled(batch);
        assertThat(pending.latest("ann")).as("in the store now").isEmpty();
        assertThat(pending.latest("bob")).map(LoginEvent::atMillis).contains(4L);
    }

    @Test
    void aFullQueueDropsAndCounts() {
        PendingLoginEvents pending = new PendingLoginEvents(2);
        pending.add(event("ann", 1));
        pending.add(event("ann", 2));
        assertThat(pending.add(event("ann", 3))).isFalse();
        assertThat(pending.size()).isEqualTo(2);
        assertThat(pending.dropped()).isEqualTo(1);
        assertThat(pending.latest("ann")).map(LoginEvent::atMillis).contains(2L);
    }
}
