package io.gatehouse.core.bus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Subscriptions to numeric (unsigned 64-bit) channels: single channels and inclusive ranges of
 * them, with the rules of astrond's Message Director (docs/protocol/astron.md, section 3.1):
 * <ul>
 *   <li>A subscriber's ranges are one set of channels: adding a range adds its channels to the
 *       set (overlaps and repeats join), removing a range takes its channels out of the set,
 *       whatever ranges they were added with, splitting what is left.</li>
 *   <li>Removing a range also drops the subscriber's single-channel subscriptions inside its
 *       bounds, but only while some subscriber (any) holds some range; with no range held at
 *       all, a range removal changes nothing.</li>
 *   <li>A single channel already covered by the subscriber's ranges is not kept on its own;
 *       removing a single channel never touches ranges.</li>
 *   <li>A range whose low bound is above its high bound is empty.</li>
 * </ul>
 * Not thread-safe: its owner guards it ({@link LocalBus} keeps one under one lock).
 *
 * @param <S> the subscriber type (compared by {@code equals}; participants by identity)
 */
public final class ChannelMap<S> {

    /**
     * Channels are unsigned; their keys here have the sign bit flipped, so that signed order
     * is unsigned order and the top channel is {@link Long#MAX_VALUE}.
     */
    private static long key(long channel) {
        return channel ^ Long.MIN_VALUE;
    }

    /** A stretch of channels {@code [low, high]} (keys) and every subscriber whose ranges cover all of it. */
    private static final class Segment<S> {
        final long low;
        long high;
        final Set<S> subscribers;

        Segment(long low, long high, Set<S> subscribers) {
            this.low = low;
            this.high = high;
            this.subscribers = subscribers;
        }
    }

    private final Map<Long, Set<S>> channels = new HashMap<>();
    /** Each subscriber's own single channels, so that it can be found and dropped without a scan. */
    private final Map<S, Set<Long>> channelsOf = new HashMap<>();
    /** Disjoint segments by their low key; neighbours that touch have different subscribers. */
    private final TreeMap<Long, Segment<S>> segments = new TreeMap<>();

    /** Subscribes to one channel, unless {@code s} already has it, on its own or in a range. */
    public void subscribe(S s, long channel) {
        if (isSubscribed(s, channel)) {
            return;
        }
        channels.computeIfAbsent(channel, k -> new LinkedHashSet<>()).add(s);
        channelsOf.computeIfAbsent(s, k -> new HashSet<>()).add(channel);
    }

    /** Drops {@code s}'s own subscription to one channel; its ranges stay as they are. */
    public void unsubscribe(S s, long channel) {
        Set<Long> own = channelsOf.get(s);
        if (own == null || !own.remove(channel)) {
            return;
        }
        if (own.isEmpty()) {
            channelsOf.remove(s);
        }
        dropFromChannel(s, channel);
    }

    private void dropFromChannel(S s, long channel) {
        Set<S> set = channels.get(channel);
        if (set != null) {
            set.remove(s);
            if (set.isEmpty()) {
                channels.remove(channel);
            }
        }
    }

    /** Adds every channel from {@code low} to {@code high}, both included (unsigned), to {@code s}'s ranges. */
    public void subscribeRange(S s, long low, long high) {
        long lo = key(low);
        long hi = key(high);
        if (lo > hi) {
            return;
        }
        splitAt(lo);
        if (hi != Long.MAX_VALUE) {
            splitAt(hi + 1);
        }
        long next = lo;
        boolean more = true;
        for (Segment<S> seg : new ArrayList<>(segments.subMap(lo, true, hi, true).values())) {
            if (seg.low > next) {
                segments.put(next, new Segment<>(next, seg.low - 1, newSet(s)));
            }
            seg.subscribers.add(s);
            more = seg.high != Long.MAX_VALUE;
            next = seg.high + 1;
        }
        if (more && next <= hi) {
            segments.put(next, new Segment<>(next, hi, newSet(s)));
        }
        join(lo, hi);
    }

