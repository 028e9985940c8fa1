package io.gatehouse.server.marauroa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.marauroa.MarauroaFront;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.message.AccountResult;
import io.gatehouse.marauroa.message.MarauroaMessage.*;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Characters made from templates, listed with their objects, chosen, kept across logins and restarts. */
class MarauroaCharacterTest extends MarauroaFixture {

    private void start() throws Exception {
        start("");
    }

    private static RPObject template(MarauroaClient c, String name) {
        return new RPObject(c.classes().get("player")).put("name", name);
    }

    @Test
    void makeListChooseAndKeepACharacter() throws Exception {
        start();
        try (MarauroaClient c = loggedIn("ann")) {
            assertThat(c.classes().has("player")).as("the game's classes came with the server info").isTrue();
            var ack = c.createCharacter("hero", template(c, "whatever"));
            assertThat(ack).isInstanceOfSatisfying(CreateCharacterAck.class, a -> {
                assertThat(a.character()).isEqualTo("hero");
                assertThat(a.object().attributes()).as("made by the game; the private logins not shown")
                        .containsOnly(Map.entry("x", "0"), Map.entry("y", "0"), Map.entry("name", "hero"));
            });
            CharacterList list = (CharacterList) c.next().message();
            assertThat(list.characters()).containsExactly("hero");
            assertThat(list.objects().get(0).get("name")).isEqualTo("hero");

            assertThat(c.createCharacter("hero", template(c, "hero"))).isEqualTo(new CreateCharacterNack(AccountResult.FAILED_CHARACTER_EXISTS));
            assertThat(c.createCharacter("admin", template(c, "admin"))).isEqualTo(new CreateCharacterNack(AccountResult.FAILED_RESERVED_NAME));
            assertThat(c.createCharacter("a b", template(c, "a b"))).isEqualTo(new CreateCharacterNack(AccountResult.FAILED_INVALID_CHARACTER_USED));
            assertThat(c.createCharacter("", template(c, ""))).isEqualTo(new CreateCharacterNack(AccountResult.FAILED_EMPTY_STRING));
            assertThat(c.createCharacter("h".repeat(65), template(c, "h"))).isEqualTo(new CreateCharacterNack(AccountResult.FAILED_STRING_TOO_LONG));

            assertThat(c.chooseCharacter("nobody")).isEqualTo(new ChooseCharacterNack());
            assertThat(c.chooseCharacter("hero")).isEqualTo(new ChooseCharacterAck());
            assertThat(c.logout()).isEqualTo(new LogoutAck());
        }
        try (MarauroaClient other = loggedIn("bob")) {
            assertThat(other.createCharacter("hero", template(other, "hero"))).as("names are unique")
                    .isEqualTo(new CreateCharacterNack(AccountResult.FAILED_CHARACTER_EXISTS));
            assertThat(other.chooseCharacter("hero")).as("not bob's").isEqualTo(new ChooseCharacterNack());
        }
        gatehouse.close();
        start();
        try (MarauroaClient c = new MarauroaClient(gatehouse.front(MarauroaFront.class).address())) {
            MarauroaClient.Login again = c.login("ann", "secret", "game", "1");
            assertThat(again.characters()).as("kept across a restart").containsExactly("hero");
            assertThat(again.objects().get(0).attributes()).containsEntry("name", "hero");
        }
    }

    @Test
    void silentPlayersAreDisconnected() throws Exception {
        start();
        try (MarauroaClient c = loggedIn("kim")) {
            c.createCharacter("kimmy", template(c, "kimmy"));
            c.next();
            assertThat(c.chooseCharacter("kimmy")).isEqualTo(new ChooseCharacterAck());
            clock.advance(Duration.ofSeconds(119));
            assertThat(c.chooseCharacter("nobody")).as("four times 30 s before the first keep-alive").isEqualTo(new ChooseCharacterNack());
            c.send(new KeepAlive());
            assertThat(c.chooseCharacter("nobody")).as("answered after the keep-alive is handled").isEqualTo(new ChooseCharacterNack());
            clock.advance(Duration.ofSeconds(29));
            assertThat(c.chooseCharacter("nobody")).isEqualTo(new ChooseCharacterNack());
            clock.advance(Duration.ofSeconds(2));
            assertThat(c.closedByServer()).as("30 s after the keep-alive").isTrue();
        }
        try (MarauroaClient c = loggedIn("lee")) {
            clock.advance(Duration.ofMinutes(9));
            c.send(new KeepAlive());
            assertThat(c.chooseCharacter("nobody")).isEqualTo(new ChooseCharacterNack());
            clock.advance(Duration.ofMinutes(9));
            assertThat(c.chooseCharacter("nobody")).as("a keep-alive before the game restarts the 10 minutes")
                    .isEqualTo(new ChooseCharacterNack());
            clock.advance(Duration.ofMinutes(2));
            assertThat(c.closedByServer()).isTrue();
        }
    }

