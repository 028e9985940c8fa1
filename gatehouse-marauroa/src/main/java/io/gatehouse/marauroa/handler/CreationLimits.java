package io.gatehouse.marauroa.handler;

import io.gatehouse.core.account.CharacterStore;
import io.gatehouse.core.account.CreationLog;
import io.gatehouse.core.account.CreationLog.Kind;
import io.gatehouse.core.time.Scheduler;
import io.gatehouse.marauroa.CreationRules;
import io.gatehouse.marauroa.message.AccountResult;

/**
 * Applies {@link CreationRules} before an account or a character is made, and records what
 * was made. Blocking: call off the event loops. A check and the creation after it are not
 * one transaction, so clients racing from one address may each pass a check at the edge of
 * the limit.
 */
final class CreationLimits {

    private final CreationRules rules;
    private final CreationLog log;
    private final CharacterStore characters;
    private final Scheduler clock;

    CreationLimits(CreationRules rules, CreationLog log, CharacterStore characters, Scheduler clock) {
        this.rules = rules;
        this.log = log;
        this.characters = characters;
        this.clock = clock;
    }

    /** Why no account may be made from {@code address} now, or null when one may. */
    AccountResult accountProblem(String address) {
        if (!rules.allowAccounts()) {
            return AccountResult.FAILED_CREATE_ON_MAIN_INSTEAD;
        }
        if (!exempt(address) && log.countSince(Kind.ACCOUNT, address, since()) >= rules.accountsPerAddress()) {
            return AccountResult.FAILED_TOO_MANY;
        }
        return null;
    }

    /** Why {@code accountId} may not make a character from {@code address} now, or null when it may. */
    AccountResult characterProblem(long accountId, String address) {
        if (!rules.allowCharacters()) {
            return AccountResult.FAILED_CREATE_ON_MAIN_INSTEAD;
        }
        if (exempt(address)) {
            return null;
        }
        if (characters.createdSince(accountId, since()) >= rules.charactersPerAccount()
                || log.countSince(Kind.CHARACTER, address, since()) >= rules.charactersPerAddress()) {
            return AccountResult.FAILED_TOO_MANY;
        }
        return null;
    }

    void made(Kind kind, String address, String name) {
        log.record(kind, address, name);
    }

    private boolean exempt(String address) {
        return rules.exempt().contains(address);
    }

    private long since() {
        return clock.nowMillis() - rules.window().toMillis();
    }
}
