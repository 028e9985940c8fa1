package io.gatehouse.core.lobby;

import java.util.Collection;

/**
 * The rooms of one lobby by name, in creation order. A lobby is one single-threaded actor that
 * decides every change (vcmi's {@code VcmiLobby}); its rooms are confined to that actor, so the
 * answers here are that actor's own and need no round trip. When several nodes share a lobby,
 * the lobby's actor runs on one of them and users on the others are its members through
 * stand-ins (the front's player type {@code M} is a local callback, never sent anywhere); an
 * implementation may then also copy each change to a standby, but it answers from the copy the
 * actor owns. {@code LocalRooms} is the in-process one; {@code RoomsContract} in the core's test
 * jar is what every implementation keeps.
 *
 * @param <M> the front's player type (compared by {@code equals})
 */
public interface Rooms<M> {

    /** The room of that name, or null. */
    Room<M> get(String name);

    boolean exists(String name);

    /** A new room with {@code host} as its first player; a name in use is an {@link IllegalStateException}. */
    Room<M> create(String name, M host);

    /** Forgets this room (not a newer one that took its name); a room already gone changes nothing. */
    void remove(Room<M> room);

    /** Every room, in the order they were created (a read-only view). */
    Collection<Room<M>> all();
}
