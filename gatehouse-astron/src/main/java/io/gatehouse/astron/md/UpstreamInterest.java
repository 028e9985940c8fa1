package io.gatehouse.astron.md;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a Message Director that has an upstream asks of it, under astrond's rules
 * (docs/protocol/astron.md, section 3.4): it keeps every participant's channels and ranges once
 * more and, as each subscription changes, hands the control messages the upstream is to get to
 * {@code upstream}, as it hands every datagram a participant sends. Routing thread only.
 */
final class UpstreamInterest implements Upstream {

    /** One participant's subscriptions, as astrond's channel map holds them. */
    private static final class Held {
        final Set<Long> channels = new HashSet<>();
        final ChannelRanges ranges = new ChannelRanges();

        boolean has(long channel) {
            return channels.contains(channel) || ranges.contains(channel);
        }
    }

    private final Consumer<ByteBuf> upstream;
    private final Map<MdParticipant, Held> held = new HashMap<>();
    /** How many participants hold each single channel on its own (ranges not counted, as in astrond). */
    private final Map<Long, Integer> singles = new HashMap<>();

    UpstreamInterest(Consumer<ByteBuf> upstream) {
        this.upstream = upstream;
    }

    /** The first participant to hold a channel on its own asks the upstream for it. */
    @Override
    public void subscribe(MdParticipant p, long channel) {
        Held h = held.computeIfAbsent(p, k -> new Held());
        if (h.has(channel)) {
            return;
        }
        h.channels.add(channel);
        if (singles.merge(channel, 1, Integer::sum) == 1) {
            send(ControlMessage.ADD_CHANNEL, channel);
        }
    }

    /** The last participant to drop a channel it held on its own tells the upstream. */
    @Override
    public void unsubscribe(MdParticipant p, long channel) {
        Held h = held.get(p);
        if (h != null && h.channels.remove(channel) && dropSingle(channel)) {
            send(ControlMessage.REMOVE_CHANNEL, channel);
        }
    }

    /** The whole range goes upstream when any of it was held by no other participant's ranges. */
    @Override
    public void subscribeRange(MdParticipant p, long low, long high) {
        if (Long.compareUnsigned(low, high) > 0) {
            return;
        }
        held.computeIfAbsent(p, k -> new Held()).ranges.add(low, high);
        if (!othersRanges(p).covers(low, high)) {
            send(ControlMessage.ADD_RANGE, low, high);
        }
    }

    /**
     * The part of the removal that no other participant's ranges still hold goes upstream, one
     * REMOVE_RANGE per stretch, clipped to the lowest and highest channel any range held. The
     * participant's single channels inside the bounds go without a word, as in astrond (the
     * upstream drops the same ones on its side when it reads the REMOVE_RANGE).
     */
    @Override
    public void unsubscribeRange(MdParticipant p, long low, long high) {
        ChannelRanges all = allRanges();
        if (all.isEmpty()) {
            return;
        }
        long from = Long.compareUnsigned(low, all.lowest()) < 0 ? all.lowest() : low;
        long to = Long.compareUnsigned(high, all.highest()) > 0 ? all.highest() : high;
        List<ChannelRanges.Range> silent = Long.compareUnsigned(from, to) > 0 ? List.of() : othersRanges(p).missing(from, to);
        Held h = held.get(p);
        if (h != null) {
            h.ranges.remove(low, high);
            for (Iterator<Long> it = h.channels.iterator(); it.hasNext(); ) {
                long c = it.next();
                if (Long.compareUnsigned(low, c) <= 0 && Long.compareUnsigned(c, high) <= 0) {
                    it.remove();
                    dropSingle(c);
                }
            }
        }
        for (ChannelRanges.Range r : silent) {
            send(ControlMessage.REMOVE_RANGE, r.low(), r.high());
        }
    }

    /** The participant is gone: its single channels, then its ranges, as astrond drops them. */
    @Override
    public void unsubscribeAll(MdParticipant p) {
        Held h = held.get(p);
        if (h == null) {
            return;
        }
        for (long c : new ArrayList<>(h.channels)) {
            unsubscribe(p, c);
        }
        for (ChannelRanges.Range r : h.ranges.ranges()) {
            unsubscribeRange(p, r.low(), r.high());
        }
        held.remove(p);
    }

    /** A post-remove a participant filed goes upstream as it was filed, so the upstream routes it should this director go. */
    @Override
    public void addPostRemove(long sender, byte[] datagram) {
        ByteBuf d = header(ControlMessage.ADD_POST_REMOVE).writeLongLE(sender).writeShortLE(datagram.length).writeBytes(datagram);
        upstream.accept(d);
    }

    @Override
    public void clearPostRemoves(long sender) {
        send(ControlMessage.CLEAR_POST_REMOVES, sender);
    }

    /** Every datagram from a participant goes up as it was sent, whether or not it matched here. */
    @Override
    public void forward(ByteBuf datagram) {
        upstream.accept(datagram.retainedDuplicate());
    }

    /** Whether a participant's last single holder went. */
    private boolean dropSingle(long channel) {
        Integer n = singles.get(channel);
        if (n == null) {
            return false;
        }
        if (n == 1) {
            singles.remove(channel);
            return true;
        }
        singles.put(channel, n - 1);
        return false;
    }

    private ChannelRanges othersRanges(MdParticipant p) {
        ChannelRanges out = new ChannelRanges();
        held.forEach((q, h) -> {
            if (q != p) {
                h.ranges.ranges().forEach(r -> out.add(r.low(), r.high()));
            }
        });
        return out;
    }

    private ChannelRanges allRanges() {
        ChannelRanges out = new ChannelRanges();
        held.values().forEach(h -> h.ranges.ranges().forEach(r -> out.add(r.low(), r.high())));
        return out;
    }

    private void send(ControlMessage m, long... args) {
        ByteBuf d = header(m);
        for (long a : args) {
            d.writeLongLE(a);
        }
        upstream.accept(d);
    }

    private static ByteBuf header(ControlMessage m) {
        return Unpooled.buffer(1 + 8 + 2 + 16).writeByte(1).writeLongLE(ControlMessage.CONTROL_CHANNEL).writeShortLE(m.id());
    }
}
