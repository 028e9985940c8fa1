package io.gatehouse.marauroa.game;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.marauroa.example.WalkAndChat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a zone's perceptions list, turn by turn. */
class ZoneTest {

    private final RPClasses classes = new WalkAndChat().classes();
    private final World world = new World();

    private RPObject player(String name) {
        return world.zone("town").add(new RPObject(classes.get("player")).put("name", name).put("x", 0).put("y", 0));
    }

    @Test
    void addedThenChangedThenRemoved() {
        RPObject hero = player("hero");
        Perception first = world.zone("town").delta();
        assertThat(first.added()).singleElement().satisfies(o -> assertThat(o.get("name")).isEqualTo("hero"));
        world.nextTurn();

        hero.put("x", 5);
        hero.remove("y");
        Perception second = world.zone("town").delta();
        assertThat(second.added()).isEmpty();
        assertThat(second.modifiedAdded()).singleElement().satisfies(o ->
                assertThat(o.attributes()).containsOnlyKeys("x", "id", "zoneid").containsEntry("x", "5"));
        assertThat(second.modifiedDeleted()).singleElement().satisfies(o ->
                assertThat(o.attributes()).containsEntry("y", "0").containsKey("id"));
        world.nextTurn();

        assertThat(world.zone("town").delta().modifiedAdded()).as("nothing changed").isEmpty();
        world.remove(hero);
        assertThat(world.zone("town").delta().deleted()).hasSize(1);
        assertThat(world.zone("town").total().added()).isEmpty();
    }

    @Test
    void slotObjectsComeAndGoByDelta() {
        RPObject hero = player("hero");
        world.nextTurn();
        hero.addToSlot("bag", new RPObject(classes.get("item")).put("name", "apple"));
        Perception p = world.zone("town").delta();
        assertThat(p.modifiedAdded()).singleElement().satisfies(o ->
                assertThat(o.slot("bag")).singleElement().satisfies(item -> assertThat(item.get("name")).isEqualTo("apple")));
        world.nextTurn();

        RPObject apple = hero.slot("bag").get(0);
        apple.put("name", "green apple");
        assertThat(world.zone("town").delta().modifiedAdded()).singleElement().satisfies(o ->
                assertThat(o.slot("bag")).singleElement().satisfies(item -> assertThat(item.attributes())
                        .containsEntry("name", "green apple").containsEntry("id", "1")));
        world.nextTurn();

        hero.removeFromSlot("bag", apple);
        assertThat(world.zone("town").delta().modifiedDeleted()).singleElement().satisfies(o ->
                assertThat(o.slot("bag")).singleElement().satisfies(gone -> assertThat(gone.attributes()).containsOnlyKeys("id")));
    }

    @Test
    void linksComeChangeAndGoByDelta() {
        RPObject hero = player("hero");
        world.nextTurn();
        hero.link("pet", new RPObject(classes.get("item")).put("id", 1).put("name", "rex"));
        assertThat(world.zone("town").delta().modifiedAdded()).singleElement().satisfies(o ->
                assertThat(o.links().get("pet").attributes()).as("a new link whole").containsEntry("name", "rex"));
        world.nextTurn();

        hero.links().get("pet").put("name", "max");
        assertThat(world.zone("town").delta().modifiedAdded()).singleElement().satisfies(o ->
                assertThat(o.links().get("pet").attributes()).as("a kept link by its differences")
                        .containsOnlyKeys("name", "id").containsEntry("name", "max"));
        world.nextTurn();

        hero.unlink("pet");
        Perception gone = world.zone("town").delta();
        assertThat(gone.modifiedAdded()).isEmpty();
        assertThat(gone.modifiedDeleted()).singleElement().satisfies(o ->
                assertThat(o.links().get("pet").attributes()).as("a dropped link is an empty object").isEmpty());
    }

    @Test
    void mapEntriesComeAndGoByDelta() {
        RPObject hero = player("hero");
        world.nextTurn();
        hero.putInMap("tags", "mood", "happy");
        assertThat(world.zone("town").delta().modifiedAdded()).singleElement().satisfies(o ->
                assertThat(o.maps().get("tags").attributes()).as("a new map with id -1 and zoneid \"\"")
                        .containsExactly(Map.entry("id", "-1"), Map.entry("zoneid", ""), Map.entry("mood", "happy")));
        world.nextTurn();

        hero.putInMap("tags", "hat", "red");
        hero.removeFromMap("tags", "mood");
        Perception p = world.zone("town").delta();
        assertThat(p.modifiedAdded()).singleElement().satisfies(o ->
                assertThat(o.maps().get("tags").attributes()).containsOnlyKeys("id", "zoneid", "hat"));
        assertThat(p.modifiedDeleted()).singleElement().satisfies(o ->
                assertThat(o.maps().get("tags").attributes()).containsEntry("mood", "0").containsOnlyKeys("id", "zoneid", "mood"));
        world.nextTurn();

        hero.removeMap("tags");
        assertThat(world.zone("town").delta().modifiedDeleted()).singleElement().satisfies(o ->
                assertThat(o.maps().get("tags").attributes()).as("a removed map has no entries").containsOnlyKeys("id", "zoneid"));
    }
}
