package io.gatehouse.marauroa;

import java.time.Duration;
import java.util.List;

/**
 * Whether and how fast clients may make accounts and characters (docs/protocol/marauroa.md,
 * section 6).
 *
 * @param allowAccounts     false answers every account creation FAILED_CREATE_ON_MAIN_INSTEAD
 * @param allowCharacters   false answers every character creation FAILED_CREATE_ON_MAIN_INSTEAD
 * @param accountsPerAddress at most this many accounts made from one address within {@code window}
 * @param charactersPerAddress at most this many characters made from one address within {@code window}
 * @param charactersPerAccount at most this many characters made by one account within {@code window}
 * @param window            how far back creations count
 * @param exempt            addresses the limits do not apply to
 */
public record CreationRules(boolean allowAccounts, boolean allowCharacters, int accountsPerAddress, int charactersPerAddress,
                            int charactersPerAccount, Duration window, List<String> exempt) {

    public CreationRules {
        exempt = List.copyOf(exempt);
    }

    /** Marauroa's defaults: five of each per hour, loopback exempt. */
    public static CreationRules defaults() {
        return new CreationRules(true, true, 5, 5, 5, Duration.ofHours(1), List.of("127.0.0.1"));
    }
}
