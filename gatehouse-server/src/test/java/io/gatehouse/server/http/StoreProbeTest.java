package io.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StoreProbeTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final AtomicLong now = new AtomicLong(1_000);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void anAnswerIsKeptForASecondThenAskedAgain() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        AtomicBoolean up = new AtomicBoolean(true);
        StoreProbe p = new StoreProbe(() -> {
            probes.incrementAndGet();
            return up.get();
        }, executor, now::get, Duration.ofSeconds(5));
        assertThat(p.storeAnswers()).isTrue();
        up.set(false);
        assertThat(p.storeAnswers()).as("within a second: the kept answer").isTrue();
        assertThat(probes).hasValue(1);
        now.addAndGet(StoreProbe.FRESH.toMillis());
        assertThat(p.storeAnswers()).isFalse();
        assertThat(probes).hasValue(2);
    }

    @Test
    void aProbeThatDoesNotAnswerInTimeMeansTheStoreDoesNotAnswerAndOnlyOneRunsAtATime() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger probes = new AtomicInteger();
        StoreProbe p = new StoreProbe(() -> {
            probes.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }, executor, now::get, Duration.ofMillis(50));
        assertThat(p.storeAnswers()).isFalse();
        assertThat(p.storeAnswers()).isFalse();
        assertThat(probes).as("the stuck probe is waited on, not started again").hasValue(1);
        release.countDown();
    }

    @Test
    void aProbeThatThrowsMeansTheStoreDoesNotAnswer() throws Exception {
        StoreProbe p = new StoreProbe(() -> {
            throw new IllegalStateException("closed");
        }, executor, now::get, Duration.ofSeconds(5));
        assertThat(p.storeAnswers()).isFalse();
    }
}
