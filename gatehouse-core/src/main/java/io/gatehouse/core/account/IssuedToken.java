package io.gatehouse.core.account;

/** A single-use auth token as handed to its owner; the store keeps only its hash. */
public record IssuedToken(String token, long expiresAtMillis) {
}
