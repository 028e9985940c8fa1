package io.gatehouse.core.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Subscriptions as astrond's Message Director keeps them (docs/protocol/astron.md, section 3.1). */
class ChannelMapTest {

    private final ChannelMap<String> map = new ChannelMap<>();

    private List<Long> heardBy(String s, long... channels) {
        List<Long> out = new ArrayList<>();
        for (long c : channels) {
            if (map.lookup(new long[] {c}).contains(s)) {
                out.add(c);
            }
        }
        return out;
    }

    @Test
    void channelsAndRangesMatchEachSubscriberOnce() {
        map.subscribe("a", 100);
        map.subscribeRange("a", 90, 110);
        map.subscribe("b", 105);
        assertThat(map.lookup(new long[] {100, 105})).containsExactlyInAnyOrder("a", "b");
        assertThat(map.lookup(new long[] {111})).isEmpty();
        assertThat(map.lookup(new long[] {90})).containsExactly("a");
        map.unsubscribeRange("a", 90, 110);
        assertThat(map.lookup(new long[] {105})).containsExactly("b");
        map.unsubscribeAll("a");
        assertThat(map.lookup(new long[] {100})).isEmpty();
    }

    @Test
    void rangesAreUnsigned() {
        map.subscribeRange("high", 1L << 63, -1L);
        assertThat(map.lookup(new long[] {-2L})).containsExactly("high");
        assertThat(map.lookup(new long[] {5})).isEmpty();
        assertThat(map.isSubscribed("high", -1L)).isTrue();
    }

    @Test
    void removingThePartOfARangeLeavesBothEnds() {
        map.subscribeRange("a", 1000, 1999);
        map.unsubscribeRange("a", 1300, 1700);
        assertThat(heardBy("a", 999, 1000, 1299, 1300, 1500, 1700, 1701, 1999, 2000)).containsExactly(1000L, 1299L, 1701L, 1999L);
    }

    @Test
    void overlappingAddsAreOneUnionThatOneRemoveTakesAway() {
        map.subscribeRange("a", 100, 200);
        map.subscribeRange("a", 150, 250);
        map.unsubscribeRange("a", 100, 200);
        assertThat(heardBy("a", 100, 150, 200, 201, 250, 251)).containsExactly(201L, 250L);

        map.subscribeRange("a", 300, 400);
        map.subscribeRange("a", 300, 400);
        map.unsubscribeRange("a", 300, 400);
        assertThat(heardBy("a", 300, 350, 400)).as("the same range added twice is removed at once").isEmpty();
    }

    @Test
    void oneRemoveSpansSeveralRanges() {
        map.subscribeRange("a", 500, 510);
        map.subscribeRange("a", 520, 530);
        map.subscribeRange("a", 540, 550);
        map.unsubscribeRange("a", 505, 545);
        assertThat(heardBy("a", 504, 505, 510, 525, 545, 546, 550)).containsExactly(504L, 546L, 550L);
    }

    @Test
    void adjacentRangesJoinAndSplitAnywhere() {
        map.subscribeRange("a", 20_000, 20_009);
        map.subscribeRange("a", 20_010, 20_019);
        map.unsubscribeRange("a", 20_005, 20_014);
        assertThat(heardBy("a", 20_004, 20_005, 20_014, 20_015)).containsExactly(20_004L, 20_015L);
    }

    @Test
    void aRangeOfOneChannelAndTheTopOfTheChannelSpace() {
        map.subscribeRange("a", 6000, 6000);
        assertThat(heardBy("a", 5999, 6000, 6001)).containsExactly(6000L);
        map.subscribeRange("a", -11L, -1L);
        map.unsubscribeRange("a", -1L, -1L);
        assertThat(heardBy("a", -12L, -11L, -2L, -1L)).containsExactly(-11L, -2L);
        map.unsubscribeRange("a", -21L, -1L);
        assertThat(heardBy("a", -11L, -2L)).isEmpty();
    }

    @Test
    void boundsTheWrongWayRoundAddAndRemoveNothing() {
        map.subscribeRange("a", 4010, 4000);
        assertThat(heardBy("a", 4000, 4005, 4010)).isEmpty();
        map.subscribeRange("a", 5000, 5010);
        map.unsubscribeRange("a", 5010, 5000);
        assertThat(heardBy("a", 5005)).containsExactly(5005L);
    }

    @Test
    void removingARangeRemovesTheSubscribersOwnChannelsInsideIt() {
        map.subscribeRange("b", 1, 1);
        map.subscribe("a", 605);
        map.subscribe("a", 611);
        map.unsubscribeRange("a", 600, 610);
        assertThat(heardBy("a", 605, 611)).as("a had no range there; its channel went all the same").containsExactly(611L);
    }

