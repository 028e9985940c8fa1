package io.gatehouse.server.vcmi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.client.vcmi.VcmiLobbyClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Lobby handshake (section 3) and GREETINGS (section 5). */
class VcmiGreetingTest extends VcmiLobbyFixture {

    private void refusedAtHandshake(byte[] packet, String error) throws InterruptedException {
        VcmiLobbyClient c = connect();
        c.sendPacket(packet);
        assertThat(c.expect(":>>ERROR:" + error)).isEqualTo(":>>ERROR:" + error);
        assertThat(c.awaitClosed()).as("closed after the error").isTrue();
    }

    @Test
    void handshakeErrorsAnswerThenClose() throws InterruptedException {
        refusedAtHandshake(new byte[] {5}, "Too short username");
        refusedAtHandshake(new byte[] {6, 0, '<'}, "Cannot connect to remote server due to protocol incompatibility");
        refusedAtHandshake(new byte[] {0, 0, '<'}, "Cannot connect to remote server due to protocol incompatibility");
        refusedAtHandshake(new byte[] {5, 9, 'u', 't', 'f'}, "Protocol error or incorrect encoding");
        refusedAtHandshake(new byte[] {5, 4, 'n', 'o', 'p', 'e'}, "Protocol error or incorrect encoding");
    }

    @Test
    void everyGreetingErrorAndTheRulesBehindThem() throws InterruptedException {
        user("alice");
        VcmiLobbyClient c = connect();
        String[][] cases = {
            {"ab", "Too short username ab"},
            {"System", "Username System is reserved by system"},
            {"all", "Username all is reserved by system"},
            {"room", "Username room is reserved by system"},
            {"bad name", "Invalid username"},
            {"semi;colon", "Invalid username"},
            {"alice", "Can't connect with the name alice. This login is already occpupied"},
        };
        for (String[] k : cases) {
            c.hello(5, "", "<GREETINGS>" + k[0]);
            assertThat(c.expect(":>>ERROR:" + k[1])).isEqualTo(":>>ERROR:" + k[1]);
        }
        assertThat(c.isOpen()).as("a refused name may be tried again").isTrue();
    }

    @Test
    void onlyTheFirstPacketIsTheHandshakeAndLaterOnesAreCommands() throws InterruptedException {
        VcmiLobbyClient a = user("alice");
        VcmiLobbyClient c = connect();
        c.sendPacket(new byte[] {3, 0});
        c.send("<GREETINGS>alice");
        expect(c, ":>>ERROR:Can't connect with the name alice. This login is already occpupied");
        c.send("<GREETINGS>carol<VER>1.0");
        expect(a, ":>>USERS:2:alice:carol");
        expect(c, ":>>SESSIONS:0:>>MSG:System:Here available 1 users, currently playing 0\n Send <HERE> to see people names in the chat");
        assertThat(c.isOpen()).as("still the protocol-3 user of the first packet").isTrue();
    }

    @Test
    void aZeroLengthPacketClosesTheConnectionAsTheOriginalReadsItAsTheEnd() throws InterruptedException {
        VcmiLobbyClient a = user("alice");
        VcmiLobbyClient b = user("bob");
        b.sendPacket(new byte[0]);
        assertThat(b.awaitClosed()).isTrue();
        left(b);
        expect(a, ":>>USERS:1:alice");
        VcmiLobbyClient first = connect();
        first.sendPacket(new byte[0]);
        assertThat(first.awaitClosed()).as("closed with no reply").isTrue();
        assertThat(first.available()).isZero();
    }

    @Test
    void aPipeCountsAsPlayingFromItsFirstPacket() throws InterruptedException {
        VcmiLobbyClient pipe = connect();
        pipe.sendPacket("Aiya!\n".getBytes(StandardCharsets.US_ASCII));
        String playing = "";
        for (int i = 0; i < 50 && !playing.equals("1"); i++) {
            VcmiLobbyClient c = connect();
            c.hello(5, "", "<GREETINGS>player" + i);
            c.takeThrough("currently playing ");
            playing = new String(c.take(1), StandardCharsets.US_ASCII);
            c.close();
        }
        assertThat(playing).as("a pipe that has sent only Aiya! counts, as in the original").isEqualTo("1");
    }

