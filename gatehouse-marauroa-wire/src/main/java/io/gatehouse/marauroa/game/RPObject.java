package io.gatehouse.marauroa.game;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A game object (docs/protocol/marauroa.md, section 8): attributes by name (values as text,
 * typed by the class), slots holding objects, links to objects, maps, and the events of the
 * current turn. Mutable: the game changes its world in place; copy before sharing.
 */
public final class RPObject {

    private RPClass rpClass;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final Map<String, List<RPObject>> slots = new LinkedHashMap<>();
    private final Map<String, RPObject> links = new LinkedHashMap<>();
    private final Map<String, RPObject> maps = new LinkedHashMap<>();
    private final List<RPEvent> events = new ArrayList<>();
    private boolean hidden;
    private boolean storable;
    /** Attributes set this turn, and attributes removed this turn (the delta of perceptions). */
    private final Map<String, String> addedThisTurn = new LinkedHashMap<>();
    private final Map<String, String> removedThisTurn = new LinkedHashMap<>();
    /** Objects put in or taken from slots this turn, by slot; taken ones as class and id only. */
    private final Map<String, List<RPObject>> slotAdded = new LinkedHashMap<>();
    private final Map<String, List<RPObject>> slotRemoved = new LinkedHashMap<>();
    /** Links and maps made and dropped this turn, by name (their contents' changes are tracked inside them). */
    private final Set<String> linksAdded = new LinkedHashSet<>();
    private final Set<String> linksRemoved = new LinkedHashSet<>();
    private final Set<String> mapsAdded = new LinkedHashSet<>();
    private final Set<String> mapsRemoved = new LinkedHashSet<>();
    /** The last id given to an object in this object's slots (ids are unique within the object). */
    private int lastSlotId;

    public RPObject(RPClass rpClass) {
        this.rpClass = rpClass;
    }

    /** An object of the default class (every name defined on the fly, as text). */
    public static RPObject withoutClass() {
        return new RPObject(DefaultRPClass.INSTANCE);
    }

    public RPClass rpClass() {
        return rpClass;
    }

    public RPObject rpClass(RPClass c) {
        this.rpClass = c;
        return this;
    }

    public RPObject put(String attribute, String value) {
        attributes.put(attribute, value);
        addedThisTurn.put(attribute, value);
        removedThisTurn.remove(attribute);
        return this;
    }

    public RPObject put(String attribute, long value) {
        return put(attribute, Long.toString(value));
    }

    public String get(String attribute) {
        return attributes.get(attribute);
    }

    public boolean has(String attribute) {
        return attributes.containsKey(attribute);
    }

    public RPObject remove(String attribute) {
        if (attributes.remove(attribute) != null) {
            addedThisTurn.remove(attribute);
            removedThisTurn.put(attribute, "0");
        }
        return this;
    }

    /** The attributes set this turn, with their values. */
    public Map<String, String> addedThisTurn() {
        return addedThisTurn;
    }

    /** The attributes removed this turn (each with the value "0", as perceptions carry them). */
    public Map<String, String> removedThisTurn() {
        return removedThisTurn;
    }

    /** A new turn: nothing has changed yet, and the last turn's events are gone. */
    public void nextTurn() {
        addedThisTurn.clear();
        removedThisTurn.clear();
        events.clear();
        slotAdded.clear();
        slotRemoved.clear();
        linksAdded.clear();
        linksRemoved.clear();
        mapsAdded.clear();
        mapsRemoved.clear();
        slots.values().forEach(objects -> objects.forEach(RPObject::nextTurn));
        links.values().forEach(RPObject::nextTurn);
        maps.values().forEach(RPObject::nextTurn);
    }

    /** A copy of the attributes, slots, links and maps (not the turn's changes), for storing or sending. */
    public RPObject copy() {
        RPObject c = new RPObject(rpClass).hidden(hidden).storable(storable);
        c.attributes.putAll(attributes);
        slots.forEach((name, objects) -> objects.forEach(o -> c.slot(name).add(o.copy())));
        links.forEach((name, o) -> c.links.put(name, o.copy()));
        maps.forEach((name, o) -> c.maps.put(name, o.copy()));
        c.events.addAll(events);
        return c;
    }

    /** The attributes, in the order they were first set. */
    public Map<String, String> attributes() {
        return attributes;
    }

    /**
     * Puts an object in a slot, with an id of its own within this object, so that the change
     * reaches perceptions (changing {@link #slot} directly does not).
     */
    public RPObject addToSlot(String name, RPObject child) {
        for (List<RPObject> objects : slots.values()) {
            for (RPObject o : objects) {
                if (o.has("id")) {
                    lastSlotId = Math.max(lastSlotId, Integer.parseInt(o.get("id")));
                }
            }
        }
        child.put("id", ++lastSlotId);
        slot(name).add(child);
        slotAdded.computeIfAbsent(name, k -> new ArrayList<>()).add(child);
        return this;
    }

