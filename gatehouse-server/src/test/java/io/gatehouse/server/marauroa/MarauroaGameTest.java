package io.gatehouse.server.marauroa;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.marauroa.MarauroaFront;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.message.MarauroaMessage.*;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two players in the example game over real sockets, turn by turn on a manual clock: TOTAL
 * then DELTA perceptions that keep each client's view equal to the world, the owner's private
 * part, out-of-sync recovery, chat, leaving, and the character kept with its new position.
 */
class MarauroaGameTest extends MarauroaFixture {

    @BeforeEach
    void start() throws Exception {
        start("");
    }

    /** Logs in, makes the character and enters the game with it. */
    private MarauroaClient player(String user, String character) throws Exception {
        return player(user, character, io.gatehouse.marauroa.codec.MarauroaCodec.VERSION);
    }

    private MarauroaClient player(String user, String character, int version) throws Exception {
        MarauroaClient c = new MarauroaClient(gatehouse.front(MarauroaFront.class).address(), version);
        c.createAccount(user, "secret", user + "@example.org");
        c.login(user, "secret", "game", "1");
        assertThat(c.createCharacter(character, new RPObject(c.classes().get("player")))).isInstanceOf(CreateCharacterAck.class);
        c.next();
        assertThat(c.chooseCharacter(character)).isEqualTo(new ChooseCharacterAck());
        return c;
    }

    /** Makes sure the server has read everything the client sent so far (an answered request behind it). */
    private static void flushed(MarauroaClient c) throws Exception {
        assertThat(c.chooseCharacter("nobody")).isEqualTo(new ChooseCharacterNack());
    }

