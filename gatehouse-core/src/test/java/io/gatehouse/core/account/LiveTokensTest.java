package io.gatehouse.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A spent token stays known, and refused, until it expires; a full memory makes room by forgetting the expired ones. */
class LiveTokensTest {

    private static final Account ADA = new Account(1, "ada", AccountStatus.ACTIVE, null, null, 0);

    @Test
    void aSpentTokenIsRefusedUntilItExpiresAndThenForgotten() {
        LiveTokens live = new LiveTokens(10);
        live.add("t", ADA, 1_000, live.generation(), 0);
        assertThat(live.claim("t", 10)).isInstanceOf(LiveTokens.Claim.Claimed.class);
        assertThat(live.claim("t", 20)).isInstanceOf(LiveTokens.Claim.Refused.class);
        assertThat(live.handToStore("t")).as("the store must not spend it again").isFalse();
        assertThat(live.purge(999)).isZero();
        assertThat(live.purge(1_000)).isEqualTo(1);
        assertThat(live.handToStore("t")).as("expired: the store judges it, and finds it expired").isTrue();
    }

    @Test
    void aFullMemoryForgetsExpiredTokensToKnowANewOneAtMostOnceASecond() {
        LiveTokens live = new LiveTokens(2);
        live.add("a", ADA, 100, live.generation(), 0);
        live.add("b", ADA, 5_000, live.generation(), 0);
        live.claim("a", 1);
        assertThat(live.add("c", ADA, 5_000, live.generation(), 2_000)).as("a expired and is forgotten").isTrue();
        assertThat(live.size()).isEqualTo(2);
        assertThat(live.add("d", ADA, 5_000, live.generation(), 3_100)).as("purged, and still full of unexpired ones").isFalse();
        // b and c expire at 5,000
        assertThat(live.add("e", ADA, 9_000, live.generation(), 5_100)).isTrue();
        assertThat(live.add("f", ADA, 5_250, live.generation(), 5_200)).isTrue();
        assertThat(live.add("g", ADA, 9_000, live.generation(), 5_300)).as("f expired, but within a second of the last purge nothing is scanned again")
                .isFalse();
        assertThat(live.add("g", ADA, 9_000, live.generation(), 6_100)).isTrue();
    }
}
