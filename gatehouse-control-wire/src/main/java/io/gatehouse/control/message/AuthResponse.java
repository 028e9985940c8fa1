package io.gatehouse.control.message;

/**
 * Body of a successful auth or reconnect response: the session id, its absolute expiry in
 * Unix epoch milliseconds, the account's connection quota and its connections online.
 */
public record AuthResponse(String sessionId, long expiresMillis, long limit, long online) {
}
