package io.gatehouse.vcmi.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.vcmi.VcmiConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node whose lobby moves to another node of its cluster (docs/protocol/vcmi.md section 12):
 * every lobby user it holds is told and closed, its rooms are forgotten, a connection that chose
 * it a moment too late is refused alike, and once it is the lobby node again it starts empty.
 */
class VcmiLobbyRelinquishTest {

    private static final byte[] ALICE = "\u0005\u0000<GREETINGS>alice<VER>1.5.0".getBytes(StandardCharsets.UTF_8);
    private static final String LOST = ":>>ERROR:Lobby server lost, please reconnect";

    private final LobbyHarness h = new LobbyHarness(VcmiConfig.defaults());

    @Test
    void itsUsersAreToldAndClosedItsRoomsForgottenAndLateComersRefusedUntilItServesAgain() {
        LobbyHarness.Conn alice = h.connect();
        alice.packet(ALICE);
        alice.packet("<NEW>castle<PSWD><COUNT>2".getBytes(StandardCharsets.UTF_8));
        LobbyHarness.Conn silent = h.connect();
        LobbyHarness.Conn late = h.connect();
        alice.replies();
        h.lobby.relinquish();
        h.drain();
        assertThat(text(alice.replies())).isEqualTo(LOST);
        assertThat(alice.closed()).isTrue();
        assertThat(h.lobby.rooms.all()).isEmpty();
        assertThat(h.sessions.live()).isEmpty();
        assertThat(silent.closed()).as("a connection that never spoke is no lobby user yet").isFalse();

        late.packet("\u0005\u0000<GREETINGS>bob<VER>1.5.0".getBytes(StandardCharsets.UTF_8));
        assertThat(text(late.replies())).isEqualTo(LOST);
        assertThat(late.closed()).isTrue();

        h.lobby.serve();
        h.drain();
        LobbyHarness.Conn again = h.connect();
        again.packet(ALICE);
        assertThat(text(again.replies())).startsWith(":>>USERS:1:alice:>>SESSIONS:0");
    }

    private static String text(List<byte[]> replies) {
        StringBuilder text = new StringBuilder();
        replies.forEach(r -> text.append(new String(r, StandardCharsets.UTF_8)));
        return text.toString();
    }
}
