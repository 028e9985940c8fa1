package io.gatehouse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.marauroa.MarauroaFront;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.message.MarauroaMessage.ChooseCharacterAck;
import io.gatehouse.marauroa.message.MarauroaMessage.LogoutAck;
import io.gatehouse.server.Gatehouse;
import io.gatehouse.server.marauroa.MarauroaWorld;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Marauroa in a cluster: each node runs a world of its own, and an account's login on one node
 * takes over its character in the game on another, as a second connection does on one node.
 */
class ClusterMarauroaTest {

    private static final Duration TURN = Duration.ofMillis(300);

    @Test
    void aLoginOnAnotherNodeTakesTheCharacterOverAsItLeftTheFirst() throws Exception {
        try (ClusterNodes cluster = new ClusterNodes()) {
            Gatehouse a = cluster.startWithMarauroa("a");
            Gatehouse b = cluster.startWithMarauroa("b");
            try (MarauroaClient first = client(a)) {
                first.createAccount("ann", "secret", "ann@example.org");
                first.login("ann", "secret", "game", "1");
                first.createCharacter("hero", new RPObject(first.classes().get("player")).put("name", "hero"));
                first.next();
                assertThat(first.chooseCharacter("hero")).isEqualTo(new ChooseCharacterAck());
                first.act(Map.of("type", "move", "dx", "1", "dy", "0"));
                first.chooseCharacter("nobody"); // answered once the move was read
                playTurn(cluster, a);
                await().until(() -> MarauroaWorld.inTown(a, "hero").equals(List.of("1")));

                try (MarauroaClient second = client(b)) {
                    second.login("ann", "secret", "game", "1");
                    assertThat(second.chooseCharacter("hero")).isEqualTo(new ChooseCharacterAck());
                    assertThat(MarauroaWorld.closesAfterWhatItSent(first)).as("node a's connection is displaced").isTrue();
                    assertThat(MarauroaWorld.inTown(a, "hero")).as("the hero left node a's world").isEmpty();
                    assertThat(MarauroaWorld.inTown(b, "hero")).as("stored by node a where it had walked, loaded by node b").containsExactly("1");
                    assertThat(second.logout()).isEqualTo(new LogoutAck());
                }
            }
        }
    }

    private static MarauroaClient client(Gatehouse node) throws Exception {
        return new MarauroaClient(node.front(MarauroaFront.class).address());
    }

    private static void playTurn(ClusterNodes cluster, Gatehouse node) throws Exception {
        node.front(MarauroaFront.class).services().loop().call(() -> null).get(10, TimeUnit.SECONDS);
        cluster.clock(node).advance(TURN);
    }
}
