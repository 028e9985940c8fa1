package io.gatehouse.client.marauroa;

import io.gatehouse.marauroa.game.RPObject;
import java.util.List;
import java.util.Map;

/**
 * Applies a perception's differences to a client's copy of an object, as Marauroa's client
 * does (docs/protocol/marauroa.md, section 10).
 */
final class ViewChanges {

    private ViewChanges() {
    }

    /**
     * "Modified-added": attributes set; slot objects, links and maps that are new are taken
     * whole, known ones take the nested changes.
     */
    static void add(RPObject o, RPObject changes) {
        o.attributes().putAll(changes.attributes());
        changes.slots().forEach((name, objects) -> {
            List<RPObject> slot = o.slot(name);
            for (RPObject change : objects) {
                RPObject existing = byId(slot, change.get("id"));
                if (existing == null) {
                    slot.add(change.copy());
                } else {
                    add(existing, change);
                }
            }
        });
        addEach(o.links(), changes.links());
        addEach(o.maps(), changes.maps());
    }

    /**
     * "Modified-deleted": attributes removed; a slot object given by its id alone is gone, a
     * link given as an empty object is dropped, a map given without entries is removed;
     * otherwise the nested removals apply.
     */
    static void remove(RPObject o, RPObject removed) {
        removeAttributes(o, removed);
        removed.slots().forEach((name, objects) -> {
            List<RPObject> slot = o.slot(name);
            for (RPObject gone : objects) {
                RPObject existing = byId(slot, gone.get("id"));
                if (existing == null) {
                    continue;
                }
                if (gone.attributes().size() == 1 && gone.slots().isEmpty()) {
                    slot.remove(existing);
                } else {
                    remove(existing, gone);
                }
            }
        });
        removed.links().forEach((name, gone) -> {
            RPObject existing = o.links().get(name);
            if (gone.attributes().isEmpty()) {
                o.links().remove(name);
            } else if (existing != null) {
                remove(existing, gone);
            }
        });
        removed.maps().forEach((name, gone) -> {
            RPObject existing = o.maps().get(name);
            if (gone.attributes().keySet().stream().allMatch(ViewChanges::isKey)) {
                o.maps().remove(name);
            } else if (existing != null) {
                removeAttributes(existing, gone);
            }
        });
    }

    private static void addEach(Map<String, RPObject> into, Map<String, RPObject> changes) {
        changes.forEach((name, change) -> {
            RPObject existing = into.get(name);
            if (existing == null) {
                into.put(name, change.copy());
            } else {
                add(existing, change);
            }
        });
    }

    private static void removeAttributes(RPObject o, RPObject removed) {
        removed.attributes().keySet().stream().filter(k -> !isKey(k)).forEach(o.attributes()::remove);
    }

    private static boolean isKey(String attribute) {
        return attribute.equals("id") || attribute.equals("zoneid");
    }

    private static RPObject byId(List<RPObject> slot, String id) {
        return slot.stream().filter(x -> id.equals(x.get("id"))).findFirst().orElse(null);
    }
}
