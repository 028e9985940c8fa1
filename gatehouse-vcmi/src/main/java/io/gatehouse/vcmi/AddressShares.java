package io.gatehouse.vcmi;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * How many of the front's connections each client address holds, so that one address cannot
 * take the whole {@code capacity} (docs/protocol/vcmi.md section 8). Thread-safe: taken on the
 * listener's thread, given back on each connection's event loop.
 */
final class AddressShares {

    private final int maxPerAddress;
    private final Map<InetAddress, Integer> held = new HashMap<>();

    AddressShares(int maxPerAddress) {
        if (maxPerAddress < 1) {
            throw new IllegalArgumentException("maxPerAddress " + maxPerAddress + " (must be at least 1)");
        }
        this.maxPerAddress = maxPerAddress;
    }

    /** Takes one connection for the address, or says no when it holds its share already. */
    synchronized boolean take(InetAddress address) {
        int n = held.getOrDefault(address, 0);
        if (n >= maxPerAddress) {
            return false;
        }
        held.put(address, n + 1);
        return true;
    }

    /** A connection of that address closed. */
    synchronized void release(InetAddress address) {
        held.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }
}
