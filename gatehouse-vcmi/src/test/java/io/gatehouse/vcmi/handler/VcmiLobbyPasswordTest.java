package io.gatehouse.vcmi.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.lobby.Room;
import io.gatehouse.vcmi.VcmiConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * PSWD completes a JOIN (docs/protocol/vcmi.md section 5); from a user who is already one of
 * the room's players it does nothing.
 */
class VcmiLobbyPasswordTest {

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Found by VcmiLobbyFuzzTest (crash-1025ad9c...): a player's second PSWD with a wrong
     * password cleared its joined flag but left it among the room's players, where it could not
     * LEAVE, kept its place after disconnecting and could join a second room.
     */
    @Test
    void aPlayersWrongPasswordDoesNotMakeItAGhostOfTheRoom() {
        LobbyHarness h = new LobbyHarness(VcmiConfig.defaults());
        LobbyHarness.Conn alice = h.connect();
        LobbyHarness.Conn bob = h.connect();
        alice.packet(text("\u0005\u0000<GREETINGS>alice"));
        bob.packet(text("\u0005\u0000<GREETINGS>bob"));
        alice.packet(text("<NEW>castle<PSWD>secret<COUNT>2"));
        bob.packet(text("<JOIN>castle<PSWD>secret"));
        Room<LobbyClient> castle = h.lobby.rooms.get("castle");
        assertThat(castle.players()).containsExactly(alice.client, bob.client);
        bob.replies();

        bob.packet(text("<PSWD>wrong"));
        assertThat(bob.replies()).as("no answer").isEmpty();
        assertThat(bob.client.joined).isTrue();
        assertThat(h.faults("out_of_state")).isEqualTo(1);

        bob.packet(text("<LEAVE>castle"));
        assertThat(castle.players()).containsExactly(alice.client);
        assertThat(bob.client.joined).isFalse();
    }
}
