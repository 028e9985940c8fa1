package io.gatehouse.marauroa.game;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The game's zones by id; made on first use. Touched by the turn loop's thread only. */
public final class World {

    private final Map<String, Zone> zones = new LinkedHashMap<>();

    public Zone zone(String id) {
        return zones.computeIfAbsent(id, Zone::new);
    }

    /** The zone an object is in, by its {@code zoneid}; null when it is in none. */
    public Zone zoneOf(RPObject o) {
        String id = o.get("zoneid");
        Zone z = id == null ? null : zones.get(id);
        return z != null && z.contains(o) ? z : null;
    }

    /** Takes an object out of its zone, if it is in one. */
    public void remove(RPObject o) {
        Zone z = zoneOf(o);
        if (z != null) {
            z.remove(o);
        }
    }

    public Collection<Zone> zones() {
        return zones.values();
    }

    /** Every zone moves to the next turn. */
    public void nextTurn() {
        zones.values().forEach(Zone::nextTurn);
    }
}
