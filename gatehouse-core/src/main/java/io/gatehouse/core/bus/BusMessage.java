package io.gatehouse.core.bus;

/**
 * One message on a channel. {@code payload} is shared by every recipient and must not be
 * modified after publishing.
 */
public record BusMessage(String channel, ContentType contentType, byte[] payload) {

    /** What the payload holds, as far as the publisher said. */
    public enum ContentType {
        UNKNOWN,
        JSON,
        PROTOBUF
    }
}
