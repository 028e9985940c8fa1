package io.gatehouse.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.core.testing.ManualScheduler;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    private final ManualScheduler clock = new ManualScheduler();
    private final AtomicInteger fired = new AtomicInteger();

    @Test
    void firesOnceAfterSilence() {
        new Deadline(clock, Duration.ofSeconds(120), fired::incrementAndGet).start();
        clock.advance(Duration.ofMillis(119_999));
        assertThat(fired).hasValue(0);
        clock.advance(Duration.ofMillis(1));
        assertThat(fired).hasValue(1);
        clock.advance(Duration.ofHours(1));
        assertThat(fired).hasValue(1);
        assertThat(clock.pending()).isZero();
    }

    @Test
    void touchMovesTheDeadline() {
        Deadline d = new Deadline(clock, Duration.ofSeconds(10), fired::incrementAndGet).start();
        clock.advance(Duration.ofSeconds(9));
        d.touch();
        clock.advance(Duration.ofSeconds(9));
        assertThat(fired).hasValue(0);
        clock.advance(Duration.ofSeconds(1));
        assertThat(fired).hasValue(1);
    }

    @Test
    void stoppedDeadlineNeverFires() {
        Deadline d = new Deadline(clock, Duration.ofSeconds(10), fired::incrementAndGet).start();
        d.stop();
        clock.advance(Duration.ofMinutes(1));
        assertThat(fired).hasValue(0);
        assertThat(clock.pending()).isZero();
    }

    @Test
    void rejectsNonPositiveTimeout() {
        assertThatThrownBy(() -> new Deadline(clock, Duration.ZERO, () -> { }))
                .hasMessageContaining("must be positive");
    }
}
