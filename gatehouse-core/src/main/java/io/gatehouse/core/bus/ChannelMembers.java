package io.gatehouse.core.bus;

import io.gatehouse.core.bus.Bus.ChannelMember;
import io.gatehouse.core.bus.Bus.ChannelSubscriber;
import java.util.Set;

/**
 * A bus's numeric-channel members on this node and their channels, safe to change from any
 * thread: one {@link ChannelMap} under one lock. Buses route with {@link #lookup} and hand the
 * datagram out after the lock is released, so a member may change its subscriptions while it
 * takes one.
 */
public final class ChannelMembers {

    private final ChannelMap<Member> channels = new ChannelMap<>();

    /** Every member subscribed to any of the channels, each once. */
    public Set<Member> lookup(long[] targets) {
        synchronized (channels) {
            return channels.lookup(targets);
        }
    }

    /** Members a datagram to this one channel would reach. */
    public int count(long channel) {
        return lookup(new long[] {channel}).size();
    }

    /**
     * One member: its subscriptions are kept here; how it publishes is its bus's. Members are
     * compared by identity.
     */
    public abstract class Member implements ChannelMember {

        private final ChannelSubscriber subscriber;

        protected Member(ChannelSubscriber subscriber) {
            this.subscriber = subscriber;
        }

        /** What the bus hands this member's datagrams to. */
        public ChannelSubscriber subscriber() {
            return subscriber;
        }

        @Override
        public void subscribe(long channel) {
            synchronized (channels) {
                channels.subscribe(this, channel);
            }
        }

        @Override
        public void unsubscribe(long channel) {
            synchronized (channels) {
                channels.unsubscribe(this, channel);
            }
        }

        @Override
        public void subscribeRange(long low, long high) {
            synchronized (channels) {
                channels.subscribeRange(this, low, high);
            }
        }

        @Override
        public void unsubscribeRange(long low, long high) {
            synchronized (channels) {
                channels.unsubscribeRange(this, low, high);
            }
        }

        @Override
        public void close() {
            synchronized (channels) {
                channels.unsubscribeAll(this);
            }
        }
    }
}
