package io.gatehouse.server.marauroa;

import io.gatehouse.marauroa.example.WalkAndChat;
import io.gatehouse.marauroa.game.MarauroaGame;
import io.gatehouse.marauroa.game.RPClasses;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.game.World;

/** A game for tests: WalkAndChat, except that a player who has chatted may not log out. */
public final class StayingGame implements MarauroaGame {

    private final WalkAndChat game = new WalkAndChat();

    @Override
    public RPClasses classes() {
        return game.classes();
    }

    @Override
    public Creation createCharacter(String username, String character, RPObject template) {
        return game.createCharacter(username, character, template);
    }

    @Override
    public void onEnter(RPObject character, World world) {
        game.onEnter(character, world);
    }

    @Override
    public void onAction(RPObject character, RPObject action, World world) {
        game.onAction(character, action, world);
    }

    @Override
    public boolean mayLogOut(RPObject character) {
        return !character.has("text");
    }
}
