package io.gatehouse.core.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AttemptLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000);

    @Test
    void aKeySpendsItsBucketThenWaitsForTheRefill() {
        AttemptLimiter l = new AttemptLimiter(3, Duration.ofSeconds(30), 100, now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(l.acquire("a").allowed()).as("attempt " + (i + 1)).isTrue();
        }
        AttemptLimiter.Verdict refused = l.acquire("a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterMillis()).as("one attempt comes back every window / attempts").isEqualTo(10_000);
        assertThat(l.acquire("b").allowed()).as("another key has its own bucket").isTrue();

        now.addAndGet(9_999);
        assertThat(l.acquire("a").allowed()).isFalse();
        now.addAndGet(1);
        assertThat(l.acquire("a").allowed()).isTrue();
        assertThat(l.acquire("a").allowed()).isFalse();
        now.addAndGet(30_000);
        assertThat(l.available("a")).as("a whole window refills the bucket").isEqualTo(3);
    }

    @Test
    void aRefusedAttemptTakesNothingAndARefundGivesOneBack() {
        AttemptLimiter l = new AttemptLimiter(2, Duration.ofSeconds(20), 100, now::get);
        l.acquire("a");
        l.acquire("a");
        for (int i = 0; i < 100; i++) {
            assertThat(l.acquire("a").allowed()).isFalse();
        }
        assertThat(l.acquire("a").retryAfterMillis()).as("hammering does not push the refill back").isEqualTo(10_000);
        l.refund("a");
        assertThat(l.available("a")).isEqualTo(1);
        assertThat(l.acquire("a").allowed()).isTrue();
        l.refund("a");
        l.refund("a");
        assertThat(l.tracked()).as("a full bucket is forgotten").isZero();
        l.refund("a");
        assertThat(l.available("a")).as("never more than the bucket").isEqualTo(2);
    }

    @Test
    void keysWhoseBucketIsFullAgainAreDropped() {
        AttemptLimiter l = new AttemptLimiter(5, Duration.ofSeconds(5), 1_000_000, now::get);
        for (int i = 0; i < 10_000; i++) {
            l.acquire("k" + i);
        }
        assertThat(l.tracked()).isEqualTo(10_000);
        now.addAndGet(1_000);
        for (int i = 0; i < 10_000; i++) {
            l.acquire("fresh" + i);
        }
        assertThat(l.tracked()).as("every call drops expired keys, oldest first").isEqualTo(10_000);
        assertThat(l.forgotten()).isZero();
    }

    @Test
    void pastTheCapTheKeyUsedLongestAgoIsForgotten() {
        AttemptLimiter l = new AttemptLimiter(1, Duration.ofMinutes(10), 3, now::get);
        l.acquire("old");
        l.acquire("b");
        l.acquire("c");
        l.acquire("b");
        l.acquire("d");
        assertThat(l.tracked()).isEqualTo(3);
        assertThat(l.forgotten()).isEqualTo(1);
        assertThat(l.acquire("old").allowed()).as("forgotten: a fresh bucket").isTrue();
        assertThat(l.acquire("d").allowed()).as("kept").isFalse();
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> new AttemptLimiter(0, Duration.ofSeconds(1), 1, now::get)).hasMessageContaining("attempts 0");
        assertThatThrownBy(() -> new AttemptLimiter(1, Duration.ZERO, 1, now::get)).hasMessageContaining("window 0 ms");
        assertThatThrownBy(() -> new AttemptLimiter(1, Duration.ofSeconds(1), 0, now::get)).hasMessageContaining("maxTracked 0");
    }
}
