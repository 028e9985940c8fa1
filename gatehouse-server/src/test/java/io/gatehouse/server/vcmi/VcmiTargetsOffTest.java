package io.gatehouse.server.vcmi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.client.vcmi.VcmiLobbyClient;
import org.junit.jupiter.api.Test;

/** With {@code message_targets: false} chat text goes out as the newest original sends it. */
class VcmiTargetsOffTest extends VcmiLobbyFixture {

    @Override
    protected String vcmiConfig() {
        return "  message_targets: false\n";
    }

    @Test
    void atPrefixIsPlainText() throws InterruptedException {
        VcmiLobbyClient a = user("alice");
        VcmiLobbyClient b = user("bob");
        VcmiLobbyClient c = user("carol");
        a.send("<MSG>@bob psst");
        for (VcmiLobbyClient x : new VcmiLobbyClient[] {a, b, c}) {
            assertThat(x.expect(":>>MSGCH:alice:global:@bob psst")).isEqualTo(":>>MSGCH:alice:global:@bob psst");
        }
    }
}
