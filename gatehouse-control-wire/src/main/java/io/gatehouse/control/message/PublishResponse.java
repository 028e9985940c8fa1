package io.gatehouse.control.message;

/** Answer to {@link Publish}: how many subscribers (connections, across fronts) it reached on this node. */
public record PublishResponse(long delivered) {
}
