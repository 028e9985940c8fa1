package io.gatehouse.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.bench.soak.GrowthRule.Limits;
import io.gatehouse.bench.soak.GrowthRule.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The soak scenario's rule for "keeps growing", on hand-made samples. */
class GrowthRuleTest {

    private static final long MIB = 1024 * 1024;
    private static final Limits LIMITS = Limits.defaults();

    private static Sample heap(double seconds, long heapMib) {
        return new Sample(seconds, heapMib * MIB, 400 * MIB, 100, 40, 0);
    }

    private static Sample rss(double seconds, long rssMib) {
        return new Sample(seconds, 30 * MIB, rssMib * MIB, 100, 40, 0);
    }

    private static Sample counts(double seconds, long descriptors, long threads) {
        return counts(seconds, descriptors, threads, 0);
    }

    private static Sample counts(double seconds, long descriptors, long threads, long idlePoolThreads) {
        return new Sample(seconds, 30 * MIB, 400 * MIB, descriptors, threads, idlePoolThreads);
    }

    /** Loaded heap samples every 30 s with these values in MiB. */
    private static List<Sample> heaps(long... mib) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < mib.length; i++) {
            out.add(heap(30.0 * (i + 1), mib[i]));
        }
        return out;
    }

    private static Verdict verdict(String measure, Sample start, List<Sample> loaded, Sample end) {
        return GrowthRule.judge(start, loaded, end, LIMITS).stream().filter(v -> v.measure().equals(measure)).findFirst().orElseThrow();
    }

    /** The soak of stop 20: RSS rose to a high-water mark in the first 8 minutes, then stayed (+0.2 MiB/min). */
    @Test
    void rssThatReachedAHighWaterMarkAndStaysThereIsNotGrowing() {
        List<Sample> loaded = new ArrayList<>();
        long[] mib = {444, 460, 470, 482, 492, 511, 521, 530, 539, 548, 557, 565, 574, 583, 592, 599, 599, 599, 599, 599};
        for (int i = 0; i < mib.length; i++) {
            loaded.add(rss(30.0 * (i + 1), mib[i]));
        }
        Verdict v = verdict("RSS", rss(0, 433), loaded, rss(660, 600));
        assertThat(v.growing()).isFalse();
        assertThat(v.why()).contains("not rising");
    }

    @Test
    void rssRisingTwoMibAMinuteToTheEndIsGrowing() {
        List<Sample> loaded = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            loaded.add(rss(30.0 * (i + 1), 440 + i));
        }
        assertThat(verdict("RSS", rss(0, 433), loaded, rss(660, 560)).growing()).isTrue();
    }

    @Test
    void aFlatRunGrowsNothing() {
        List<Sample> loaded = heaps(40, 41, 40, 41, 40, 41);
        List<Verdict> all = GrowthRule.judge(heap(0, 30), loaded, heap(200, 31), LIMITS);
        assertThat(all).extracting(Verdict::measure).containsExactly("heap after GC", "RSS", "descriptors", "threads");
        assertThat(all).noneMatch(Verdict::growing);
    }

    @Test
    void heapKeptAfterTheClientsLeftWithARisingTrendIsGrowing() {
        // 1.5 x 30 + 16 = 61 MiB: 62 at the end is past it, and the samples under load keep rising
        Verdict v = verdict("heap after GC", heap(0, 30), heaps(40, 45, 50, 55, 60), heap(200, 62));
        assertThat(v.growing()).isTrue();
        assertThat(v.slopePerMinute()).isPositive();
        assertThat(v.why()).contains("end 62.0 MiB > 1.50 x start 30.0 MiB").contains("rising");
    }

    @Test
    void heapAtTheLimitIsNotGrowing() {
        assertThat(verdict("heap after GC", heap(0, 30), heaps(40, 45, 50, 55, 60), heap(200, 61)).growing()).isFalse();
    }

    @Test
    void aBigEndWithoutARisingTrendIsNotGrowing() {
        // a one-off step (a cache filled once) that stays flat under load is not growth
        Verdict v = verdict("heap after GC", heap(0, 30), heaps(90, 90, 90, 89, 89), heap(200, 80));
        assertThat(v.growing()).isFalse();
        assertThat(v.why()).contains("not rising");
    }

    @Test
    void onlyTheLastSamplesMakeTheTrend() {
        // rose early, then flat for the last five samples
        Verdict v = verdict("heap after GC", heap(0, 30), heaps(40, 60, 80, 100, 100, 100, 100, 100), heap(300, 100));
        assertThat(v.growing()).isFalse();
        assertThat(v.slopePerMinute()).isZero();
    }

    @Test
    void heapThatGrowsOnlyWhileTheLoadRunsIsGrowing() {
        // an unbounded queue: freed when its connection closes, so the end is back at the start
        Verdict v = verdict("heap after GC", heap(0, 30), heaps(40, 60, 80, 100, 120), heap(200, 31));
        assertThat(v.growing()).isTrue();
        assertThat(v.why()).contains("under load 120.0 MiB > 1.50 x 40.0 MiB");
    }

    @Test
    void withoutTwoLoadedSamplesTheSizeAloneDecides() {
        assertThat(verdict("heap after GC", heap(0, 30), List.of(), heap(60, 62)).growing()).isTrue();
        assertThat(verdict("heap after GC", heap(0, 30), heaps(90), heap(60, 40)).growing()).isFalse();
        assertThat(verdict("heap after GC", heap(0, 30), heaps(90), heap(60, 40)).why()).contains("no trend");
    }

    @Test
    void rssHasItsOwnFactorAndSlack() {
        // 1.1 x 400 + 64 = 504 MiB
        List<Sample> rising = List.of(rss(30, 420), rss(60, 440), rss(90, 460), rss(120, 480), rss(150, 500));
        assertThat(verdict("RSS", rss(0, 400), rising, rss(200, 504)).growing()).isFalse();
        assertThat(verdict("RSS", rss(0, 400), rising, rss(200, 505)).growing()).isTrue();
    }

    @Test
    void descriptorsAndThreadsGrowPastTheirSlackWhateverTheTrend() {
        List<Sample> loaded = List.of(counts(30, 300, 60), counts(60, 250, 55));
        assertThat(verdict("descriptors", counts(0, 100, 40), loaded, counts(90, 116, 48)).growing()).isFalse();
        assertThat(verdict("descriptors", counts(0, 100, 40), loaded, counts(90, 117, 48)).growing()).isTrue();
        assertThat(verdict("threads", counts(0, 100, 40), loaded, counts(90, 100, 48)).growing()).isFalse();
        assertThat(verdict("threads", counts(0, 100, 40), loaded, counts(90, 100, 49)).growing()).isTrue();
        assertThat(verdict("threads", counts(0, 100, 40), loaded, counts(90, 100, 49)).why()).isEqualTo("end 49 > start 40 + 8");
    }

    @Test
    void idlePoolThreadsDoNotCount() {
        // a burst left Jetty with 12 more idle workers: not a leak
        assertThat(verdict("threads", counts(0, 100, 40, 2), List.of(), counts(90, 100, 54, 14)).growing()).isFalse();
        // the same 14 more threads, all busy or parked outside a pool's idle wait: growing
        assertThat(verdict("threads", counts(0, 100, 40, 2), List.of(), counts(90, 100, 54, 2)).growing()).isTrue();
    }

    @Test
    void slopeIsTheLeastSquaresLine() {
        List<Sample> line = List.of(heap(0, 10), heap(60, 20), heap(120, 30));
        assertThat(GrowthRule.slope(line, Sample::heapAfterGcBytes)).isEqualTo(10.0 * MIB / 60);
        assertThat(GrowthRule.slope(List.of(heap(5, 10), heap(5, 99)), Sample::heapAfterGcBytes)).isZero();
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> new Limits(16, 8, 0.9, 0, 1.1, 0, 5, MIB)).hasMessageContaining("factors");
        assertThatThrownBy(() -> new Limits(-1, 8, 1.5, 0, 1.1, 0, 5, MIB)).hasMessageContaining("slacks");
        assertThatThrownBy(() -> new Limits(16, 8, 1.5, 0, 1.1, 0, 1, MIB)).hasMessage("trend samples 1 (min 2)");
        assertThatThrownBy(() -> new Limits(16, 8, 1.5, 0, 1.1, 0, 5, -1)).hasMessageContaining("rising rate");
        assertThat(LIMITS.describe()).contains("descriptors: end > start + 16").contains("1.50 x start + 16 MiB");
    }
}
