package io.gatehouse.bench.soak;

import java.net.InetSocketAddress;

/**
 * Loopback source addresses for the connections to one listener, so that no address has more
 * than {@code perAddress} of them open at once: a server with a per-address connection cap
 * at or above that serves them all. 127.0.0.1 is left to the well-behaved clients; these use
 * 127.0.0.2 to 127.0.0.254 (Linux routes all of 127/8 to the loopback interface).
 */
final class SourceAddresses {

    private static final int FIRST = 2;
    private static final int LAST = 254;

    private final int perAddress;
    private final int[] open = new int[LAST + 1];

    SourceAddresses(int perAddress) {
        if (perAddress < 1) {
            throw new IllegalArgumentException("connections per source address " + perAddress + " (min 1)");
        }
        this.perAddress = perAddress;
    }

    /** The lowest address with room, counted as holding one more connection; null when all are full. */
    synchronized InetSocketAddress acquire() {
        for (int a = FIRST; a <= LAST; a++) {
            if (open[a] < perAddress) {
                open[a]++;
                return new InetSocketAddress("127.0.0." + a, 0);
            }
        }
        return null;
    }

    /** One connection from {@code local} (an address {@link #acquire} gave) is closed. */
    synchronized void release(InetSocketAddress local) {
        byte[] b = local.getAddress().getAddress();
        int a = b[3] & 0xFF;
        if (open[a] <= 0) {
            throw new IllegalStateException(local + " released more often than acquired");
        }
        open[a]--;
    }

    /** Connections counted as open from {@code local}'s address. */
    synchronized int openFrom(InetSocketAddress local) {
        return open[local.getAddress().getAddress()[3] & 0xFF];
    }
}
