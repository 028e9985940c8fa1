package io.gatehouse.core.session;

import java.time.Duration;

/**
 * How accounts' sessions behave, for every front that opens them from tokens.
 *
 * @param tokenTtl        default lifetime of a single-use token issued over HTTP
 * @param sessionTtl      lifetime of a session id for reconnects
 * @param duplicate       what a reconnect to a session live on another connection does
 * @param connectionLimit live connections one account may hold
 */
public record SessionPolicy(Duration tokenTtl, Duration sessionTtl, DuplicatePolicy duplicate, int connectionLimit) {

    /** The policy when no front gives one: control's defaults. */
    public static final SessionPolicy DEFAULTS = new SessionPolicy(Duration.ofSeconds(60), Duration.ofHours(24),
            DuplicatePolicy.CLOSE_OLDER, 10);
}
