package io.gatehouse.core.bus;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.Executor;

/**
 * Messages addressed by string topic or by numeric channel, written so that a network can stand
 * behind it: publishing is fire-and-forget (no answer says how many were reached, which a
 * message bus cannot tell), and subscribers answer nothing. In-process by default
 * ({@link LocalBus}); a NATS-backed bus can take its place when several nodes share the work.
 *
 * <p>What every implementation keeps (its contract test is {@code BusContract} in the core's
 * test jar):
 * <ul>
 *   <li>A subscription made on this bus before a publish on this bus, in the publishing
 *       thread's order, receives that publish; once {@link Subscription#close()} has returned,
 *       no later publish reaches it.</li>
 *   <li>Each subscriber receives a message once per publish, however many of its topics,
 *       channels or ranges match.</li>
 *   <li>Delivery may happen on the publisher's thread (the local bus) or later on another
 *       thread (a network bus): subscribers take a message and hand work to their own
 *       executor at once, and must not assume they run before {@code publish} returns.</li>
 * </ul>
 *
 * <p>Numeric channels are unsigned 64-bit, with inclusive ranges, under the rules of astrond's
 * Message Director (docs/protocol/astron.md, section 3.1; see {@link ChannelMap}). A numeric
 * subscriber is a {@link ChannelMember}: one set of channels and ranges, which also publishes
 * datagrams that never come back to itself.
 */
public interface Bus {

    /** Hands the message to every subscriber of its topic, on this node and (when clustered) others. */
    void publish(BusMessage message);

    /** Subscribes to one string topic; close the subscription to stop. */
    Subscription subscribe(String topic, Subscriber subscriber);

    /** Runs a task at once on the calling thread: the executor of {@link #join(ChannelSubscriber)}. */
    Executor CALLING_THREAD = Runnable::run;

    /**
     * A new numeric-channel member with no subscriptions, handed its datagrams on whatever
     * thread the bus delivers on; close it to drop them all.
     */
    default ChannelMember join(ChannelSubscriber subscriber) {
        return join(subscriber, CALLING_THREAD);
    }

    /**
     * A new numeric-channel member whose datagrams a bus that delivers later (a network bus)
     * looks up and hands out on {@code executor}, one at a time in the order they arrived; a
     * bus that delivers on the publisher's thread calls the subscriber there. Either way a
     * subscription change the member makes while it takes a datagram applies to every datagram
     * handed out after that one on this node, as astrond's Message Director applies a control
     * message before the next datagram: a State Server's new object hears the datagrams that
     * were sent to it right behind its create. The member makes its changes on {@code executor}.
     */
    ChannelMember join(ChannelSubscriber subscriber, Executor executor);

    /**
     * Hands a datagram to every member subscribed to any of {@code channels}, once each. The bus
     * does not take {@code datagram}: each recipient gets its own retained duplicate, and the
     * caller still owns and releases the buffer it passed.
     */
    void publish(long[] channels, ByteBuf datagram);

    /** Subscriptions to the topic held on this node (other nodes' are not counted). */
    int localSubscribers(String topic);

    /** Members on this node that a datagram to {@code channel} would reach (other nodes' are not counted). */
    int localSubscribers(long channel);

    @FunctionalInterface
    interface Subscriber {
        /** Takes one message; the payload is shared with every other recipient and must not be changed. */
        void onMessage(BusMessage message);
    }

    @FunctionalInterface
    interface ChannelSubscriber {
        /** Takes one datagram; the subscriber owns the buffer and must release it. */
        void onDatagram(ByteBuf datagram);
    }

    @FunctionalInterface
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * One numeric subscriber's channels and ranges, as one set under astrond's rules. Changes
     * made on a thread take effect before that thread's next publish on this bus.
     */
    interface ChannelMember extends Subscription {

        /** Adds one channel, unless this member already has it on its own or in a range. */
        void subscribe(long channel);

        /** Drops this member's own subscription to one channel; its ranges stay. */
        void unsubscribe(long channel);

        /** Adds every channel from {@code low} to {@code high} (unsigned, both included). */
        void subscribeRange(long low, long high);

        /**
         * Takes {@code low..high} out of this member's ranges and drops its single channels
         * between those bounds; nothing at all while no member anywhere holds a range.
         */
        void unsubscribeRange(long low, long high);

        /** As {@link Bus#publish(long[], ByteBuf)}, but never delivered back to this member. */
        void publish(long[] channels, ByteBuf datagram);

        /** Drops every subscription of this member; it receives nothing more. */
        @Override
        void close();
    }
}
