package io.gatehouse.core.metrics;

/**
 * Why a connection or an attempt was refused before any work was done for it: the
 * {@code reason} tag of {@code gatehouse_refused_total{front, reason}}.
 */
public enum Refusal {
    /** The address already holds as many open connections as the front allows. */
    CONNECTIONS_PER_ADDRESS("connections_per_address"),
    /** The address made too many (failed) login attempts, or token requests, lately. */
    ATTEMPTS_PER_ADDRESS("attempts_per_address"),
    /** The address made too many failed attempts at this one account lately. */
    ATTEMPTS_PER_ACCOUNT("attempts_per_account"),
    /** The address failed the admin key too often lately. */
    ADMIN_FAILURES_PER_ADDRESS("admin_failures_per_address"),
    /** An HTTP connection did not send a request's headers in time. */
    HEADER_TIMEOUT("header_timeout");

    private final String tag;

    Refusal(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
