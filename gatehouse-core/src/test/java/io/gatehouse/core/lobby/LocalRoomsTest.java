package io.gatehouse.core.lobby;

/** The in-process room book keeps the rooms contract. */
class LocalRoomsTest extends RoomsContract {

    @Override
    protected Rooms<String> newRooms() {
        return new LocalRooms<>();
    }
}
