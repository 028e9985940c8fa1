package io.gatehouse.marauroa.game;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A zone of the world: the objects in it by id, and what happened to them this turn (added,
 * removed; changes are tracked by the objects themselves), from which perceptions are made
 * (docs/protocol/marauroa.md, section 10). Perceptions hold copies, so that they can be
 * written on other threads while the world moves on.
 */
public final class Zone {

    private final String id;
    private final Map<String, RPObject> objects = new LinkedHashMap<>();
    private final Map<String, RPObject> addedThisTurn = new LinkedHashMap<>();
    private final Map<String, RPObject> removedThisTurn = new LinkedHashMap<>();
    /** The turn's differences of each object, computed once (by {@link #delta} or on asking); null values: none. */
    private final Map<RPObject, RPObject> addedDiffs = new IdentityHashMap<>();
    private final Map<RPObject, RPObject> deletedDiffs = new IdentityHashMap<>();
    private int nextId = 1;

    Zone(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Puts an object in the zone with a new id (and its {@code zoneid}). */
    public RPObject add(RPObject o) {
        o.put("id", nextId++);
        o.put("zoneid", id);
        objects.put(o.get("id"), o);
        addedThisTurn.put(o.get("id"), o);
        return o;
    }

    /** Takes an object out of the zone; an object added and removed in one turn is in no perception. */
    public void remove(RPObject o) {
        String key = o.get("id");
        if (objects.remove(key) == null) {
            return;
        }
        if (addedThisTurn.remove(key) == null) {
            removedThisTurn.put(key, o);
        }
    }

    public RPObject get(String objectId) {
        return objects.get(objectId);
    }

    public boolean contains(RPObject o) {
        return objects.get(o.get("id")) == o;
    }

    public Collection<RPObject> objects() {
        return objects.values();
    }

    /** What a DELTA perception of this turn lists: added, their changes, removed. */
    public Perception delta() {
        List<RPObject> added = new ArrayList<>();
        List<RPObject> modifiedAdded = new ArrayList<>();
        List<RPObject> modifiedDeleted = new ArrayList<>();
        for (RPObject o : addedThisTurn.values()) {
            if (!o.hidden()) {
                added.add(o.copy());
            }
        }
        for (RPObject o : objects.values()) {
            if (o.hidden() || addedThisTurn.containsKey(o.get("id"))) {
                continue;
            }
            RPObject a = addedDifferences(o);
            if (a != null) {
                modifiedAdded.add(a);
            }
            RPObject d = deletedDifferences(o);
            if (d != null) {
                modifiedDeleted.add(d);
            }
        }
        List<RPObject> deleted = new ArrayList<>();
        for (RPObject o : removedThisTurn.values()) {
            if (!o.hidden()) {
                deleted.add(o.copy());
            }
        }
        return new Perception(Perception.DELTA, id, added, modifiedAdded, modifiedDeleted, deleted);
    }

    /**
     * The object's "modified-added" differences of this turn ({@link Diffs#added}), computed
     * once per turn however many ask: the zone's DELTA and its owner's private part. Ask only
     * once the turn's changes are made (the turn loop builds perceptions last).
     */
    public RPObject addedDifferences(RPObject o) {
        return once(addedDiffs, o, Diffs::added);
    }

    /** The object's "modified-deleted" differences of this turn ({@link Diffs#deleted}), computed once per turn. */
    public RPObject deletedDifferences(RPObject o) {
        return once(deletedDiffs, o, Diffs::deleted);
    }

    private static RPObject once(Map<RPObject, RPObject> cache, RPObject o, UnaryOperator<RPObject> differences) {
        if (cache.containsKey(o)) {
            return cache.get(o);
        }
        RPObject d = differences.apply(o);
        cache.put(o, d);
        return d;
    }

    /** What a TOTAL perception lists: every object that is not hidden. */
    public Perception total() {
        List<RPObject> all = new ArrayList<>();
        for (RPObject o : objects.values()) {
            if (!o.hidden()) {
                all.add(o.copy());
            }
        }
        return new Perception(Perception.SYNC, id, all, List.of(), List.of(), List.of());
    }

    /** The turn is over: changes and events are forgotten. */
    void nextTurn() {
        objects.values().forEach(RPObject::nextTurn);
        removedThisTurn.values().forEach(RPObject::nextTurn);
        addedThisTurn.clear();
        removedThisTurn.clear();
        addedDiffs.clear();
        deletedDiffs.clear();
    }
}
