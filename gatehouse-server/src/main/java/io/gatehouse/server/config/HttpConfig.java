package io.gatehouse.server.config;

import io.gatehouse.core.limits.LoginLimits;
import io.gatehouse.core.transport.HostPort;
import java.time.Duration;

/**
 * {@code http}: where the HTTP API listens, the admin key (empty: generated once and kept in
 * {@code data_dir/admin.key}), how far a signed request's timestamp may be from our clock,
 * how long a connection may take to send a request's headers ({@code headerTimeout}, counted
 * from its opening or its previous answer) and may stay silent ({@code idleTimeout}), and the
 * per-address rates of socket-token requests (all count) and of failed admin-key checks.
 */
public record HttpConfig(boolean enabled, HostPort bind, String adminKey, Duration signatureMaxSkew,
                         Duration headerTimeout, Duration idleTimeout, LoginLimits tokenRequests, LoginLimits adminFailures) {

    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_TOKEN_REQUESTS_PER_ADDRESS = 60;
    public static final int DEFAULT_ADMIN_FAILURES_PER_ADDRESS = 10;
}