    /** Takes an object out of a slot; false when it was not there. */
    public boolean removeFromSlot(String name, RPObject child) {
        List<RPObject> objects = slots.get(name);
        if (objects == null || !objects.removeIf(x -> x == child)) {
            return false;
        }
        List<RPObject> added = slotAdded.get(name);
        if (added == null || !added.removeIf(x -> x == child)) {
            RPObject gone = new RPObject(child.rpClass());
            gone.attributes().put("id", child.get("id"));
            slotRemoved.computeIfAbsent(name, k -> new ArrayList<>()).add(gone);
        }
        return true;
    }

    /** The objects put in slots this turn, by slot. */
    public Map<String, List<RPObject>> slotAddedThisTurn() {
        return slotAdded;
    }

    /** The objects taken from slots this turn (class and id), by slot. */
    public Map<String, List<RPObject>> slotRemovedThisTurn() {
        return slotRemoved;
    }

    /** The objects of a slot (made empty on first use). */
    public List<RPObject> slot(String name) {
        return slots.computeIfAbsent(name, k -> new ArrayList<>());
    }

    public Map<String, List<RPObject>> slots() {
        return slots;
    }

    /** The links by name; change them through {@link #link} and {@link #unlink} so that perceptions see it. */
    public Map<String, RPObject> links() {
        return links;
    }

    /**
     * Links an object under a name (replacing a link of that name), so that the change reaches
     * perceptions. A link dropped earlier in the turn stays dropped in the perception's deleted
     * part, and the new one comes whole in its added part: clients apply removals first.
     */
    public RPObject link(String name, RPObject target) {
        links.put(name, target);
        linksAdded.add(name);
        return this;
    }

    /** Drops a link; false when there was none. */
    public boolean unlink(String name) {
        if (links.remove(name) == null) {
            return false;
        }
        if (!linksAdded.remove(name)) {
            linksRemoved.add(name);
        }
        return true;
    }

    /** The links made this turn, by name. */
    public Set<String> linksAddedThisTurn() {
        return linksAdded;
    }

    /** The links dropped this turn (that existed before it), by name. */
    public Set<String> linksRemovedThisTurn() {
        return linksRemoved;
    }

    /**
     * The maps by name: each an object of the default class holding {@code id} -1,
     * {@code zoneid} "" and the entries, as Marauroa keeps them. Change them through
     * {@link #putInMap}, {@link #removeFromMap} and {@link #removeMap}.
     */
    public Map<String, RPObject> maps() {
        return maps;
    }

    /** Sets an entry of a map attribute, making the map when it is new. */
    public RPObject putInMap(String map, String key, String value) {
        if (key.equals("id") || key.equals("zoneid")) {
            throw new IllegalArgumentException("\"id\" and \"zoneid\" cannot be map keys");
        }
        maps.computeIfAbsent(map, m -> {
            mapsAdded.add(m);
            RPObject entries = withoutClass();
            entries.attributes().put("id", "-1");
            entries.attributes().put("zoneid", "");
            return entries;
        }).put(key, value);
        return this;
    }

    /** Removes an entry of a map; false when it was not there. */
    public boolean removeFromMap(String map, String key) {
        RPObject entries = maps.get(map);
        if (entries == null || key.equals("id") || key.equals("zoneid") || !entries.has(key)) {
            return false;
        }
        entries.remove(key);
        return true;
    }

    /** Removes a whole map; false when there was none. */
    public boolean removeMap(String map) {
        if (maps.remove(map) == null) {
            return false;
        }
        if (!mapsAdded.remove(map)) {
            mapsRemoved.add(map);
        }
        return true;
    }

    /** The maps made this turn, by name. */
    public Set<String> mapsAddedThisTurn() {
        return mapsAdded;
    }

    /** The maps removed this turn (that existed before it), by name. */
    public Set<String> mapsRemovedThisTurn() {
        return mapsRemoved;
    }

    public List<RPEvent> events() {
        return events;
    }

    public boolean hidden() {
        return hidden;
    }

    public RPObject hidden(boolean h) {
        this.hidden = h;
        return this;
    }

    public boolean storable() {
        return storable;
    }

    public RPObject storable(boolean s) {
        this.storable = s;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RPObject r && r.rpClass.name().equals(rpClass.name()) && r.attributes.equals(attributes)
                && r.slots.equals(slots) && r.links.equals(links) && r.maps.equals(maps) && r.events.equals(events)
                && r.hidden == hidden && r.storable == storable;
    }

    @Override
    public int hashCode() {
        return attributes.hashCode();
    }

    @Override
    public String toString() {
        return "RPObject(" + rpClass.name() + ", " + attributes + (slots.isEmpty() ? "" : ", slots " + slots) + ")";
    }
}
