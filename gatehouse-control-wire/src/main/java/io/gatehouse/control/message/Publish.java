package io.gatehouse.control.message;

/** Body of cmd 20 (Gatehouse): publish {@code data} on {@code topic}; content type as in {@link Notification}. */
public record Publish(String topic, byte[] data, int contentType) {
}
