package io.gatehouse.core.account;

/** A login's result and, when it succeeded or the name was known, the account. */
public record LoginOutcome(LoginResult result, Account account) {

    public boolean ok() {
        return result == LoginResult.SUCCESS;
    }
}
