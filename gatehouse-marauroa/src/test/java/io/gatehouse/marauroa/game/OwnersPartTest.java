package io.gatehouse.marauroa.game;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.marauroa.game.Definition.Type;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The owner's part of its own object: what Marauroa's "clear visible" leaves. */
class OwnersPartTest {

    private final RPClass item = new RPClass("item").addAttribute("name", Type.STRING, Definition.STANDARD)
            .addAttribute("price", Type.INT, Definition.PRIVATE);
    private final RPClass player = new RPClass("player")
            .addAttribute("name", Type.STRING, Definition.STANDARD)
            .addAttribute("hp", Type.INT, Definition.PRIVATE)
            .addSlot("bag", 5, Definition.STANDARD)
            .addSlot("purse", 1, Definition.PRIVATE)
            .addEvent("chat", Definition.STANDARD)
            .addEvent("whisper", Definition.PRIVATE);

    private RPObject hero() {
        RPObject hero = new RPObject(player).put("id", 7).put("zoneid", "town").put("name", "hero").put("hp", 30);
        hero.addToSlot("bag", new RPObject(item).put("name", "apple"));
        hero.addToSlot("bag", new RPObject(item).put("name", "ring").put("price", 100));
        hero.addToSlot("purse", new RPObject(item).put("name", "coin"));
        hero.events().add(new RPEvent("chat", player, Map.of()));
        hero.events().add(new RPEvent("whisper", player, Map.of()));
        return hero;
    }

    @Test
    void privateThingsStayAndVisibleOnesGo() {
        RPObject part = OwnersPart.of(hero(), true);
        assertThat(part.attributes()).containsOnlyKeys("id", "zoneid", "hp");
        assertThat(part.events()).extracting(RPEvent::name).containsExactly("whisper");
        assertThat(part.slot("purse")).as("a private slot whole").singleElement()
                .satisfies(coin -> assertThat(coin.get("name")).isEqualTo("coin"));
        assertThat(part.slot("bag")).as("in a visible slot, objects with something private left")
                .singleElement().satisfies(ring -> assertThat(ring.attributes()).containsOnlyKeys("id", "price"));
    }

    @Test
    void anEmptiedVisibleSlotStaysInATotalAndGoesInADelta() {
        RPObject hero = hero();
        hero.slot("bag").get(1).remove("price");
        assertThat(OwnersPart.of(hero, true).slots()).containsKey("bag");
        assertThat(OwnersPart.of(hero, true).slot("bag")).isEmpty();
        assertThat(OwnersPart.of(hero, false).slots()).doesNotContainKey("bag");
    }

    @Test
    void aHiddenObjectIsSentWhole() {
        RPObject hero = hero().hidden(true);
        assertThat(OwnersPart.of(hero, true).attributes()).containsKey("name");
    }
}
