package io.gatehouse.marauroa.game;

import java.util.List;
import java.util.Map;

/**
 * An object's changes of this turn as perceptions carry them: the attributes set, the turn's
 * events, the objects put in visible slots (whole) and the changes of the objects already
 * there (nested, with their id); and the attributes removed (each "0") and the objects taken
 * from slots (class and id). Links and maps go the same way: a link made this turn whole, a
 * link dropped as an empty object, a kept link's object by its own differences; a map made or
 * with entries set in the added object, a map removed or with entries removed in the deleted
 * one (each map as its {@code id} -1, {@code zoneid} "" and the entries). Each difference
 * carries the object's {@code id}, and {@code zoneid} when it has one.
 */
public final class Diffs {

    private Diffs() {
    }

    /** The "modified-added" object, or null when nothing was set, put in a slot or happened. */
    public static RPObject added(RPObject o) {
        RPObject a = new RPObject(o.rpClass());
        o.addedThisTurn().forEach(a.attributes()::put);
        a.events().addAll(o.events());
        for (Map.Entry<String, List<RPObject>> slot : o.slots().entrySet()) {
            if (hiddenSlot(o, slot.getKey())) {
                continue;
            }
            List<RPObject> fresh = o.slotAddedThisTurn().getOrDefault(slot.getKey(), List.of());
            for (RPObject child : slot.getValue()) {
                RPObject change = containsSame(fresh, child) ? child.copy() : added(child);
                if (change != null) {
                    a.slot(slot.getKey()).add(change);
                }
            }
        }
        o.links().forEach((name, target) -> {
            RPObject change = o.linksAddedThisTurn().contains(name) ? target.copy() : added(target);
            if (change != null) {
                a.links().put(name, change);
            }
        });
        o.maps().forEach((name, entries) -> {
            boolean fresh = o.mapsAddedThisTurn().contains(name);
            if (fresh || !entries.addedThisTurn().isEmpty()) {
                RPObject change = emptyMap();
                (fresh ? entries.attributes() : entries.addedThisTurn()).forEach(change.attributes()::putIfAbsent);
                a.maps().put(name, change);
            }
        });
        if (a.attributes().isEmpty() && a.events().isEmpty() && a.slots().isEmpty() && a.links().isEmpty() && a.maps().isEmpty()) {
            return null;
        }
        stamp(o, a);
        return a;
    }

    /** The "modified-deleted" object, or null when nothing was removed. */
    public static RPObject deleted(RPObject o) {
        RPObject d = new RPObject(o.rpClass());
        o.removedThisTurn().forEach(d.attributes()::put);
        for (Map.Entry<String, List<RPObject>> slot : o.slots().entrySet()) {
            if (hiddenSlot(o, slot.getKey())) {
                continue;
            }
            List<RPObject> fresh = o.slotAddedThisTurn().getOrDefault(slot.getKey(), List.of());
            for (RPObject child : slot.getValue()) {
                RPObject change = containsSame(fresh, child) ? null : deleted(child);
                if (change != null) {
                    d.slot(slot.getKey()).add(change);
                }
            }
        }
        o.slotRemovedThisTurn().forEach((name, gone) -> {
            if (!hiddenSlot(o, name)) {
                gone.forEach(g -> d.slot(name).add(g.copy()));
            }
        });
        o.linksRemovedThisTurn().forEach(name -> d.links().put(name, RPObject.withoutClass()));
        o.links().forEach((name, target) -> {
            RPObject change = o.linksAddedThisTurn().contains(name) ? null : deleted(target);
            if (change != null) {
                d.links().put(name, change);
            }
        });
        o.mapsRemovedThisTurn().forEach(name -> d.maps().put(name, emptyMap()));
        o.maps().forEach((name, entries) -> {
            if (!o.mapsAddedThisTurn().contains(name) && !entries.removedThisTurn().isEmpty()) {
                RPObject change = emptyMap();
                entries.removedThisTurn().forEach(change.attributes()::put);
                d.maps().put(name, change);
            }
        });
        if (d.attributes().isEmpty() && d.slots().isEmpty() && d.links().isEmpty() && d.maps().isEmpty()) {
            return null;
        }
        stamp(o, d);
        return d;
    }

    /** A map as Marauroa sends one: the default class, {@code id} -1 and {@code zoneid} "". */
    private static RPObject emptyMap() {
        RPObject m = RPObject.withoutClass();
        m.attributes().put("id", "-1");
        m.attributes().put("zoneid", "");
        return m;
    }

    private static boolean containsSame(List<RPObject> objects, RPObject o) {
        for (RPObject x : objects) {
            if (x == o) {
                return true;
            }
        }
        return false;
    }

    private static boolean hiddenSlot(RPObject o, String slot) {
        Definition def = o.rpClass().definition(Definition.Kind.RPSLOT, slot);
        return def == null || def.isHidden();
    }

    private static void stamp(RPObject from, RPObject diff) {
        if (from.has("id")) {
            diff.attributes().put("id", from.get("id"));
        }
        if (from.has("zoneid")) {
            diff.attributes().put("zoneid", from.get("zoneid"));
        }
    }
}
