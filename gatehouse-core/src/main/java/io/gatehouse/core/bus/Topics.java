package io.gatehouse.core.bus;

/**
 * Publishing to a string topic for a caller that answers how far the message went: the front
 * that holds its clients' topic subscriptions (control's) implements it for the HTTP API.
 */
@FunctionalInterface
public interface Topics {

    /**
     * What the names of the server's own topics begin with (the cluster's session questions,
     * its account closures): no client may subscribe or publish to one, or it could speak for a
     * node.
     */
    String RESERVED_PREFIX = "gatehouse.";

    /** Whether {@code topic} is one of the server's own, out of every client's reach. */
    static boolean reserved(String topic) {
        return topic.startsWith(RESERVED_PREFIX);
    }

    /**
     * Publishes the message through the bus, so that every node's subscribers receive it, and
     * returns how many connections on this node the topic has (other nodes answer nothing).
     */
    int publish(BusMessage message);
}
