package io.gatehouse.core.bus;

/**
 * Channel-addressed messages. In-process by default ({@link LocalBus}); a NATS-backed bus
 * can take its place when several nodes share the work. Subscribers are called on the
 * publisher's thread and must hand work to their own executor at once.
 */
public interface Bus {

    /** Delivers the message to every subscriber of its channel; returns how many recipients it reached. */
    int publish(BusMessage message);

    /** Subscribes to one channel; close the subscription to stop. */
    Subscription subscribe(String channel, Subscriber subscriber);

    /** How many subscribers a channel has on this node. */
    int subscriberCount(String channel);

    @FunctionalInterface
    interface Subscriber {
        /** Takes one message; returns how many recipients (connections, say) it reached. */
        int onMessage(BusMessage message);
    }

    @FunctionalInterface
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
