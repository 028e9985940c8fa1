package io.gatehouse.vcmi.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.vcmi.VcmiConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the lobby runs the commands of one packet (docs/protocol/vcmi.md section 5): the text
 * after each command is re-read in the client's encoding, as the original does, but neither
 * the number of commands nor the growth of that text is unbounded.
 */
class VcmiLobbyDispatchTest {

    private static final Charset CP1251 = Charset.forName("windows-1251");

    private static VcmiConfig config(int maxPacketBytes) {
        VcmiConfig d = VcmiConfig.defaults();
        return new VcmiConfig(true, d.bind(), d.capacity(), d.healthcheck(), d.sessionGrace(), d.messageTargets(),
                maxPacketBytes, d.maxPendingBytes(), d.maxOutboundBytes(), d.admission(), d.splice());
    }

    private static byte[] hello(int protocol, String encoding, String commands, Charset charset) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(protocol);
        b.write(encoding.length());
        b.writeBytes(encoding.getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(commands.getBytes(charset));
        return b.toByteArray();
    }

    /**
     * Found while reading the dispatch loop for the lobby fuzz target: each re-reading of a cp1251 client's text
     * turns a non-ASCII character into two or more, so some forty short commands after one such
     * character grew the text past any heap (the original dies of it too, with MemoryError).
     */
    @Test
    void aPacketWhoseTextGrowsAsItIsReReadDropsTheClientInsteadOfTheHeap() {
        LobbyHarness h = new LobbyHarness(config(4096));
        LobbyHarness.Conn bob = h.connect();
        bob.packet(hello(5, "cp1251", "<GREETINGS>bob" + "<VER>1".repeat(60) + "й", CP1251));
        assertThat(bob.closed()).isTrue();
        assertThat(h.faults("bad_command")).isEqualTo(1);
        assertThat(h.lobby.senders).doesNotContain(bob.client);
    }

    @Test
    void aCp1251ClientsAsciiCommandsAreNotReReadAndRunAsSent() {
        LobbyHarness h = new LobbyHarness(config(4096));
        LobbyHarness.Conn ann = h.connect();
        ann.packet(hello(5, "cp1251", "<GREETINGS>ann" + "<VER>1".repeat(500) + "<MSG>hello", CP1251));
        assertThat(ann.closed()).isFalse();
        List<byte[]> replies = ann.replies();
        assertThat(new String(replies.get(replies.size() - 1), CP1251)).isEqualTo(":>>MSGCH:ann:global:hello");
        // The first command of a packet is read once, as sent.
        ann.packet("<MSG>привет".getBytes(CP1251));
        assertThat(ann.replies()).singleElement().satisfies(r -> assertThat(new String(r, CP1251)).isEqualTo(":>>MSGCH:ann:global:привет"));
    }

    @Test
    void aNonAsciiCharacterBeforeTheLastCommandIsGarbledAsTheOriginalGarblesIt() {
        LobbyHarness h = new LobbyHarness(config(4096));
        LobbyHarness.Conn ann = h.connect();
        ann.packet(hello(5, "cp1251", "<GREETINGS>ann<VER>й<MSG>hi", CP1251));
        ann.replies();
        ann.packet("<HERE>".getBytes(StandardCharsets.US_ASCII));
        assertThat(ann.closed()).isFalse();
        // VER's value was re-read once after GREETINGS: "й" is D0 B9 in UTF-8, "Р№" in cp1251.
        assertThat(ann.client.vcmiVersion).isEqualTo("Р№");
    }

    @Test
    void aThousandCommandsInOnePacketRunAndOneMoreDropsTheClient() {
        LobbyHarness h = new LobbyHarness(config(64 * 1024));
        LobbyHarness.Conn many = h.connect();
        many.packet(hello(5, "", "<GREETINGS>many" + "<VER>1".repeat(VcmiLobby.MAX_COMMANDS_PER_PACKET - 2) + "<VER>last",
                StandardCharsets.UTF_8));
        assertThat(many.closed()).isFalse();
        assertThat(many.client.vcmiVersion).isEqualTo("last");
        LobbyHarness.Conn tooMany = h.connect();
        tooMany.packet(hello(5, "", "<GREETINGS>toomany" + "<VER>1".repeat(VcmiLobby.MAX_COMMANDS_PER_PACKET), StandardCharsets.UTF_8));
        assertThat(tooMany.closed()).isTrue();
        assertThat(h.faults("bad_command")).isEqualTo(1);
    }
}
