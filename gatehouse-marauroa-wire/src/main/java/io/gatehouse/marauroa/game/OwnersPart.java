package io.gatehouse.marauroa.game;

import io.gatehouse.marauroa.game.Definition.Kind;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What a perception tells a player of its own object beyond what everyone sees
 * (docs/protocol/marauroa.md, section 10): a copy with the visible parts taken out, as
 * Marauroa's "clear visible" does. Visible attributes go (the id stays), visible events go,
 * the objects of visible slots are cleared the same way and dropped when only their id is
 * left (an emptied visible slot goes too, except in a TOTAL perception), linked objects are
 * cleared and dropped when nothing is left; private and hidden slots stay whole, and maps
 * stay as they are. A hidden object is sent whole.
 */
public final class OwnersPart {

    private OwnersPart() {
    }

    /** The owner's part of {@code o} (an object, or a turn's differences of one); {@code total} for a TOTAL perception. */
    public static RPObject of(RPObject o, boolean total) {
        RPObject part = o.copy();
        if (!o.hidden()) {
            clearVisible(part, total);
        }
        return part;
    }

    private static void clearVisible(RPObject o, boolean total) {
        RPClass c = o.rpClass();
        o.attributes().keySet().removeIf(name -> !name.equals("id") && visible(c, Kind.ATTRIBUTE, name));
        o.events().removeIf(e -> visible(c, Kind.RPEVENT, e.name()));
        for (Iterator<Map.Entry<String, List<RPObject>>> it = o.slots().entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, List<RPObject>> slot = it.next();
            if (!visible(c, Kind.RPSLOT, slot.getKey())) {
                continue;
            }
            slot.getValue().forEach(child -> clearVisible(child, total));
            slot.getValue().removeIf(child -> child.attributes().size() == 1);
            if (!total && slot.getValue().isEmpty()) {
                it.remove();
            }
        }
        for (Iterator<RPObject> it = o.links().values().iterator(); it.hasNext(); ) {
            RPObject linked = it.next();
            clearVisible(linked, total);
            if (linked.attributes().isEmpty() && linked.slots().isEmpty() && linked.links().isEmpty() && linked.events().isEmpty()) {
                it.remove();
            }
        }
    }

    /** Unknown names count as not visible, so they are kept, as Marauroa keeps them. */
    private static boolean visible(RPClass c, Kind kind, String name) {
        Definition d = c.definition(kind, name);
        return d != null && d.isVisible();
    }
}
