package io.gatehouse.core.bus;

import io.netty.buffer.ByteBuf;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process bus. Delivery is synchronous: {@code publish} calls each subscriber on the
 * publisher's thread and returns when all have taken the message, so it holds no queue of its
 * own; what a subscriber cannot handle at once goes to its own bounded queue (a control
 * connection's outbound buffer, a participant's link). A subscriber that throws is logged and
 * the others still receive the message.
 *
 * <p>String topics live in a concurrent map of copy-on-write sets (publishing takes no lock).
 * Numeric channels live in {@link ChannelMembers} (one {@link ChannelMap} under one lock, taken
 * to change a member's subscriptions and to look a datagram's recipients up); recipients are
 * called after the lock is released, so that they may change subscriptions (their own or
 * others') while they handle it.
 */
public final class LocalBus implements Bus {

    private static final Logger log = LoggerFactory.getLogger(LocalBus.class);

    private final Map<String, Set<Subscriber>> topics = new ConcurrentHashMap<>();
    private final ChannelMembers channels = new ChannelMembers();

    @Override
    public void publish(BusMessage message) {
        Set<Subscriber> subs = topics.get(message.channel());
        if (subs == null) {
            return;
        }
        for (Subscriber s : subs) {
            try {
                s.onMessage(message);
            } catch (RuntimeException e) {
                log.warn("subscriber of {} failed", message.channel(), e);
            }
        }
    }

    @Override
    public Subscription subscribe(String topic, Subscriber subscriber) {
        // a subscriber object may subscribe twice; each subscription is its own entry
        Subscriber entry = subscriber::onMessage;
        topics.computeIfAbsent(topic, k -> new CopyOnWriteArraySet<>()).add(entry);
        return () -> topics.computeIfPresent(topic, (k, subs) -> {
            subs.remove(entry);
            return subs.isEmpty() ? null : subs;
        });
    }

    /** {@inheritDoc} Delivery here is on the publisher's thread, so {@code executor} is not used. */
    @Override
    public ChannelMember join(ChannelSubscriber subscriber, Executor executor) {
        return new Member(subscriber);
    }

    @Override
    public void publish(long[] targets, ByteBuf datagram) {
        route(null, targets, datagram);
    }

    @Override
    public int localSubscribers(String topic) {
        Set<Subscriber> subs = topics.get(topic);
        return subs == null ? 0 : subs.size();
    }

    @Override
    public int localSubscribers(long channel) {
        return channels.count(channel);
    }

    private void route(Member from, long[] targets, ByteBuf datagram) {
        Set<ChannelMembers.Member> to = channels.lookup(targets);
        if (from != null) {
            to.remove(from);
        }
        for (ChannelMembers.Member m : to) {
            ByteBuf copy = datagram.retainedDuplicate();
            try {
                m.subscriber().onDatagram(copy);
            } catch (RuntimeException e) {
                log.warn("channel subscriber failed", e);
            }
        }
    }

    /** A numeric subscriber; compared by identity, as the channel map's key. */
    private final class Member extends ChannelMembers.Member {

        Member(ChannelSubscriber subscriber) {
            channels.super(subscriber);
        }

        @Override
        public void publish(long[] targets, ByteBuf datagram) {
            route(this, targets, datagram);
        }
    }
}
