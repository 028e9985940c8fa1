package io.gatehouse.astron.md;

import io.netty.buffer.ByteBuf;

/**
 * The Message Director's control messages (docs/protocol/astron.md, "Message Director"):
 * sent to channel 1 with no sender field, they change the sending link's subscriptions.
 */
public enum ControlMessage {
    ADD_CHANNEL(9000),
    REMOVE_CHANNEL(9001),
    ADD_RANGE(9002),
    REMOVE_RANGE(9003),
    ADD_POST_REMOVE(9010),
    CLEAR_POST_REMOVES(9011),
    SET_CON_NAME(9012),
    SET_CON_URL(9013),
    LOG_MESSAGE(9014);

    /** The channel control messages are addressed to. */
    public static final long CONTROL_CHANNEL = 1;
    public static final int MIN = 9000;
    public static final int MAX = 9999;

    private static final ControlMessage[] BY_ID = new ControlMessage[MAX - MIN + 1];

    static {
        for (ControlMessage m : values()) {
            if (BY_ID[m.id - MIN] != null) {
                throw new ExceptionInInitializerError("message type " + m.id + " used twice");
            }
            BY_ID[m.id - MIN] = m;
        }
    }

    private final int id;

    ControlMessage(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /**
     * Whether {@code args} (past the type) hold every argument the link reads: channels,
     * ranges, a post-remove's sender and length-tagged datagram, a name, URL or log blob.
     * Nothing is read; checked before anything of the message is done.
     */
    public boolean complete(ByteBuf args) {
        int n = args.readableBytes();
        return switch (this) {
            case ADD_CHANNEL, REMOVE_CHANNEL, CLEAR_POST_REMOVES -> n >= 8;
            case ADD_RANGE, REMOVE_RANGE -> n >= 16;
            case ADD_POST_REMOVE -> n >= 10 && n - 10 >= args.getUnsignedShortLE(args.readerIndex() + 8);
            case SET_CON_NAME, SET_CON_URL, LOG_MESSAGE -> n >= 2 && n - 2 >= args.getUnsignedShortLE(args.readerIndex());
        };
    }

    /** The control message with that type, or null (also for types outside 9000-9999). */
    public static ControlMessage of(int id) {
        return id >= MIN && id <= MAX ? BY_ID[id - MIN] : null;
    }
}
