package io.gatehouse.core.session;

/**
 * An authenticated session. The id is a bearer secret the client may present to reconnect
 * until {@code expiresAtMillis}; the store keeps only its hash.
 */
public record Session(String id, long accountId, String username, String front, long createdAtMillis, long expiresAtMillis) {
}
