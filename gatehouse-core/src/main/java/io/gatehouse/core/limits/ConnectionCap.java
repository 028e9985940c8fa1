package io.gatehouse.core.limits;

import io.gatehouse.core.metrics.Refusal;
import io.gatehouse.core.metrics.Refusals;
import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts a front's open connections by address and admits a new one only while its address
 * is under the {@link ConnectionLimit}; a refusal is counted and logged in {@link Refusals}.
 * An address is tracked only while it holds a connection, so the memory it takes is bounded by
 * the open connections. Thread-safe; one per front (its listeners share it).
 */
public final class ConnectionCap {

    private final ConnectionLimit limit;
    private final Refusals refusals;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    public ConnectionCap(ConnectionLimit limit, Refusals refusals) {
        this.limit = limit;
        this.refusals = refusals;
    }

    /**
     * Admits a connection from {@code address}: true (and counted) when its address is under
     * the cap, exempt, or there is no cap; false (and refused) when it is at the cap.
     */
    public boolean admit(InetAddress address) {
        if (!counts(address)) {
            return true;
        }
        String key = AddressKey.of(address);
        boolean[] admitted = {false};
        open.compute(key, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= limit.perAddress()) {
                return n;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            refusals.refused(Refusal.CONNECTIONS_PER_ADDRESS, key,
                    "a connection over the cap of " + limit.perAddress() + " open connections from one address");
        }
        return admitted[0];
    }

    /** A connection admitted from {@code address} closed. */
    public void release(InetAddress address) {
        if (counts(address)) {
            open.computeIfPresent(AddressKey.of(address), (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Connections counted for the address of {@code address} now. */
    public int openFrom(InetAddress address) {
        return open.getOrDefault(AddressKey.of(address), 0);
    }

    /** Addresses holding a counted connection now. */
    public int addresses() {
        return open.size();
    }

    public ConnectionLimit limit() {
        return limit;
    }

    private boolean counts(InetAddress address) {
        return limit.perAddress() > 0 && !limit.exempt().contains(address);
    }
}
