package io.gatehouse.core.bus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Subscriptions to numeric channels: single channels and inclusive ranges of them, as the
 * Astron Message Director keeps them. Not thread-safe: it belongs to one routing thread.
 *
 * @param <S> the subscriber type
 */
public final class ChannelMap<S> {

    private record Range<S>(long low, long high, S subscriber) {
        boolean contains(long channel) {
            return Long.compareUnsigned(low, channel) <= 0 && Long.compareUnsigned(channel, high) <= 0;
        }
    }

    private final Map<Long, Set<S>> channels = new HashMap<>();
    private final List<Range<S>> ranges = new ArrayList<>();

    public void subscribe(S s, long channel) {
        channels.computeIfAbsent(channel, k -> new LinkedHashSet<>()).add(s);
    }

    public void unsubscribe(S s, long channel) {
        Set<S> set = channels.get(channel);
        if (set != null) {
            set.remove(s);
            if (set.isEmpty()) {
                channels.remove(channel);
            }
        }
    }

    /** Subscribes to every channel from {@code low} to {@code high}, both included (unsigned). */
    public void subscribeRange(S s, long low, long high) {
        ranges.add(new Range<>(low, high, s));
    }

    /** Removes exactly the ranges {@code s} added with these bounds. */
    public void unsubscribeRange(S s, long low, long high) {
        ranges.removeIf(r -> r.subscriber() == s && r.low() == low && r.high() == high);
    }

    public void unsubscribeAll(S s) {
        channels.values().forEach(set -> set.remove(s));
        channels.values().removeIf(Set::isEmpty);
        ranges.removeIf(r -> r.subscriber() == s);
    }

    /** Each subscriber of any of the channels, once. */
    public Set<S> lookup(long[] targets) {
        Set<S> out = new LinkedHashSet<>();
        for (long c : targets) {
            Set<S> set = channels.get(c);
            if (set != null) {
                out.addAll(set);
            }
            for (Range<S> r : ranges) {
                if (r.contains(c)) {
                    out.add(r.subscriber());
                }
            }
        }
        return out;
    }

    /** Whether {@code s} would receive a message on {@code channel}. */
    public boolean isSubscribed(S s, long channel) {
        Set<S> set = channels.get(channel);
        if (set != null && set.contains(s)) {
            return true;
        }
        for (Range<S> r : ranges) {
            if (r.subscriber() == s && r.contains(channel)) {
                return true;
            }
        }
        return false;
    }

    /** The subscribers that hold any subscription. */
    public Collection<S> subscribers() {
        Set<S> out = new HashSet<>();
        channels.values().forEach(out::addAll);
        ranges.forEach(r -> out.add(r.subscriber()));
        return out;
    }
}
