package io.gatehouse.astron.clientagent;

/**
 * Where a client stands (docs/protocol/astron.md, section 11): NEW until a valid CLIENT_HELLO,
 * ANONYMOUS until a game server lets it in, ESTABLISHED after. CLIENTAGENT_SET_STATE names
 * them by their wire number.
 */
enum ClientState {
    NEW(0),
    ANONYMOUS(1),
    ESTABLISHED(2);

    private final int wire;

    ClientState(int wire) {
        this.wire = wire;
    }

    int wire() {
        return wire;
    }

    /** The state with that wire number, or null. */
    static ClientState of(int wire) {
        for (ClientState s : values()) {
            if (s.wire == wire) {
                return s;
            }
        }
        return null;
    }
}
