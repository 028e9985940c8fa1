package io.gatehouse.core.account;

/** An account with that name exists already. */
public final class AccountExistsException extends RuntimeException {

    public AccountExistsException(String username) {
        super("account '" + username + "' exists already");
    }
}
