package io.gatehouse.server.marauroa;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.message.AccountResult;
import io.gatehouse.marauroa.message.MarauroaMessage.*;
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
        try (MarauroaClient c = new MarauroaClient(gatehouse.marauroa().address())) {
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
            clock.advance(java.time.Duration.ofSeconds(119));
            assertThat(c.chooseCharacter("nobody")).as("four times 30 s before the first keep-alive").isEqualTo(new ChooseCharacterNack());
            c.send(new KeepAlive());
            assertThat(c.chooseCharacter("nobody")).as("answered after the keep-alive is handled").isEqualTo(new ChooseCharacterNack());
            clock.advance(java.time.Duration.ofSeconds(29));
            assertThat(c.chooseCharacter("nobody")).isEqualTo(new ChooseCharacterNack());
            clock.advance(java.time.Duration.ofSeconds(2));
            assertThat(c.closedByServer()).as("30 s after the keep-alive").isTrue();
        }
        try (MarauroaClient c = loggedIn("lee")) {
            clock.advance(java.time.Duration.ofMinutes(9));
            c.send(new KeepAlive());
            assertThat(c.chooseCharacter("nobody")).isEqualTo(new ChooseCharacterNack());
            clock.advance(java.time.Duration.ofMinutes(9));
            assertThat(c.chooseCharacter("nobody")).as("a keep-alive before the game restarts the 10 minutes")
                    .isEqualTo(new ChooseCharacterNack());
            clock.advance(java.time.Duration.ofMinutes(2));
            assertThat(c.closedByServer()).isTrue();
        }
    }
}
