package io.gatehouse.marauroa.game;

import io.gatehouse.marauroa.message.AccountResult;
import java.util.List;

/**
 * What a game built on the marauroa front decides (docs/protocol/marauroa.md, section 9).
 * Gatehouse runs the protocol, the accounts and the storage; the game owns its classes and
 * rules. The class is named in the config ({@code marauroa.game_class}); every call comes
 * from the turn loop's one thread.
 */
public interface MarauroaGame {

    /** The game's RPClasses, sent to every client in S2C_SERVERINFO. */
    RPClasses classes();

    /**
     * Makes a character from the template a client sent: the new object, or why not
     * (FAILED_INVALID_TEMPLATE, FAILED_RESERVED_NAME, ...). Gatehouse checks the name's form
     * and that it is free before asking.
     */
    Creation createCharacter(String username, String character, RPObject template);

    /** Whether a player in the game may leave now; false answers S2C_LOGOUT_NACK. */
    default boolean mayLogOut(RPObject character) {
        return true;
    }

    /** A player enters the game: place its object in a zone of the world ({@link Zone#add}). */
    void onEnter(RPObject character, World world);

    /** One action a player sent; actions run at the start of the turn after they arrive, in arrival order. */
    default void onAction(RPObject character, RPObject action, World world) {
    }

    /** The turn's own rules, after the actions and before the perceptions. */
    default void endTurn(World world) {
    }

    /** The static content of a zone, offered to every player who enters it; none by default. */
    default List<Content> contentOf(String zoneId) {
        return List.of();
    }

    /** A player leaves (logout, or a lost connection): by default its object leaves its zone. */
    default void onExit(RPObject character, World world) {
        world.remove(character);
    }

    /** A creation's outcome: OK_CREATED with the object, or a failure without one. */
    record Creation(AccountResult result, RPObject character) {

        public static Creation created(RPObject character) {
            return new Creation(AccountResult.OK_CREATED, character);
        }

        public static Creation refused(AccountResult why) {
            return new Creation(why, null);
        }
    }
}