    @Test
    void withNoRangeAnywhereRemovingARangeLeavesChannelsAlone() {
        map.subscribe("a", 705);
        map.unsubscribeRange("a", 700, 710);
        assertThat(heardBy("a", 705)).containsExactly(705L);
    }

    @Test
    void aChannelInsideTheSubscribersOwnRangeIsNotKeptOnItsOwn() {
        map.subscribeRange("a", 800, 810);
        map.subscribe("a", 805);
        map.unsubscribeRange("a", 800, 810);
        assertThat(heardBy("a", 805)).isEmpty();
    }

    @Test
    void removingAChannelLeavesTheRangeThatCoversIt() {
        map.subscribe("a", 905);
        map.subscribeRange("a", 900, 910);
        map.unsubscribe("a", 905);
        assertThat(heardBy("a", 905)).containsExactly(905L);
        map.unsubscribe("a", 3005);
        map.subscribeRange("a", 3000, 3010);
        map.unsubscribe("a", 3005);
        assertThat(heardBy("a", 3005)).containsExactly(3005L);
    }

    @Test
    void aChannelAddedTwiceGoesWithOneRemove() {
        map.subscribe("a", 9100);
        map.subscribe("a", 9100);
        map.unsubscribe("a", 9100);
        assertThat(heardBy("a", 9100)).isEmpty();
    }

    @Test
    void anotherSubscribersRangesAreUntouched() {
        map.subscribeRange("b", 7000, 7010);
        map.subscribeRange("a", 7005, 7020);
        map.unsubscribeRange("a", 7000, 7010);
        assertThat(heardBy("a", 7008, 7015)).containsExactly(7015L);
        assertThat(heardBy("b", 7000, 7008, 7010, 7011)).containsExactly(7000L, 7008L, 7010L);
        map.unsubscribeAll("b");
        assertThat(heardBy("b", 7000, 7008)).isEmpty();
        assertThat(heardBy("a", 7015, 7020, 7021)).containsExactly(7015L, 7020L);
    }

    /** Random adds and removes of small ranges and channels, checked against a plain set per subscriber. */
    @Test
    void agreesWithAPlainModelUnderRandomChanges() {
        Random random = new Random(11);
        String[] subs = {"a", "b", "c"};
        java.util.Map<String, Set<Long>> viaRange = new java.util.HashMap<>();
        java.util.Map<String, Set<Long>> viaChannel = new java.util.HashMap<>();
        for (String s : subs) {
            viaRange.put(s, new TreeSet<>());
            viaChannel.put(s, new TreeSet<>());
        }
        for (int step = 0; step < 2000; step++) {
            String s = subs[random.nextInt(subs.length)];
            long lo = 2 + random.nextInt(64);
            long hi = lo + random.nextInt(12) - 2;
            boolean anyRange = viaRange.values().stream().anyMatch(set -> !set.isEmpty());
            switch (random.nextInt(5)) {
                case 0 -> {
                    map.subscribeRange(s, lo, hi);
                    for (long c = lo; c <= hi; c++) {
                        viaRange.get(s).add(c);
                    }
                }
                case 1 -> {
                    map.unsubscribeRange(s, lo, hi);
                    if (anyRange) {
                        for (long c = lo; c <= hi; c++) {
                            viaRange.get(s).remove(c);
                            viaChannel.get(s).remove(c);
                        }
                    }
                }
                case 2 -> {
                    map.subscribe(s, lo);
                    if (!viaRange.get(s).contains(lo)) {
                        viaChannel.get(s).add(lo);
                    }
                }
                case 3 -> {
                    map.unsubscribe(s, lo);
                    viaChannel.get(s).remove(lo);
                }
                default -> {
                    if (random.nextInt(20) == 0) {
                        map.unsubscribeAll(s);
                        viaRange.get(s).clear();
                        viaChannel.get(s).clear();
                    }
                }
            }
            for (long c = -1; c < 80; c++) {
                Set<String> expected = new TreeSet<>();
                for (String t : subs) {
                    if (viaRange.get(t).contains(c) || viaChannel.get(t).contains(c)) {
                        expected.add(t);
                    }
                }
                Set<String> got = new TreeSet<>(map.lookup(new long[] {c}));
                if (!got.equals(expected)) {
                    assertThat(got).as("step %d channel %d", step, c).isEqualTo(expected);
                }
            }
        }
    }
}
