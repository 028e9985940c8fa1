package io.gatehouse.bench.soak;

import java.net.InetSocketAddress;

/**
 * Loopback source addresses handed out so that no address holds more than {@code perAddress}
 * at once: a server with a per-address connection cap at or above that serves them all.
 * Abusive clients use 127.0.0.2 to 127.0.0.254 (one pool per listener); players use
 * 127.0.1.1 to 127.0.1.254, so that a cap reached by abusers never meets a player; 127.0.0.1
 * is left to the HTTP calls and the game server. Linux routes all of 127/8 to loopback.
 */
final class SourceAddresses {

    private final String prefix;
    private final int first;
    private final int last;
    private final int perAddress;
    private final int[] held = new int[256];

    private SourceAddresses(String prefix, int first, int last, int perAddress) {
        if (perAddress < 1) {
            throw new IllegalArgumentException("connections per source address " + perAddress + " (min 1)");
        }
        this.prefix = prefix;
        this.first = first;
        this.last = last;
        this.perAddress = perAddress;
    }

    /** Addresses for abusive connections to one listener, {@code perAddress} at most on each. */
    static SourceAddresses abusive(int perAddress) {
        return new SourceAddresses("127.0.0.", 2, 254, perAddress);
    }

    /** Addresses for players, {@code perAddress} at most on each. */
    static SourceAddresses players(int perAddress) {
        return new SourceAddresses("127.0.1.", 1, 254, perAddress);
    }

    /** The lowest address with room, counted as held once more; null when all are full. */
    synchronized InetSocketAddress acquire() {
        for (int a = first; a <= last; a++) {
            if (held[a] < perAddress) {
                held[a]++;
                return new InetSocketAddress(prefix + a, 0);
            }
        }
        return null;
    }

    /** One hold of {@code local} (an address {@link #acquire} gave) is over. */
    synchronized void release(InetSocketAddress local) {
        int a = local.getAddress().getAddress()[3] & 0xFF;
        if (held[a] <= 0) {
            throw new IllegalStateException(local + " released more often than acquired");
        }
        held[a]--;
    }

    /** How often {@code local}'s address is held now. */
    synchronized int heldOn(InetSocketAddress local) {
        return held[local.getAddress().getAddress()[3] & 0xFF];
    }
}
