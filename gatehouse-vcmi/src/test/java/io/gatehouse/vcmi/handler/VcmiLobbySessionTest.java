package io.gatehouse.vcmi.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.testing.RecordingSessions.Attached;
import io.gatehouse.vcmi.VcmiConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A lobby user is a core session from its greeting to its leaving, and the core can end it with an ERROR line. */
class VcmiLobbySessionTest {

    private final LobbyHarness h = new LobbyHarness(VcmiConfig.defaults());

    private static byte[] hello(String commands) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(5);
        b.write(0);
        b.writeBytes(commands.getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    @Test
    void aGreetedUserIsASessionNamedByItsLobbyNameUntilItLeaves() {
        LobbyHarness.Conn ann = h.connect();
        assertThat(h.sessions.live()).as("not before the greeting").isEmpty();
        ann.packet(hello("<GREETINGS>ann"));
        Attached s = h.sessions.live().get(0);
        assertThat(s.account()).isEqualTo("ann");
        assertThat(s.accountId()).isNull();
        assertThat(s.connection().front()).isEqualTo("vcmi");
        assertThat(s.connection().remoteAddress()).isEqualTo(ann.client.address);

        ann.channel.close();
        h.drain();
        assertThat(h.sessions.live()).isEmpty();
    }

    @Test
    void theCoreEndsASessionWithAnErrorLineThenTheUsersLeavingAndTheClose() {
        LobbyHarness.Conn ann = h.connect();
        LobbyHarness.Conn bob = h.connect();
        ann.packet(hello("<GREETINGS>ann"));
        bob.packet(hello("<GREETINGS>bob"));
        ann.replies();
        bob.replies();

        Attached s = h.sessions.live().get(0);
        assertThat(s.connection().answerTo(CloseReason.KICKED)).isEqualTo(":>>ERROR:Kicked by an operator");
        s.connection().close(CloseReason.KICKED, "kicked by an operator");
        h.drain();

        List<byte[]> toAnn = ann.replies();
        assertThat(new String(toAnn.get(0), StandardCharsets.UTF_8)).isEqualTo(":>>ERROR:Kicked by an operator");
        assertThat(ann.closed()).isTrue();
        assertThat(h.sessions.live()).extracting(Attached::account).containsExactly("bob");
        assertThat(bob.replies()).as("bob is told the user list without ann")
                .anySatisfy(r -> assertThat(new String(r, StandardCharsets.UTF_8)).startsWith(":>>USERS:1"));
    }
}
