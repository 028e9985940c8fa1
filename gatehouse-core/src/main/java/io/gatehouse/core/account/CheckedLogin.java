package io.gatehouse.core.account;

import java.util.Optional;

/**
 * What {@link AccountService#loginInOneRead} learned in its one store transaction: the login's
 * outcome, the account's latest login attempt before this one (stored, or still waiting to be),
 * and what the front read for the account in the same transaction ({@code null} when the name
 * is unknown).
 */
public record CheckedLogin<T>(LoginOutcome outcome, Optional<LoginEvent> previous, T read) {
}
