package io.gatehouse.server.vcmi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.client.vcmi.VcmiLobbyClient;
import org.junit.jupiter.api.Test;

/** A lobby client that stops reading is closed once max_outbound_bytes are queued to it; the lobby goes on. */
class VcmiSlowConsumerTest extends VcmiLobbyFixture {

    @Override
    protected String vcmiConfig() {
        return "  max_outbound_bytes: 65536\n";
    }

    @Test
    void clientThatDoesNotReadIsClosed() throws InterruptedException {
        VcmiLobbyClient other = user("other");
        VcmiLobbyClient slow = user("slow");
        slow.reading(false);
        String burst = "<HERE>".repeat(1000);
        // bounded: at most 400,000 answers of 23 bytes, far past socket buffers and the 64 KiB limit
        for (int i = 0; i < 400 && slow.isOpen(); i++) {
            slow.send(burst);
        }
        // not a byte read by the slow client until the lobby has told the others it left
        left(slow);
        assertThat(other.takeThrough(users())).endsWith(users());
        slow.reading(true);
        assertThat(slow.awaitClosed()).isTrue();
        other.send("<HERE>");
        assertThat(other.expect(users())).isEqualTo(users());
    }
}
