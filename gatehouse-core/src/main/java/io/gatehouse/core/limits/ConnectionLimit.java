package io.gatehouse.core.limits;

/**
 * A front's cap on connections from one address (by {@link AddressKey}): at most
 * {@code perAddress} open at once, 0 for no cap; addresses in {@code exempt} are never counted.
 */
public record ConnectionLimit(int perAddress, AddressSet exempt) {

    /** Connections one address may hold open on a front, by default: far above what one NAT of players needs. */
    public static final int DEFAULT_PER_ADDRESS = 256;

    public ConnectionLimit {
        if (perAddress < 0) {
            throw new IllegalArgumentException("perAddress " + perAddress + " (expected 0 for no cap, or more)");
        }
        if (exempt == null) {
            throw new IllegalArgumentException("exempt is null (AddressSet.NONE for none)");
        }
    }

    /** No cap. */
    public static ConnectionLimit none() {
        return new ConnectionLimit(0, AddressSet.NONE);
    }

    /** The same cap with another exemption list. */
    public ConnectionLimit exempting(AddressSet addresses) {
        return new ConnectionLimit(perAddress, addresses);
    }
}