    private List<String> inTown(String name) throws Exception {
        return MarauroaWorld.inTown(gatehouse, name);
    }

    private static boolean closesAfterWhatItSent(MarauroaClient c) throws InterruptedException {
        return MarauroaWorld.closesAfterWhatItSent(c);
    }

    /** Enters the game with a new character of that name and walks it one step to the east (x 0 to 1). */
    private void playAndWalk(MarauroaClient c, String name) throws Exception {
        c.createCharacter(name, template(c, name));
        c.next();
        assertThat(c.chooseCharacter(name)).isEqualTo(new ChooseCharacterAck());
        c.act(Map.of("type", "move", "dx", "1", "dy", "0"));
        assertThat(c.chooseCharacter("nobody")).as("the move was read").isEqualTo(new ChooseCharacterNack());
        playTurn();
        await().until(() -> inTown(name).equals(List.of("1")));
    }

    @Test
    void aSecondConnectionOfTheAccountTakesTheCharacterOverAsItIsInTheWorld() throws Exception {
        start();
        try (MarauroaClient first = loggedIn("ann")) {
            playAndWalk(first, "hero");
            try (MarauroaClient second = new MarauroaClient(gatehouse.front(MarauroaFront.class).address())) {
                second.login("ann", "secret", "game", "1");
                assertThat(second.chooseCharacter("hero")).isEqualTo(new ChooseCharacterAck());
                assertThat(closesAfterWhatItSent(first)).as("the first connection is displaced").isTrue();
                assertThat(inTown("hero")).as("one hero, where it had walked, not reloaded from the store").containsExactly("1");
                assertThat(second.logout()).isEqualTo(new LogoutAck());
            }
        }
        try (MarauroaClient again = loggedIn("ann")) {
            assertThat(again.chooseCharacter("hero")).isEqualTo(new ChooseCharacterAck());
            assertThat(inTown("hero")).as("stored by the connection that logged out").containsExactly("1");
        }
    }

    @Test
    void aServerShuttingDownStoresTheCharacterInGameBeforeItClosesTheConnection() throws Exception {
        start();
        try (MarauroaClient c = loggedIn("dan")) {
            playAndWalk(c, "walker");
            gatehouse.close();
            assertThat(closesAfterWhatItSent(c)).as("Marauroa has no shutdown message: the connection just closes").isTrue();
        }
        start();
        try (MarauroaClient c = new MarauroaClient(gatehouse.front(MarauroaFront.class).address())) {
            c.login("dan", "secret", "game", "1");
            assertThat(c.chooseCharacter("walker")).isEqualTo(new ChooseCharacterAck());
            assertThat(inTown("walker")).as("stored where it had walked when the server stopped").containsExactly("1");
        }
    }

    @Test
    void anotherAccountsCharacterOfTheSameNameIsRefused() throws Exception {
        start();
        try (MarauroaClient ann = loggedIn("ann")) {
            playAndWalk(ann, "Hero");
            try (MarauroaClient bob = loggedIn("bob")) {
                bob.createCharacter("hero", template(bob, "hero"));
                bob.next();
                assertThat(bob.chooseCharacter("hero")).as("Hero is in the game, and names compare ignoring case")
                        .isEqualTo(new ChooseCharacterNack());
                assertThat(bob.closedByServer()).isTrue();
            }
            assertThat(inTown("Hero")).containsExactly("1");
            assertThat(ann.chooseCharacter("nobody")).as("ann plays on").isEqualTo(new ChooseCharacterNack());
        }
    }

    @Test
    void choosingAnotherCharacterMidGameStoresTheFirstAndChoosingTheSameAgainIsIgnored() throws Exception {
        start();
        try (MarauroaClient c = loggedIn("bea")) {
            playAndWalk(c, "rider");
            c.send(new ChooseCharacter("rider"));
            assertThat(c.chooseCharacter("nobody")).as("no answer to choosing the character played").isEqualTo(new ChooseCharacterNack());
            assertThat(inTown("rider")).containsExactly("1");

            c.createCharacter("walker", template(c, "walker"));
            c.next();
            assertThat(c.chooseCharacter("walker")).isEqualTo(new ChooseCharacterAck());
            assertThat(inTown("rider")).as("rider left the world").isEmpty();
            assertThat(inTown("walker")).containsExactly("0");
            assertThat(c.logout()).isEqualTo(new LogoutAck());
        }
        try (MarauroaClient c = loggedIn("bea")) {
            assertThat(c.chooseCharacter("rider")).isEqualTo(new ChooseCharacterAck());
            assertThat(inTown("rider")).as("stored as it left").containsExactly("1");
        }
    }
}
