package io.gatehouse.marauroa.handler;

import io.gatehouse.core.account.Account;
import io.gatehouse.marauroa.game.MarauroaGame;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.message.AccountResult;
import io.gatehouse.marauroa.message.MarauroaMessage;
import io.gatehouse.marauroa.message.MarauroaMessage.CharacterList;
import io.gatehouse.marauroa.message.MarauroaMessage.CreateAccountAck;
import io.gatehouse.marauroa.message.MarauroaMessage.CreateAccountNack;
import io.gatehouse.marauroa.message.MarauroaMessage.CreateCharacterAck;
import io.gatehouse.marauroa.message.MarauroaMessage.CreateCharacterNack;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Making accounts and characters for one connection (docs/protocol/marauroa.md, sections 6
 * and 9): the name rules, the creation limits, the game's say and the store, in that order.
 * Store work runs on the blocking executor, the game's on its turn loop; every answer goes
 * back through the connection's event loop.
 */
final class Creations {

    /** How a connection answers. */
    interface Replies {
        /** Sends with the connection's version; with its client id or, when {@code withClientId} is false, -1. */
        void reply(MarauroaMessage m, boolean withClientId);

        /** Runs on the connection's event loop. */
        void onLoop(Runnable task);
    }

    private static final Logger log = LoggerFactory.getLogger(Creations.class);

    private final MarauroaServices services;
    private final Characters characters;
    private final CreationLimits limits;
    private final Replies replies;

    Creations(MarauroaServices services, Characters characters, Replies replies) {
        this.services = services;
        this.characters = characters;
        this.limits = new CreationLimits(services.config().creation(), services.creations(), services.characters(), services.clock());
        this.replies = replies;
    }

    /** C2S_CREATEACCOUNT (or a proxy's, with the address it forwards): ACK with the name, or NACK with the reason. */
    void account(String username, String password, String address) {
        services.blocking().execute(() -> {
            AccountResult result;
            CreationLimits.Claim claim = null;
            try {
                claim = limits.claimAccount(address, username);
                result = claim.refused() ? claim.refusal() : NameRules.createAccount(services.accounts(), username, password);
            } catch (RuntimeException e) {
                log.error("{}: account creation of {} failed in the store", address, username, e);
                result = AccountResult.FAILED_EXCEPTION;
            }
            settle(claim, result);
            AccountResult done = result;
            replies.onLoop(() -> replies.reply(done == AccountResult.OK_CREATED
                    ? new CreateAccountAck(username) : new CreateAccountNack(done), false));
        });
    }

    /**
     * Keeps the claim's place when the thing was made, else gives it back. A store failure here
     * only costs the limit's accuracy, never the answer: what was made stays made.
     */
    private void settle(CreationLimits.Claim claim, AccountResult result) {
        if (claim == null) {
            return;
        }
        try {
            if (result == AccountResult.OK_CREATED) {
                limits.keep(claim);
            } else {
                limits.withdraw(claim);
            }
        } catch (RuntimeException e) {
            log.error("{}: recording the creation of {} failed", claim.address(), claim.name(), e);
        }
    }

    /**
     * A character for a logged-in player: S2C_CREATECHARACTER_ACK and the new character list,
     * or S2C_CREATECHARACTER_NACK with the reason.
     */
    void character(long accountId, String username, String name, RPObject template, String address) {
        AccountResult nameProblem = NameRules.problem(name);
        if (nameProblem != null) {
            replies.reply(new CreateCharacterNack(nameProblem), true);
            return;
        }
        make(accountId, username, name, template, address, true);
    }

    /** P2S_CREATECHARACTER: a character for an existing account, answered ACK or NACK without a list. */
    void proxyCharacter(String username, String name, RPObject template, String address) {
        services.blocking().execute(() -> {
            Optional<Account> account;
            try {
                account = services.accounts().find(username);
            } catch (RuntimeException e) {
                log.error("{}: finding account {} failed", address, username, e);
                account = Optional.empty();
            }
            Optional<Account> found = account;
            replies.onLoop(() -> {
                AccountResult nameProblem = NameRules.problem(name);
                if (found.isEmpty() || nameProblem != null) {
                    replies.reply(new CreateCharacterNack(found.isEmpty() ? AccountResult.FAILED_EXCEPTION : nameProblem), false);
                    return;
                }
                make(found.get().id(), username, name, template, address, false);
            });
        });
    }

    /** The limits checked, the game makes the character, the store keeps it. */
    private void make(long accountId, String username, String name, RPObject template, String address, boolean forPlayer) {
        services.blocking().execute(() -> {
            CreationLimits.Claim claim;
            try {
                claim = limits.claimCharacter(accountId, address, name);
            } catch (RuntimeException e) {
                log.error("{}: checking the character limits of {} failed", address, username, e);
                replies.onLoop(() -> replies.reply(new CreateCharacterNack(AccountResult.FAILED_EXCEPTION), forPlayer));
                return;
            }
            if (claim.refused()) {
                replies.onLoop(() -> replies.reply(new CreateCharacterNack(claim.refusal()), forPlayer));
                return;
            }
            services.loop().call(() -> services.game().createCharacter(username, name, template))
                    .whenComplete((creation, error) -> {
                        if (error != null) {
                            log.error("{}: the game failed to make character {}", address, name, error);
                            refuse(claim, AccountResult.FAILED_EXCEPTION, forPlayer);
                        } else if (creation.result() != AccountResult.OK_CREATED) {
                            refuse(claim, creation.result(), forPlayer);
                        } else {
                            services.blocking().execute(() -> store(accountId, claim, creation, forPlayer));
                        }
                    });
        });
    }

    private void refuse(CreationLimits.Claim claim, AccountResult why, boolean forPlayer) {
        services.blocking().execute(() -> settle(claim, why));
        replies.onLoop(() -> replies.reply(new CreateCharacterNack(why), forPlayer));
    }

    /** Blocking: stores the new character and answers. */
    private void store(long accountId, CreationLimits.Claim claim, MarauroaGame.Creation creation, boolean forPlayer) {
        String name = claim.name();
        AccountResult result;
        Map<String, RPObject> owned = Map.of();
        try {
            result = characters.create(accountId, name, creation.character()) ? AccountResult.OK_CREATED : AccountResult.FAILED_CHARACTER_EXISTS;
            if (result == AccountResult.OK_CREATED) {
                owned = characters.of(accountId);
            }
        } catch (RuntimeException e) {
            log.error("{}: storing character {} failed", claim.address(), name, e);
            result = AccountResult.FAILED_EXCEPTION;
        }
        settle(claim, result);
        AccountResult done = result;
        Map<String, RPObject> list = owned;
        replies.onLoop(() -> {
            if (done != AccountResult.OK_CREATED) {
                replies.reply(new CreateCharacterNack(done), forPlayer);
                return;
            }
            replies.reply(new CreateCharacterAck(name, creation.character()), forPlayer);
            if (forPlayer) {
                replies.reply(characterList(list), true);
            }
        });
    }

    static CharacterList characterList(Map<String, RPObject> owned) {
        return new CharacterList(List.copyOf(owned.keySet()), List.copyOf(owned.values()));
    }
}
