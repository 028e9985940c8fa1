package io.gatehouse.marauroa.example;

import io.gatehouse.marauroa.game.Content;
import io.gatehouse.marauroa.game.Definition;
import io.gatehouse.marauroa.game.Definition.Type;
import io.gatehouse.marauroa.game.MarauroaGame;
import io.gatehouse.marauroa.game.RPClass;
import io.gatehouse.marauroa.game.RPClasses;
import io.gatehouse.marauroa.game.RPEvent;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.game.World;
import io.gatehouse.marauroa.message.AccountResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The example game shipped with Gatehouse: players with a name and a position in the zone
 * {@code town}, who walk (action {@code move} with {@code dx}, {@code dy} of -1 to 1) and
 * chat (action {@code chat} with {@code text}: the player's {@code text} attribute and a
 * {@code chat} event), pick up and drop items in their {@code bag} (actions {@code pick}
 * with {@code item}, and {@code drop}), set and clear tags in their map {@code tags} (actions
 * {@code tag} with {@code key} and {@code value}, {@code untag} with {@code key}; at most
 * {@value #MAX_TAGS}) and keep a pet through their link {@code pet} (action {@code adopt} with
 * {@code name} names the pet, a new one when there is none; {@code release} lets it go). A
 * character is made from any template; only the name is taken from the request, and names of
 * the staff are reserved.
 */
public final class WalkAndChat implements MarauroaGame {

    static final int MAX_TAGS = 8;

    private final RPClasses classes = new RPClasses();
    private final RPClass player;
    private final RPClass item;

    public WalkAndChat() {
        RPClass entity = new RPClass("entity")
                .addAttribute("x", Type.INT, Definition.STANDARD)
                .addAttribute("y", Type.INT, Definition.STANDARD);
        player = new RPClass("player").isA(entity)
                .addAttribute("name", Type.STRING, Definition.STANDARD)
                .addAttribute("text", Type.LONG_STRING, Definition.VOLATILE)
                .addAttribute("logins", Type.INT, Definition.PRIVATE)
                .addSlot("bag", 10, Definition.STANDARD)
                .addAttribute("tags", Type.MAP, Definition.STANDARD)
                .addLink("pet", Definition.STANDARD);
        RPClass chat = new RPClass("chat").addAttribute("text", Type.LONG_STRING, Definition.STANDARD);
        item = new RPClass("item").addAttribute("name", Type.STRING, Definition.STANDARD);
        player.addEvent("chat", Definition.VOLATILE);
        classes.add(entity).add(player).add(chat).add(item);
    }

    @Override
    public RPClasses classes() {
        return classes;
    }

    @Override
    public void onEnter(RPObject character, World world) {
        character.put("logins", Integer.parseInt(character.has("logins") ? character.get("logins") : "0") + 1);
        world.zone("town").add(character);
    }

    /** The town's map: its size, for clients to draw. */
    private static final Content TOWN_MAP = new Content("town.map", 1,
            "width=64\nheight=64\n".getBytes(StandardCharsets.UTF_8), true);

    @Override
    public List<Content> contentOf(String zoneId) {
        return zoneId.equals("town") ? List.of(TOWN_MAP) : List.of();
    }

    @Override
    public void onAction(RPObject character, RPObject action, World world) {
        switch (action.has("type") ? action.get("type") : "") {
            case "move" -> {
                int dx = clamp(action.get("dx"));
                int dy = clamp(action.get("dy"));
                character.put("x", Integer.parseInt(character.get("x")) + dx);
                character.put("y", Integer.parseInt(character.get("y")) + dy);
            }
            case "chat" -> {
                String text = action.has("text") ? action.get("text") : "";
                if (!text.isEmpty() && text.length() <= 256) {
                    character.put("text", text);
                    character.events().add(new RPEvent("chat", classes.get("chat"), Map.of("text", text)));
                }
            }
            case "pick" -> {
                String name = action.has("item") ? action.get("item") : "";
                if (!name.isEmpty() && name.length() <= 64 && character.slot("bag").size() < 10) {
                    character.addToSlot("bag", new RPObject(item).put("name", name));
                }
            }
            case "drop" -> {
                if (!character.slot("bag").isEmpty()) {
                    character.removeFromSlot("bag", character.slot("bag").get(0));
                }
            }
            case "tag" -> {
                String key = action.has("key") ? action.get("key") : "";
                String value = action.has("value") ? action.get("value") : "";
                var tags = character.maps().get("tags");
                boolean room = tags == null || tags.has(key) || tags.attributes().size() - 2 < MAX_TAGS;
                if (plainName(key) && !key.equals("id") && !key.equals("zoneid") && value.length() <= 64 && room) {
                    character.putInMap("tags", key, value);
                }
            }
            case "untag" -> character.removeFromMap("tags", action.has("key") ? action.get("key") : "");
            case "adopt" -> {
                String name = action.has("name") ? action.get("name") : "";
                if (plainName(name)) {
                    RPObject pet = character.links().get("pet");
                    if (pet == null) {
                        character.link("pet", new RPObject(item).put("id", 1).put("name", name));
                    } else {
                        pet.put("name", name);
                    }
                }
            }
            case "release" -> character.unlink("pet");
            default -> { }
        }
    }

    private static boolean plainName(String s) {
        return !s.isEmpty() && s.length() <= 32;
    }

    private static int clamp(String v) {
        try {
            return Math.max(-1, Math.min(1, Integer.parseInt(v == null ? "0" : v)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public Creation createCharacter(String username, String character, RPObject template) {
        if (character.equalsIgnoreCase("admin") || character.equalsIgnoreCase("gatehouse")) {
            return Creation.refused(AccountResult.FAILED_RESERVED_NAME);
        }
        return Creation.created(new RPObject(player).put("name", character).put("x", 0).put("y", 0).put("logins", 0));
    }
}
