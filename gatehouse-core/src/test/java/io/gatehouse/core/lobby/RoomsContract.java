package io.gatehouse.core.lobby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Rooms} keeps, run by {@code LocalRoomsTest} and by any other implementation
 * (extend it, return an empty book from {@link #newRooms()}). The book belongs to its lobby's
 * actor, so its answers are immediate: each check asks once, on the test's thread.
 */
public abstract class RoomsContract {

    protected Rooms<String> rooms;

    /** An empty room book. */
    protected abstract Rooms<String> newRooms();

    @BeforeEach
    void createRooms() {
        rooms = newRooms();
    }

    @Test
    void aCreatedRoomIsFoundByNameWithItsHostFirst() {
        Room<String> r = rooms.create("castle", "alice");
        assertThat(rooms.exists("castle")).isTrue();
        assertThat(rooms.get("castle")).isSameAs(r);
        assertThat(r.host()).isEqualTo("alice");
        assertThat(r.players()).containsExactly("alice");
        assertThat(r.total()).isEqualTo(Room.UNSET_TOTAL);
        assertThat(r.started()).isFalse();
        assertThat(r.gameMode()).isEqualTo(BigInteger.ZERO);
        assertThat(rooms.exists("tower")).isFalse();
        assertThat(rooms.get("tower")).isNull();
    }

    @Test
    void aNameInUseCannotBeCreatedAgain() {
        rooms.create("castle", "alice");
        assertThatThrownBy(() -> rooms.create("castle", "bob")).isInstanceOf(IllegalStateException.class).hasMessageContaining("castle");
        assertThat(rooms.get("castle").host()).isEqualTo("alice");
    }

    @Test
    void roomsAreListedInCreationOrderAndTheListCannotBeChanged() {
        rooms.create("b", "x");
        rooms.create("a", "y");
        rooms.create("c", "z");
        assertThat(rooms.all()).extracting(Room::name).containsExactly("b", "a", "c");
        assertThatThrownBy(() -> rooms.all().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aRemovedRoomIsGoneAndItsNameFreeAgain() {
        Room<String> r = rooms.create("castle", "alice");
        rooms.create("tower", "bob");
        rooms.remove(r);
        assertThat(rooms.exists("castle")).isFalse();
        assertThat(rooms.all()).extracting(Room::name).containsExactly("tower");
        assertThat(rooms.create("castle", "carol").host()).isEqualTo("carol");
        assertThat(rooms.all()).extracting(Room::name).containsExactly("tower", "castle");
    }

    @Test
    void removingAnOlderRoomLeavesTheNewerOneOfItsName() {
        Room<String> old = rooms.create("castle", "alice");
        rooms.remove(old);
        Room<String> newer = rooms.create("castle", "bob");
        rooms.remove(old);
        assertThat(rooms.get("castle")).isSameAs(newer);
    }

    @Test
    void changesToARoomAreSeenThroughTheBook() {
        Room<String> r = rooms.create("castle", "alice");
        r.total(3);
        assertThat(r.join("bob")).isTrue();
        r.password("pw");
        r.putMod("hota", "1.7");
        r.gameMode(BigInteger.TWO);
        r.markStarted();
        Room<String> seen = rooms.get("castle");
        assertThat(seen.players()).containsExactly("alice", "bob");
        assertThat(seen.isProtected()).isTrue();
        assertThat(seen.passwordMatches("pw")).isTrue();
        assertThat(seen.mods()).containsEntry("hota", "1.7");
        assertThat(seen.gameMode()).isEqualTo(BigInteger.TWO);
        assertThat(seen.started()).isTrue();
    }
}
