package io.gatehouse.marauroa.handler;

import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.message.LoginNackReason;
import java.util.List;
import java.util.Map;

/** How a secure login ends (docs/protocol/marauroa.md, section 5). */
sealed interface LoginDecision {

    /** Accepted: S2C_LOGIN_ACK with the previous logins, then the server info and the list of the account's {@code characters}. */
    record Accepted(String username, long accountId, List<String> previousLogins, Map<String, RPObject> characters)
            implements LoginDecision {
    }

    /** S2C_LOGIN_NACK; {@code disconnect} when the connection is closed after it. */
    record Refused(LoginNackReason reason, boolean disconnect) implements LoginDecision {
    }

    /** S2C_LOGIN_MESSAGE_NACK with the account's ban or status text, then the connection closes. */
    record RefusedWithMessage(String text) implements LoginDecision {
    }

    /**
     * The store failed while deciding: no answer, as Marauroa's server gives none when its
     * database fails; the connection stays where it was, so that the login may be sent again.
     */
    record StoreFailed() implements LoginDecision {
    }
}
