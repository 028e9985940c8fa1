package io.gatehouse.core.account;

import java.util.Optional;

/**
 * What a login in one store transaction ({@link AccountService#loginInOneRead},
 * {@link TokenService#login}) learned: the login's outcome, the account's latest login attempt
 * before this one (stored, or still waiting to be), and what the front read for the account in
 * the same transaction ({@code null} when the name is unknown, or, for a token, when the account
 * may not log in).
 */
public record CheckedLogin<T>(LoginOutcome outcome, Optional<LoginEvent> previous, T read) {
}
