package io.gatehouse.core.account;

/** No account has that name. */
public final class NoSuchAccountException extends RuntimeException {

    public NoSuchAccountException(String username) {
        super("no account '" + username + "'");
    }
}
