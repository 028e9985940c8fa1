package io.gatehouse.server.marauroa;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.marauroa.MarauroaFront;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.message.MarauroaMessage.*;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The game decides whether a player in the game may log out (a configured game class). */
class MarauroaLogoutTest extends MarauroaFixture {

    @BeforeEach
    void start() throws Exception {
        start("  game_class: io.gatehouse.server.marauroa.StayingGame\n");
    }

    @Test
    void theGameMayRefuseALogout() throws Exception {
        try (MarauroaClient c = new MarauroaClient(gatehouse.front(MarauroaFront.class).address())) {
            c.createAccount("ann", "secret", "a@example.org");
            c.login("ann", "secret", "game", "1");
            c.createCharacter("hero", new RPObject(c.classes().get("player")));
            c.next();
            assertThat(c.chooseCharacter("hero")).isEqualTo(new ChooseCharacterAck());
            c.act(Map.of("type", "chat", "text", "wait for me"));
            assertThat(c.chooseCharacter("nobody")).isEqualTo(new ChooseCharacterNack());
            playTurn();
            c.awaitPerceptions(1);
            assertThat(c.logout()).as("the game keeps a player who has spoken").isEqualTo(new LogoutNack());
            c.act(Map.of("type", "move", "dx", "1", "dy", "0"));
            assertThat(c.chooseCharacter("nobody")).isEqualTo(new ChooseCharacterNack());
            playTurn();
            assertThat(c.awaitPerceptions(1).get(c.myId()).get("x")).as("still in the game, and walking").isEqualTo("1");
        }
    }
}
