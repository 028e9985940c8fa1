package io.gatehouse.core.lobby;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The in-process room book: a map by name in creation order, confined to the lobby's actor thread (no locks). */
public final class LocalRooms<M> implements Rooms<M> {

    private final Map<String, Room<M>> byName = new LinkedHashMap<>();

    @Override
    public Room<M> get(String name) {
        return byName.get(name);
    }

    @Override
    public boolean exists(String name) {
        return byName.containsKey(name);
    }

    @Override
    public Room<M> create(String name, M host) {
        if (byName.containsKey(name)) {
            throw new IllegalStateException("room " + name + " exists");
        }
        Room<M> r = new Room<>(name, host);
        byName.put(name, r);
        return r;
    }

    @Override
    public void remove(Room<M> room) {
        byName.remove(room.name(), room);
    }

    @Override
    public Collection<Room<M>> all() {
        return Collections.unmodifiableCollection(byName.values());
    }
}
