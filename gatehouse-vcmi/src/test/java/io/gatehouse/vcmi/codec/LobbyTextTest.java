package io.gatehouse.vcmi.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The lobby handshake and command splitting of sections 3 and 5. */
class LobbyTextTest {

    @Test
    void commandsSplitAtEachOpeningBracket() {
        String text = "\u0005\u0004utf8<GREETINGS>alice<VER>1.5.0";
        var c = LobbyCommands.next(text);
        assertThat(c.tag()).isEqualTo("GREETINGS");
        assertThat(c.value()).isEqualTo("alice");
        assertThat(text.substring(c.end())).isEqualTo("<VER>1.5.0");
        var d = LobbyCommands.next(text, c.end());
        assertThat(d.tag()).isEqualTo("VER");
        assertThat(d.value()).isEqualTo("1.5.0");
        assertThat(d.end()).isEqualTo(text.length());
        assertThat(LobbyCommands.next(text, d.end())).as("nothing after the last command").isNull();
        assertThat(LobbyCommands.next("<PSWD>").value()).isEmpty();
        assertThat(LobbyCommands.next("<MSG>a > b").value()).isEqualTo("a > b");
    }

    @Test
    void malformedTextHasNoCommand() {
        assertThat(LobbyCommands.next("no brackets")).isNull();
        assertThat(LobbyCommands.next("text<")).isNull();
        assertThat(LobbyCommands.next("<>value")).isNull();
        assertThat(LobbyCommands.next("<TAG without end")).isNull();
    }

    @Test
    void handshakeReadsVersionAndEncoding() {
        var r = LobbyHandshake.read(new byte[] {5, 0, '<'});
        assertThat(r.ok()).isTrue();
        assertThat(r.protocol()).isEqualTo(5);
        assertThat(r.encoding().charset()).isEqualTo(StandardCharsets.UTF_8);
        var cp = LobbyHandshake.read(new byte[] {4, 6, 'c', 'p', '1', '2', '5', '1'});
        assertThat(cp.encoding().charset().name()).isEqualTo("windows-1251");
        assertThat(LobbyHandshake.read(new byte[] {1, 4, 'u', 't', 'f', '8'}).encoding().charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    /**
     * Found probing every Java charset for the lobby fuzz target: a decode-only charset made each
     * reply throw on the lobby's thread, and one without ASCII letters made replies unreadable.
     */
    @Test
    void anEncodingRepliesCannotBeWrittenInIsRefused() {
        for (String name : new String[] {"ISO-2022-CN", "x-JISAutoDetect", "x-MacDingbat"}) {
            byte[] packet = new byte[2 + name.length()];
            packet[0] = 5;
            packet[1] = (byte) name.length();
            System.arraycopy(name.getBytes(StandardCharsets.US_ASCII), 0, packet, 2, name.length());
            assertThat(answer(packet)).as(name).isEqualTo(":>>ERROR:Protocol error or incorrect encoding");
        }
        assertThat(LobbyHandshake.read(new byte[] {5, 6, 'i', 'b', 'm', '0', '3', '7'}).ok()).as("EBCDIC writes the replies").isTrue();
    }

    @Test
    void handshakeErrorsAreTheOriginalsTexts() {
        assertThat(answer(new byte[] {5})).isEqualTo(":>>ERROR:Too short username");
        assertThat(answer(new byte[] {6, 0})).isEqualTo(":>>ERROR:Cannot connect to remote server due to protocol incompatibility");
        assertThat(answer(new byte[] {5, 3, 'a'})).isEqualTo(":>>ERROR:Protocol error or incorrect encoding");
    }

    /** The ERROR line that answers a first packet read as a handshake. */
    private static String answer(byte[] packet) {
        LobbyHandshake.Result r = LobbyHandshake.read(packet);
        assertThat(r.ok()).as("the handshake is refused").isFalse();
        return LobbyReplyEncoder.text(r.error().reply());
    }
}
