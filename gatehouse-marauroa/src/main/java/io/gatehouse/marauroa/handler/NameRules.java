package io.gatehouse.marauroa.handler;

import io.gatehouse.core.account.AccountExistsException;
import io.gatehouse.core.account.AccountService;
import io.gatehouse.marauroa.crypto.SecureLogin;
import io.gatehouse.marauroa.message.AccountResult;

/**
 * The rules for account and character names (docs/protocol/marauroa.md, sections 6 and 9),
 * and account creation in the core's store.
 */
final class NameRules {

    private NameRules() {
    }

    /** Why the name cannot be used, or null when it can. */
    static AccountResult problem(String name) {
        if (name.isEmpty()) {
            return AccountResult.FAILED_EMPTY_STRING;
        }
        if (name.length() > 64) {
            return AccountResult.FAILED_STRING_TOO_LONG;
        }
        if (!AccountService.USERNAME.matcher(name).matches()) {
            return AccountResult.FAILED_INVALID_CHARACTER_USED;
        }
        return null;
    }

    /**
     * Creates a Marauroa account: its credential is the hex of the password's MD5 (section 5).
     * Blocking. A store failure is FAILED_EXCEPTION (and thrown on for the caller to log).
     */
    static AccountResult createAccount(AccountService accounts, String username, String password) {
        AccountResult problem = password.isEmpty() ? AccountResult.FAILED_EMPTY_STRING : problem(username);
        if (problem != null) {
            return problem;
        }
        try {
            accounts.create(username, SecureLogin.credential(password));
            return AccountResult.OK_CREATED;
        } catch (AccountExistsException e) {
            return AccountResult.FAILED_PLAYER_EXISTS;
        }
    }
}
