package io.gatehouse.astron.md;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of unsigned 64-bit channels kept as disjoint inclusive ranges, for working out what the
 * Message Director asks of its upstream ({@link UpstreamInterest}). Not thread-safe.
 */
final class ChannelRanges {

    /** An inclusive range of unsigned channels. */
    record Range(long low, long high) {
    }

    /** Low key to high key (keys have the sign bit flipped, so that signed order is unsigned order); touching ranges are joined. */
    private final TreeMap<Long, Long> byLow = new TreeMap<>();

    static long key(long channel) {
        return channel ^ Long.MIN_VALUE;
    }

    boolean isEmpty() {
        return byLow.isEmpty();
    }

    /** The lowest channel held; only when not empty. */
    long lowest() {
        return key(byLow.firstKey());
    }

    /** The highest channel held; only when not empty. */
    long highest() {
        return key(byLow.lastEntry().getValue());
    }

    boolean contains(long channel) {
        long k = key(channel);
        Map.Entry<Long, Long> e = byLow.floorEntry(k);
        return e != null && e.getValue() >= k;
    }

    /** Adds {@code low..high}; nothing when low is above high. */
    void add(long low, long high) {
        long lo = key(low);
        long hi = key(high);
        if (lo > hi) {
            return;
        }
        Map.Entry<Long, Long> before = byLow.floorEntry(lo);
        if (before != null && (before.getValue() == Long.MAX_VALUE || before.getValue() + 1 >= lo)) {
            lo = before.getKey();
            hi = Math.max(hi, before.getValue());
        }
        while (true) {
            Map.Entry<Long, Long> next = byLow.higherEntry(lo);
            if (next == null || (hi != Long.MAX_VALUE && next.getKey() > hi + 1)) {
                break;
            }
            hi = Math.max(hi, next.getValue());
            byLow.remove(next.getKey());
        }
        byLow.put(lo, hi);
    }

    /** Takes {@code low..high} out; nothing when low is above high. */
    void remove(long low, long high) {
        long lo = key(low);
        long hi = key(high);
        if (lo > hi) {
            return;
        }
        Map.Entry<Long, Long> before = byLow.lowerEntry(lo);
        if (before != null && before.getValue() >= lo) {
            byLow.put(before.getKey(), lo - 1);
            if (before.getValue() > hi) {
                byLow.put(hi + 1, before.getValue());
                return;
            }
        }
        for (Map.Entry<Long, Long> e = byLow.ceilingEntry(lo); e != null && e.getKey() <= hi; e = byLow.ceilingEntry(lo)) {
            byLow.remove(e.getKey());
            if (e.getValue() > hi) {
                byLow.put(hi + 1, e.getValue());
                return;
            }
        }
    }

    /** Whether every channel of {@code low..high} is held (low not above high). */
    boolean covers(long low, long high) {
        long lo = key(low);
        Map.Entry<Long, Long> e = byLow.floorEntry(lo);
        return e != null && e.getValue() >= key(high);
    }

    /** The ranges held, lowest first. */
    List<Range> ranges() {
        List<Range> out = new ArrayList<>(byLow.size());
        byLow.forEach((lo, hi) -> out.add(new Range(key(lo), key(hi))));
        return out;
    }

    /** The channels of {@code low..high} not held here, as ranges, lowest first. */
    List<Range> missing(long low, long high) {
        ChannelRanges gaps = new ChannelRanges();
        gaps.add(low, high);
        byLow.forEach((lo, hi) -> gaps.remove(key(lo), key(hi)));
        return gaps.ranges();
    }
}
