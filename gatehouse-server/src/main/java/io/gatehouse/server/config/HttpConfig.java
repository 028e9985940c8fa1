package io.gatehouse.server.config;

import io.gatehouse.core.transport.HostPort;
import java.time.Duration;

/**
 * {@code http}: where the HTTP API listens, the admin key (empty: generated once and kept in
 * {@code data_dir/admin.key}), and how far a signed request's timestamp may be from our clock.
 */
public record HttpConfig(boolean enabled, HostPort bind, String adminKey, Duration signatureMaxSkew) {
}
