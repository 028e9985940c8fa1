package io.gatehouse.core.lobby;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The rooms of one lobby by name, in creation order. Confined to the lobby's actor thread. */
public final class Rooms<M> {

    private final Map<String, Room<M>> byName = new LinkedHashMap<>();

    public Room<M> get(String name) {
        return byName.get(name);
    }

    public boolean exists(String name) {
        return byName.containsKey(name);
    }

    public Room<M> create(String name, M host) {
        if (byName.containsKey(name)) {
            throw new IllegalStateException("room " + name + " exists");
        }
        Room<M> r = new Room<>(name, host);
        byName.put(name, r);
        return r;
    }

    public void remove(Room<M> room) {
        byName.remove(room.name(), room);
    }

    public Collection<Room<M>> all() {
        return Collections.unmodifiableCollection(byName.values());
    }
}
