package io.gatehouse.server.config;

/** {@code accounts}: the Argon2id cost of new password hashes. */
public record AccountsConfig(int argon2MemoryKib, int argon2Iterations, int argon2Parallelism) {
}
