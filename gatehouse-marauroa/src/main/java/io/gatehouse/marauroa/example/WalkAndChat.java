package io.gatehouse.marauroa.example;

import io.gatehouse.marauroa.game.Definition;
import io.gatehouse.marauroa.game.Definition.Type;
import io.gatehouse.marauroa.game.MarauroaGame;
import io.gatehouse.marauroa.game.RPClass;
import io.gatehouse.marauroa.game.RPClasses;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.message.AccountResult;

/**
 * The example game shipped with Gatehouse: players with a name and a position in one zone,
 * who (once the game loop lands) walk and chat. A character is made from any template; only
 * the name is taken from the request, and names of the staff are reserved.
 */
public final class WalkAndChat implements MarauroaGame {

    private final RPClasses classes = new RPClasses();
    private final RPClass player;

    public WalkAndChat() {
        RPClass entity = new RPClass("entity")
                .addAttribute("x", Type.INT, Definition.STANDARD)
                .addAttribute("y", Type.INT, Definition.STANDARD);
        player = new RPClass("player").isA(entity)
                .addAttribute("name", Type.STRING, Definition.STANDARD)
                .addAttribute("text", Type.LONG_STRING, Definition.VOLATILE)
                .addAttribute("logins", Type.INT, Definition.PRIVATE);
        RPClass chat = new RPClass("chat").addAttribute("text", Type.LONG_STRING, Definition.STANDARD);
        player.addEvent("chat", Definition.VOLATILE);
        classes.add(entity).add(player).add(chat);
    }

    @Override
    public RPClasses classes() {
        return classes;
    }

    @Override
    public Creation createCharacter(String username, String character, RPObject template) {
        if (character.equalsIgnoreCase("admin") || character.equalsIgnoreCase("gatehouse")) {
            return Creation.refused(AccountResult.FAILED_RESERVED_NAME);
        }
        return Creation.created(new RPObject(player).put("name", character).put("x", 0).put("y", 0).put("logins", 0));
    }
}
