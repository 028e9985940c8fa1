package io.gatehouse.core.cluster;

import io.gatehouse.core.bus.Bus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Messages from one node of a cluster to a box of another named node, for what the nodes say
 * among themselves (vcmi's lobby link): unlike the bus's string topics, no client of a front
 * can publish or subscribe to a box. Messages one thread sends to one box arrive in the order
 * sent, or not at all (a node that is gone, a box not open); nothing answers. A box is opened
 * before this node tells anyone it is there, so that what is sent to it after that arrives.
 * {@link #alone(String)} is the in-process one: only this node's own boxes exist.
 */
public interface NodeMail {

    /** Sends {@code payload} to {@code box} of {@code node} (this node too). The payload must not be changed afterwards. */
    void send(String node, String box, byte[] payload);

    /** The largest payload that can be sent (a NATS server's {@code max_payload}). */
    int maxPayloadBytes();

    /** Opens this node's {@code box}; {@code taker} gets each payload, one at a time, in order. Close it to stop. */
    Bus.Subscription open(String box, Consumer<byte[]> taker);

    /** A node alone: its boxes, delivered on the sending thread; mail to any other node is dropped. */
    static NodeMail alone(String self) {
        Map<String, Consumer<byte[]>> boxes = new ConcurrentHashMap<>();
        return new NodeMail() {
            @Override
            public void send(String node, String box, byte[] payload) {
                Consumer<byte[]> taker = node.equals(self) ? boxes.get(box) : null;
                if (taker != null) {
                    taker.accept(payload);
                }
            }

            @Override
            public int maxPayloadBytes() {
                return Integer.MAX_VALUE;
            }

            @Override
            public Bus.Subscription open(String box, Consumer<byte[]> taker) {
                if (boxes.putIfAbsent(box, taker) != null) {
                    throw new IllegalStateException("box " + box + " is open already");
                }
                return () -> boxes.remove(box, taker);
            }
        };
    }
}
