package io.gatehouse.bench.soak;

/**
 * How much load a soak phase makes. Churn: {@code churnPerSecond} cycles per second per front
 * on {@code churnWorkers} threads each. Abuse, per listener: {@code idlePerListener} silent
 * sockets (each held up to {@code idleHoldMillis}), one bad input every
 * {@code 1 / badPerSecond} s (each given {@code badHoldMillis} to be closed); HTTP
 * slowloris: {@code slowloris} connections sending a byte every {@code slowlorisDripMillis};
 * {@code slowReadersPerKind} slow readers of each kind; at most {@code perAddress} abusive
 * connections to one listener from one source address.
 */
record SoakSettings(double churnPerSecond, int churnWorkers, int idlePerListener, long idleHoldMillis, double badPerSecond,
                    long badHoldMillis, int slowloris, long slowlorisDripMillis, int slowReadersPerKind, int perAddress) {

    /** Control pushes to slow readers: one of this many bytes every this many ms, over the HTTP API. */
    static final int CONTROL_PUSH_BYTES = 32 * 1024;
    static final long CONTROL_PUSH_MILLIS = 125;
    /** Board updates (to every astron client in the zone, slow readers included): this many of 1 KiB per 100 ms. */
    static final int BOARD_UPDATES_PER_TICK = 3;
    /** Datagrams of 1 KiB to each slow Message Director reader per 100 ms. */
    static final int MD_DATAGRAMS_PER_TICK = 13;
    /** A 1,000-character vcmi chat line to the global channel every this many ms (and an ALIVE, so that the chatter passes the health check). */
    static final long CHAT_MILLIS = 500;
    static final long FIREHOSE_TICK_MILLIS = 100;

    SoakSettings {
        if (churnPerSecond <= 0 || churnWorkers < 1 || idlePerListener < 0 || badPerSecond <= 0 || slowloris < 0
                || slowReadersPerKind < 0 || perAddress < 1) {
            throw new IllegalArgumentException("soak settings out of range: " + this);
        }
    }
}