    /**
     * Takes the channels from {@code low} to {@code high} (unsigned, inclusive) out of {@code s}'s
     * ranges and drops its single channels between those bounds; nothing at all while no
     * subscriber holds a range.
     */
    public void unsubscribeRange(S s, long low, long high) {
        if (segments.isEmpty()) {
            return;
        }
        long lo = key(low);
        long hi = key(high);
        Set<Long> own = channelsOf.get(s);
        if (own != null) {
            for (Iterator<Long> it = own.iterator(); it.hasNext(); ) {
                long c = it.next();
                long k = key(c);
                if (lo <= k && k <= hi) {
                    it.remove();
                    dropFromChannel(s, c);
                }
            }
            if (own.isEmpty()) {
                channelsOf.remove(s);
            }
        }
        if (lo > hi) {
            return;
        }
        splitAt(lo);
        if (hi != Long.MAX_VALUE) {
            splitAt(hi + 1);
        }
        for (Iterator<Segment<S>> it = segments.subMap(lo, true, hi, true).values().iterator(); it.hasNext(); ) {
            Segment<S> seg = it.next();
            seg.subscribers.remove(s);
            if (seg.subscribers.isEmpty()) {
                it.remove();
            }
        }
        join(lo, hi);
    }

    /** Drops every subscription of {@code s}. */
    public void unsubscribeAll(S s) {
        Set<Long> own = channelsOf.remove(s);
        if (own != null) {
            for (long c : own) {
                dropFromChannel(s, c);
            }
        }
        boolean changed = false;
        for (Iterator<Segment<S>> it = segments.values().iterator(); it.hasNext(); ) {
            Segment<S> seg = it.next();
            if (seg.subscribers.remove(s)) {
                changed = true;
                if (seg.subscribers.isEmpty()) {
                    it.remove();
                }
            }
        }
        if (changed) {
            join(Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }

    /** Each subscriber of any of the channels, once. */
    public Set<S> lookup(long[] targets) {
        Set<S> out = new LinkedHashSet<>();
        for (long c : targets) {
            Set<S> set = channels.get(c);
            if (set != null) {
                out.addAll(set);
            }
            Segment<S> seg = segmentOf(c);
            if (seg != null) {
                out.addAll(seg.subscribers);
            }
        }
        return out;
    }

    /** Whether {@code s} would receive a message on {@code channel}. */
    public boolean isSubscribed(S s, long channel) {
        Set<Long> own = channelsOf.get(s);
        if (own != null && own.contains(channel)) {
            return true;
        }
        Segment<S> seg = segmentOf(channel);
        return seg != null && seg.subscribers.contains(s);
    }

    private Segment<S> segmentOf(long channel) {
        if (segments.isEmpty()) {
            return null;
        }
        long k = key(channel);
        Map.Entry<Long, Segment<S>> e = segments.floorEntry(k);
        return e != null && e.getValue().high >= k ? e.getValue() : null;
    }

    /** Makes {@code at} the low key of a segment, if a segment covers it. */
    private void splitAt(long at) {
        Map.Entry<Long, Segment<S>> e = segments.lowerEntry(at);
        if (e == null || e.getValue().high < at) {
            return;
        }
        Segment<S> seg = e.getValue();
        segments.put(at, new Segment<>(at, seg.high, new LinkedHashSet<>(seg.subscribers)));
        seg.high = at - 1;
    }

    /** Joins touching segments with the same subscribers, from the one before {@code lo} to the one after {@code hi}. */
    private void join(long lo, long hi) {
        Long from = segments.lowerKey(lo);
        Segment<S> prev = null;
        for (Iterator<Segment<S>> it = segments.tailMap(from == null ? lo : from, true).values().iterator(); it.hasNext(); ) {
            Segment<S> seg = it.next();
            if (prev != null && prev.high != Long.MAX_VALUE && prev.high + 1 == seg.low && prev.subscribers.equals(seg.subscribers)) {
                prev.high = seg.high;
                it.remove();
            } else {
                if (prev != null && prev.high > hi) {
                    return;
                }
                prev = seg;
            }
        }
    }

    private static <S> Set<S> newSet(S s) {
        Set<S> set = new LinkedHashSet<>();
        set.add(s);
        return set;
    }
}
