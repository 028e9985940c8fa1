package io.gatehouse.core.session;

/**
 * One token login being written, by identity: the key of the place it holds in its account's
 * connection limit from the check to the bind. It never leaves this package; a registry on a
 * network keeps its places its own way.
 */
final class GrantAttempt {
}
