package io.gatehouse.marauroa.game;

/**
 * An object's changes of this turn as perceptions carry them: the attributes set (with its
 * {@code id}, and {@code zoneid} when it has one, and the turn's events), and the attributes
 * removed (each "0", with {@code id}). Slot, link and map changes are not tracked yet.
 */
public final class Diffs {

    private Diffs() {
    }

    /** The "modified-added" object, or null when nothing was set and no event happened. */
    public static RPObject added(RPObject o) {
        if (o.addedThisTurn().isEmpty() && o.events().isEmpty()) {
            return null;
        }
        RPObject a = new RPObject(o.rpClass());
        o.addedThisTurn().forEach(a.attributes()::put);
        a.events().addAll(o.events());
        stamp(o, a);
        return a;
    }

    /** The "modified-deleted" object, or null when nothing was removed. */
    public static RPObject deleted(RPObject o) {
        if (o.removedThisTurn().isEmpty()) {
            return null;
        }
        RPObject d = new RPObject(o.rpClass());
        o.removedThisTurn().forEach(d.attributes()::put);
        stamp(o, d);
        return d;
    }

    private static void stamp(RPObject from, RPObject diff) {
        diff.attributes().put("id", from.get("id"));
        if (from.has("zoneid")) {
            diff.attributes().put("zoneid", from.get("zoneid"));
        }
    }

    /** What only the owner may see of an object: everything but the visible attributes (the id stays). */
    public static RPObject ownersPart(RPObject o) {
        RPObject p = new RPObject(o.rpClass());
        o.attributes().forEach((k, v) -> {
            if (k.equals("id") || !o.rpClass().definition(Definition.Kind.ATTRIBUTE, k).isVisible()) {
                p.attributes().put(k, v);
            }
        });
        return p;
    }
}
