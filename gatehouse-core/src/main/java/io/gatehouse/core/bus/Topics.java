package io.gatehouse.core.bus;

/**
 * Publishing to a string topic for a caller that answers how far the message went: the front
 * that holds its clients' topic subscriptions (control's) implements it for the HTTP API.
 */
@FunctionalInterface
public interface Topics {

    /**
     * Publishes the message through the bus, so that every node's subscribers receive it, and
     * returns how many connections on this node the topic has (other nodes answer nothing).
     */
    int publish(BusMessage message);
}
