package io.gatehouse.astron.stateserver;

/**
 * Channels and contexts of the State Server (docs/protocol/astron.md, section 9); its message
 * types are {@link io.gatehouse.astron.message.StateServerMessageType}.
 */
public final class StateServerMessage {

    /** The GET_LOCATION context a new object sends its children with. */
    public static final long CONTEXT_WAKE_CHILDREN = 1001;


    private StateServerMessage() {
    }

    /** Channel of an object's children: {@code (1 << 32) | parent}. */
    public static long parentToChildren(long parent) {
        return (1L << 32) | (parent & 0xFFFF_FFFFL);
    }

    /** A location's channel: {@code (parent << 32) | zone}. */
    public static long location(long parent, long zone) {
        return (parent << 32) | (zone & 0xFFFF_FFFFL);
    }
}
