package io.gatehouse.server.vcmi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.client.vcmi.VcmiLobbyClient;
import org.junit.jupiter.api.Test;

/** MSG, CHANNEL, message targets, HERE and ROOT (section 5). */
class VcmiChatTest extends VcmiLobbyFixture {

    @Test
    void globalChatReachesEveryoneInTheSendersProtocolForm() throws InterruptedException {
        VcmiLobbyClient a = user("alice");
        VcmiLobbyClient b = user("bob", 4, "1.5.0");
        a.send("<MSG>hello all");
        expect(a, ":>>MSGCH:alice:global:hello all");
        expect(b, ":>>MSGCH:alice:global:hello all");
        b.send("<MSG>hi");
        expect(a, ":>>MSG:bob:hi");
        expect(b, ":>>MSG:bob:hi");
    }

    @Test
    void roomChannelTalksToTheRoom() throws InterruptedException {
        VcmiLobbyClient a = user("alice");
        VcmiLobbyClient b = user("bob");
        VcmiLobbyClient c = user("carol");
        room(a, "den", 2, "");
        b.send("<JOIN>den<PSWD>");
        a.takeThrough(":>>SESSIONS:1:den:2:2:False");
        b.takeThrough(":>>GAMEMODE:0");
        c.takeThrough(":>>SESSIONS:1:den:2:2:False");

        a.send("<CHANNEL>room");
        expect(a, ":>>CHANNEL:room");
        a.send("<CHANNEL>room<MSG>not sent");
        a.send("<CHANNEL>nowhere");
        expect(a, ":>>ERROR:Cannot create session with name nowhere, session with this name already exists");
        a.send("<MSG>room only");
        expect(a, ":>>MSGCH:alice:room:room only");
        expect(b, ":>>MSGCH:alice:room:room only");
        c.send("<MSG>ping");
        expect(a, ":>>MSGCH:carol:global:ping");
        expect(b, ":>>MSGCH:carol:global:ping");
        expect(c, ":>>MSGCH:carol:global:ping");
    }

    @Test
    void directAndAllTargets() throws InterruptedException {
        VcmiLobbyClient a = user("alice");
        VcmiLobbyClient b = user("bob");
        VcmiLobbyClient c = user("carol");
        a.send("<MSG>@bob psst");
        expect(b, ":>>MSGCH:alice:global:psst");
        expect(a, ":>>MSGCH:alice:global:psst");
        a.send("<MSG>@all everyone");
        expect(a, ":>>MSGCH:alice:global:everyone");
        expect(b, ":>>MSGCH:alice:global:everyone");
        expect(c, ":>>MSGCH:alice:global:everyone");
        assertThat(c.available()).as("carol did not get the whisper").isZero();
    }

    @Test
    void hereAndRoot() throws InterruptedException {
        VcmiLobbyClient old = user("oldie", 3, "1.0");
        VcmiLobbyClient a = user("alice");
        old.send("<HERE>");
        expect(old, ":>>MSG:System:People in lobby\noldie\nalice");
        a.send("<HERE>");
        expect(a, ":>>USERS:2:oldie:alice");
        a.send("<ROOT>users<ROOT>logins<ROOT>rooms<ROOT>sessions<ROOT>uniques<ROOT>clients<ROOT>nothing<ROOT>connections");
        expect(a, ":>>MSG:System:2:>>MSG:System:2:>>MSG:System:0:>>MSG:System:0:>>MSG:System:1:>>MSG:System:0:>>MSG:System:0");
    }
}
