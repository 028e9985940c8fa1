package io.gatehouse.marauroa.handler;

import io.gatehouse.core.account.CharacterStore;
import io.gatehouse.core.account.CreationLog;
import io.gatehouse.core.account.CreationLog.Kind;
import io.gatehouse.core.time.Scheduler;
import io.gatehouse.marauroa.CreationRules;
import io.gatehouse.marauroa.message.AccountResult;
import java.util.OptionalLong;

/**
 * Applies {@link CreationRules} before an account or a character is made. Asking takes a
 * place under the address's limit at once ({@link CreationLog#recordWithin}), so clients
 * racing from one address cannot pass the limit together; the place is kept when the thing
 * is made and withdrawn when it is not. Blocking: call off the event loops.
 */
final class CreationLimits {

    /** A recordId meaning "nothing recorded yet": the address is exempt, and is recorded once the thing is made. */
    private static final long UNRECORDED = -1;

    /** The answer to asking to make something: refused with a reason, or a place that must be kept or withdrawn. */
    record Claim(AccountResult refusal, Kind kind, String address, String name, long recordId) {

        boolean refused() {
            return refusal != null;
        }
    }

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

    /** Asks to make the account {@code username} from {@code address} now. */
    Claim claimAccount(String address, String username) {
        if (!rules.allowAccounts()) {
            return refused(AccountResult.FAILED_CREATE_ON_MAIN_INSTEAD, Kind.ACCOUNT, address, username);
        }
        return claim(Kind.ACCOUNT, address, username, rules.accountsPerAddress());
    }

    /**
     * Asks to make the character {@code name} for {@code accountId} from {@code address} now.
     * The per-account limit is a plain check: only the account's own connections race on it.
     */
    Claim claimCharacter(long accountId, String address, String name) {
        if (!rules.allowCharacters()) {
            return refused(AccountResult.FAILED_CREATE_ON_MAIN_INSTEAD, Kind.CHARACTER, address, name);
        }
        if (!exempt(address) && characters.createdSince(accountId, since()) >= rules.charactersPerAccount()) {
            return refused(AccountResult.FAILED_TOO_MANY, Kind.CHARACTER, address, name);
        }
        return claim(Kind.CHARACTER, address, name, rules.charactersPerAddress());
    }

    /** The thing was made: its place stays taken. */
    void keep(Claim claim) {
        if (!claim.refused() && claim.recordId() == UNRECORDED) {
            log.record(claim.kind(), claim.address(), claim.name());
        }
    }

    /** The thing was not made: its place is given back. */
    void withdraw(Claim claim) {
        if (!claim.refused() && claim.recordId() != UNRECORDED) {
            log.withdraw(claim.recordId());
        }
    }

    private Claim claim(Kind kind, String address, String name, int limit) {
        if (exempt(address)) {
            return new Claim(null, kind, address, name, UNRECORDED);
        }
        OptionalLong id = log.recordWithin(kind, address, name, limit, since());
        return id.isPresent() ? new Claim(null, kind, address, name, id.getAsLong())
                : refused(AccountResult.FAILED_TOO_MANY, kind, address, name);
    }

    private static Claim refused(AccountResult why, Kind kind, String address, String name) {
        return new Claim(why, kind, address, name, UNRECORDED);
    }

    private boolean exempt(String address) {
        return rules.exempt().contains(address);
    }

    private long since() {
        return clock.nowMillis() - rules.window().toMillis();
    }
}