    @Test
    void namesAreMadeOfPythonsWordCharacters() throws InterruptedException {
        VcmiLobbyClient c = connect();
        for (String name : new String[] {"bobe\u0301", "x\u203fy", "zw\u200dj"}) {
            c.hello(5, "", "<GREETINGS>" + name);
            expect(c, ":>>ERROR:Invalid username");
        }
        c.hello(5, "", "<GREETINGS>bob\u00bd");
        assertThat(c.takeThrough("currently playing 0")).startsWith(":>>USERS:1:bob\u00bd");
    }

    @Test
    void malformedUtf8IsReplacedAsPythonReplacesIt() throws InterruptedException {
        VcmiLobbyClient a = user("alice");
        a.sendPacket(new byte[] {'<', 'M', 'S', 'G', '>', (byte) 0xED, (byte) 0xA0, (byte) 0x80});
        expect(a, ":>>MSGCH:alice:global:\ufffd\ufffd\ufffd");
    }

    @Test
    void aUtf16ClientIsReadLittleEndianAndAnsweredWithABomPerMessage() throws InterruptedException {
        VcmiLobbyClient c = connect();
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        first.writeBytes(new byte[] {5, 6});
        first.writeBytes("utf-16".getBytes(StandardCharsets.US_ASCII));
        first.writeBytes("<GREETINGS>ursula".getBytes(StandardCharsets.UTF_16LE));
        c.sendPacket(first.toByteArray());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (String line : new String[] {":>>USERS:1:ursula", ":>>SESSIONS:0", ":>>USERS:1:ursula",
            ":>>MSG:System:Here available 0 users, currently playing 0"}) {
            expected.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE});
            expected.writeBytes(line.getBytes(StandardCharsets.UTF_16LE));
        }
        assertThat(c.take(expected.size())).isEqualTo(expected.toByteArray());
    }

    @Test
    void greetingTwiceIsAnError() throws InterruptedException {
        VcmiLobbyClient a = user("alice");
        a.send("<GREETINGS>alice2");
        assertThat(a.expect(":>>ERROR:User already authorized")).isEqualTo(":>>ERROR:User already authorized");
    }

    @Test
    void anErrorStopsTheRestOfThePacket() throws InterruptedException {
        VcmiLobbyClient a = user("alice");
        a.send("<NEW>ab<NEW>castle");
        assertThat(a.expect(":>>ERROR:Cannot create session with invalid name ab"))
                .isEqualTo(":>>ERROR:Cannot create session with invalid name ab");
        a.send("<ROOT>rooms");
        assertThat(a.expect(":>>MSG:System:0")).as("castle was never created").isEqualTo(":>>MSG:System:0");
    }

    @Test
    void oldProtocolsHearArrivalsAsChat() throws InterruptedException {
        VcmiLobbyClient old = connect();
        old.hello(3, "", "<GREETINGS>oldie<VER>1.0");
        String expected = ":>>SESSIONS:0:>>MSG:System:Here available 0 users, currently playing 0\n Send <HERE> to see people names in the chat";
        assertThat(old.expect(expected)).isEqualTo(expected);
        VcmiLobbyClient fresh = connect();
        fresh.greet("newbie", "1.5.0");
        assertThat(old.expect(":>>MSG:System:newbie is here")).isEqualTo(":>>MSG:System:newbie is here");
        String f = ":>>USERS:2:oldie:newbie:>>SESSIONS:0:>>USERS:2:oldie:newbie:>>MSG:System:Here available 1 users, currently playing 0";
        assertThat(fresh.expect(f)).isEqualTo(f);
    }

    @Test
    void ungreetedConnectionsAreNotListedButStillHearTheList() throws InterruptedException {
        VcmiLobbyClient lurker = connect();
        lurker.hello(5, "", "<GREETINGS>x");
        lurker.expect(":>>ERROR:Too short username x");
        VcmiLobbyClient a = connect();
        a.greet("alice", "1.5.0");
        assertThat(lurker.expect(":>>USERS:1:alice")).isEqualTo(":>>USERS:1:alice");
    }

    @Test
    void repliesUseTheClientsEncoding() throws InterruptedException {
        VcmiLobbyClient c = connect();
        Charset cp1251 = Charset.forName("windows-1251");
        c.hello(5, "cp1251", "<GREETINGS>Иван<VER>1.5.0");
        String expected = ":>>USERS:1:Иван:>>SESSIONS:0:>>USERS:1:Иван:>>MSG:System:Here available 0 users, currently playing 0";
        assertThat(new String(c.take(expected.getBytes(cp1251).length), cp1251)).isEqualTo(expected);
    }
}
