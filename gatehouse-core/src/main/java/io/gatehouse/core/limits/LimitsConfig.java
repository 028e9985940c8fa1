package io.gatehouse.core.limits;


/**
 * {@code limits}: what every per-address limit shares. {@code exempt} addresses and networks
 * (a load balancer without the PROXY protocol, an office) are never capped or throttled;
 * each attempt limit keeps at most {@code maxTracked} addresses (or address and account
 * pairs), forgetting the one used longest ago past that. {@code maxConnections} caps the
 * connections the process's listeners hold together ({@link #AUTO}: the open-files limit less a
 * reserve; 0: no cap), so that a full node refuses at once instead of leaving them unanswered.
 */
public record LimitsConfig(AddressSet exempt, int maxTracked, int maxConnections) {

    /** {@code max_connections: auto}. */
    public static final int AUTO = -1;

    /** Keys an attempt limit keeps at most, by default: about 12 MB each when full. */
    public static final int DEFAULT_MAX_TRACKED = 100_000;
}