    /** The zone "town" on the server as everyone may see it: visible attributes by object id. */
    private Map<String, Map<String, String>> visibleWorld() throws Exception {
        return gatehouse.front(MarauroaFront.class).services().loop().inspect(w -> {
            Map<String, Map<String, String>> out = new java.util.TreeMap<>();
            for (RPObject o : w.zone("town").objects()) {
                Map<String, String> visible = new java.util.HashMap<>();
                o.attributes().forEach((k, v) -> {
                    if (o.rpClass().definition(io.gatehouse.marauroa.game.Definition.Kind.ATTRIBUTE, k).isVisible()) {
                        visible.put(k, v);
                    }
                });
                out.put(o.get("id"), visible);
            }
            return out;
        }).get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static RPObject named(Map<String, RPObject> view, String name) {
        return view.values().stream().filter(o -> name.equals(o.get("name"))).findFirst().orElse(null);
    }

    @Test
    void twoPlayersWalkAndChat() throws Exception {
        try (MarauroaClient ann = player("ann", "hero")) {
            playTurn();
            Map<String, RPObject> annView = ann.awaitPerceptions(1);
            assertThat(ann.nextTransfer()).as("the town's map offered on entering").isInstanceOf(TransferReq.class);
            assertThat(named(annView, "hero").attributes()).containsEntry("x", "0").containsEntry("y", "0")
                    .as("the owner sees its private attribute").containsEntry("logins", "1");
            assertThat(ann.myId()).isEqualTo(named(annView, "hero").get("id"));

            try (MarauroaClient bob = player("bob", "rogue")) {
                playTurn();
                Map<String, RPObject> bobView = bob.awaitPerceptions(1);
                annView = ann.awaitPerceptions(1);
                assertThat(bob.nextTransfer()).isInstanceOf(TransferReq.class);
                assertThat(bobView).hasSize(2);
                assertThat(annView).as("ann's DELTA added bob").hasSize(2);
                assertThat(named(bobView, "hero").attributes()).as("not ann's private part").doesNotContainKey("logins");

                for (int turn = 1; turn <= 10; turn++) {
                    ann.act(Map.of("type", "move", "dx", "1", "dy", "0"));
                    bob.act(Map.of("type", "move", "dx", "0", "dy", "-1"));
                    flushed(ann);
                    flushed(bob);
                    playTurn();
                    annView = ann.awaitPerceptions(1);
                    bobView = bob.awaitPerceptions(1);
                    Map<String, Map<String, String>> world = visibleWorld();
                    int t = turn;
                    for (Map<String, RPObject> view : java.util.List.of(annView, bobView)) {
                        assertThat(named(view, "hero").get("x")).as("turn %d", turn).isEqualTo(Integer.toString(turn));
                        assertThat(named(view, "rogue").get("y")).as("turn %d", turn).isEqualTo(Integer.toString(-turn));
                        assertThat(view.keySet()).as("turn %d: the objects of the world", turn).isEqualTo(world.keySet());
                        world.forEach((id, attributes) -> assertThat(view.get(id).attributes())
                                .as("turn %d: what everyone sees of %s", t, id).containsAllEntriesOf(attributes));
                    }
                }

                ann.dropNextPerception();
                bob.act(Map.of("type", "move", "dx", "0", "dy", "-1"));
                flushed(bob);
                playTurn();
                assertThat(named(bob.awaitPerceptions(1), "rogue").get("y")).isEqualTo("-11");
                assertThat(named(ann.awaitPerceptions(0), "rogue").get("y")).as("ann lost that turn").isEqualTo("-10");
                ann.resync();
                flushed(ann);
                playTurn();
                annView = ann.awaitPerceptions(1);
                assertThat(ann.outOfSyncSent()).isEqualTo(1);
                assertThat(named(annView, "rogue").get("y")).as("C2S_OUTOFSYNC brought a TOTAL perception").isEqualTo("-11");
                assertThat(named(annView, "hero").get("logins")).as("the TOTAL one brings the private part again").isEqualTo("1");

                ann.act(Map.of("type", "chat", "text", "hello"));
                flushed(ann);
                playTurn();
                bobView = bob.awaitPerceptions(1);
                ann.awaitPerceptions(1);
                assertThat(named(bobView, "hero").get("text")).isEqualTo("hello");

                assertThat(ann.logout()).isEqualTo(new LogoutAck());
                playTurn();
                bobView = bob.awaitPerceptions(1);
                assertThat(named(bobView, "hero")).as("ann left the zone").isNull();
            }
        }
        try (MarauroaClient ann = new MarauroaClient(gatehouse.front(MarauroaFront.class).address())) {
            MarauroaClient.Login again = ann.login("ann", "secret", "game", "1");
            assertThat(again.objects().get(0).get("x")).as("kept where it left").isEqualTo("10");
        }
    }

    @Test
    void theZonesContentIsOfferedAndSentWhenAsked() throws Exception {
        try (MarauroaClient ann = player("ann", "hero"); MarauroaClient bob = player("bob", "rogue")) {
            playTurn();
            ann.awaitPerceptions(1);
            bob.awaitPerceptions(1);
            for (MarauroaClient c : java.util.List.of(ann, bob)) {
                TransferReq req = (TransferReq) c.nextTransfer();
                assertThat(req.offered()).singleElement().satisfies(offer -> {
                    assertThat(offer.name()).isEqualTo("town.map");
                    assertThat(offer.cacheable()).isTrue();
                });
            }
            ann.send(new TransferAck(Map.of("town.map", true)));
            Transfer sent = (Transfer) ann.nextTransfer();
            assertThat(new String(sent.contents().get(0).data(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("width=64\nheight=64\n");
            bob.send(new TransferAck(Map.of("town.map", false)));
            flushed(bob);
            assertThat(ann.chooseCharacter("nobody")).as("nothing else came for ann").isEqualTo(new ChooseCharacterNack());

            int before = ann.lastPerceptionTimestamp();
            playTurn();
            ann.awaitPerceptions(1);
            assertThat(ann.lastPerceptionTimestamp()).as("after a transfer the next perception comes, empty as it is")
                    .isEqualTo(before + 1);
        }
    }

    @Test
    void aCrashReportIsNotAnswered() throws Exception {
        try (MarauroaClient ann = player("ann", "hero")) {
            ann.send(new Logout(1));
            assertThat(ann.chooseCharacter("nobody")).as("no logout answer came first").isEqualTo(new ChooseCharacterNack());
            playTurn();
            assertThat(ann.awaitPerceptions(1)).as("still in the game").isNotEmpty();
        }
    }

    @Test
    void slotContentsChangeByDelta() throws Exception {
        try (MarauroaClient ann = player("ann", "hero"); MarauroaClient bob = player("bob", "rogue")) {
            playTurn();
            ann.awaitPerceptions(1);
            bob.awaitPerceptions(1);
            ann.act(Map.of("type", "pick", "item", "apple"));
            ann.act(Map.of("type", "pick", "item", "pear"));
            flushed(ann);
            playTurn();
            ann.awaitPerceptions(1);
            Map<String, RPObject> bobView = bob.awaitPerceptions(1);
            assertThat(named(bobView, "hero").slot("bag")).extracting(o -> o.get("name")).as("two items put in the bag")
                    .containsExactly("apple", "pear");
            ann.act(Map.of("type", "drop"));
            flushed(ann);
            playTurn();
            ann.awaitPerceptions(1);
            bobView = bob.awaitPerceptions(1);
            assertThat(named(bobView, "hero").slot("bag")).extracting(o -> o.get("name")).as("the first one dropped")
                    .containsExactly("pear");
            assertThat(named(bobView, "hero").get("x")).as("the rest of the object untouched").isEqualTo("0");
        }
    }

    /** Acts, makes sure the server has it, plays a turn and returns bob's view after it. */
    private Map<String, RPObject> turn(MarauroaClient actor, MarauroaClient watcher, Map<String, String> action) throws Exception {
        actor.act(action);
        flushed(actor);
        playTurn();
        actor.awaitPerceptions(1);
        return watcher.awaitPerceptions(1);
    }

    @Test
    void linksAndMapsChangeByDelta() throws Exception {
        try (MarauroaClient ann = player("ann", "hero"); MarauroaClient bob = player("bob", "rogue")) {
            playTurn();
            ann.awaitPerceptions(1);
            bob.awaitPerceptions(1);

            Map<String, RPObject> view = turn(ann, bob, Map.of("type", "adopt", "name", "rex"));
            assertThat(named(view, "hero").links().get("pet").get("name")).as("a new link").isEqualTo("rex");
            view = turn(ann, bob, Map.of("type", "adopt", "name", "max"));
            assertThat(named(view, "hero").links().get("pet").get("name")).as("the linked object changed").isEqualTo("max");
            view = turn(ann, bob, Map.of("type", "release"));
            assertThat(named(view, "hero").links()).as("the link dropped").isEmpty();
            ann.act(Map.of("type", "adopt", "name", "fido"));
            ann.act(Map.of("type", "release"));
            view = turn(ann, bob, Map.of("type", "adopt", "name", "rover"));
            assertThat(named(view, "hero").links().get("pet").get("name"))
                    .as("made, dropped and made again in one turn").isEqualTo("rover");
            ann.act(Map.of("type", "release"));
            view = turn(ann, bob, Map.of("type", "adopt", "name", "rex"));
            assertThat(named(view, "hero").links().get("pet").get("name"))
                    .as("a kept link dropped and made again in one turn: the removal applies before the addition").isEqualTo("rex");

            view = turn(ann, bob, Map.of("type", "tag", "key", "mood", "value", "happy"));
            assertThat(named(view, "hero").maps().get("tags").attributes()).as("a new map").containsEntry("mood", "happy");
            view = turn(ann, bob, Map.of("type", "tag", "key", "hat", "value", "red"));
            assertThat(named(view, "hero").maps().get("tags").attributes()).containsEntry("mood", "happy").containsEntry("hat", "red");
            view = turn(ann, bob, Map.of("type", "untag", "key", "mood"));
            assertThat(named(view, "hero").maps().get("tags").attributes()).as("one entry removed")
                    .doesNotContainKey("mood").containsEntry("hat", "red");
            assertThat(named(view, "hero").get("x")).as("the rest of the object untouched").isEqualTo("0");
        }
        try (MarauroaClient ann = new MarauroaClient(gatehouse.front(MarauroaFront.class).address())) {
            ann.login("ann", "secret", "game", "1");
            assertThat(ann.chooseCharacter("hero")).isEqualTo(new ChooseCharacterAck());
            playTurn();
            RPObject hero = named(ann.awaitPerceptions(1), "hero");
            assertThat(hero.maps().get("tags").attributes()).as("the map kept with the character").containsEntry("hat", "red");
        }
    }

    @Test
    void emptyPerceptionsAreLeftOutFromVersion34() throws Exception {
        try (MarauroaClient ann = player("ann", "hero"); MarauroaClient old = player("bob", "rogue", 33)) {
            playTurn();
            ann.awaitPerceptions(1);
            old.awaitPerceptions(1);
            int first = ann.lastPerceptionTimestamp();

            playTurn();
            assertThat(old.awaitPerceptions(1)).as("a version 33 client gets a perception every turn, empty or not").hasSize(2);
            assertThat(old.lastPerceptionTimestamp()).isEqualTo(first + 1);

            ann.act(Map.of("type", "move", "dx", "1", "dy", "0"));
            flushed(ann);
            playTurn();
            ann.awaitPerceptions(1);
            assertThat(ann.lastPerceptionTimestamp()).as("the empty one left out, its timestamp spent").isEqualTo(first + 2);
        }
    }

    @Test
    void actionsBeyondTheLimitOfATurnAreDropped() throws Exception {
        try (MarauroaClient ann = player("ann", "hero")) {
            playTurn();
            ann.awaitPerceptions(1);
            for (int i = 0; i < 100; i++) {
                ann.act(Map.of("type", "move", "dx", "1", "dy", "0"));
            }
            flushed(ann);
            playTurn();
            assertThat(ann.awaitPerceptions(1).get(ann.myId()).get("x")).as("max_actions_per_turn, 32 by default").isEqualTo("32");
            ann.act(Map.of("type", "move", "dx", "1", "dy", "0"));
            flushed(ann);
            playTurn();
            assertThat(ann.awaitPerceptions(1).get(ann.myId()).get("x")).as("a new turn, a new allowance").isEqualTo("33");
        }
    }
}
