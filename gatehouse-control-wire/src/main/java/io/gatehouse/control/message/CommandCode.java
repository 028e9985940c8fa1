package io.gatehouse.control.message;

/**
 * Every command code Gatehouse gives meaning to. 0 to 3 are the control layer (spec 7);
 * 4, 9 and 16 to 18 follow LongPort's quote and trade services; 20 is Gatehouse's own.
 */
public enum CommandCode {
    CLOSE(0),
    HEARTBEAT(1),
    AUTH(2),
    RECONNECT(3),
    /** LongPort quote: the user's quote profile; answered with an empty status-0 body. */
    QUOTE_PROFILE(4),
    /** LongPort quote: a market's trading days; answered with an empty status-0 body (no days). */
    QUOTE_TRADING_DAYS(9),
    /** LongPort trade {@code Sub}: subscribe to named topics (channels). */
    SUBSCRIBE(16),
    /** LongPort trade {@code Unsub}. */
    UNSUBSCRIBE(17),
    /** LongPort trade {@code Notification} push: one message on a subscribed topic. */
    NOTIFY(18),
    /** Gatehouse: publish a message to a topic. */
    PUBLISH(20);

    private static final CommandCode[] BY_WIRE = new CommandCode[256];

    static {
        for (CommandCode c : values()) {
            if (BY_WIRE[c.wire] != null) {
                throw new ExceptionInInitializerError("command code " + c.wire + " used by " + BY_WIRE[c.wire] + " and " + c);
            }
            BY_WIRE[c.wire] = c;
        }
    }

    private final int wire;

    CommandCode(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }

    /** The command with that code, or null. */
    public static CommandCode of(int wire) {
        return wire >= 0 && wire < BY_WIRE.length ? BY_WIRE[wire] : null;
    }
}
