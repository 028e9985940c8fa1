package io.gatehouse.control.message;

/**
 * Body of the cmd 18 push (LongPort trade {@code Notification}): one message published on
 * a subscribed topic. {@code contentType}: 0 unknown, 1 JSON, 2 protobuf; {@code dispatchType}:
 * 1 direct, 2 broadcast.
 */
public record Notification(String topic, int contentType, int dispatchType, byte[] data) {

    public static final int CONTENT_UNKNOWN = 0;
    public static final int CONTENT_JSON = 1;
    public static final int CONTENT_PROTO = 2;
    public static final int DISPATCH_DIRECT = 1;
    public static final int DISPATCH_BROADCAST = 2;
}
