package io.gatehouse.core.bus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelMapTest {

    private final ChannelMap<String> map = new ChannelMap<>();

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
}
