package io.gatehouse.server.vcmi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.client.vcmi.VcmiLobbyClient;
import org.junit.jupiter.api.Test;

/** Rooms (section 5): creating, joining, passwords, leaving, kicking, hosts going, starting. */
class VcmiRoomTest extends VcmiLobbyFixture {

    @Test
    void roomErrors() throws InterruptedException {
        VcmiLobbyClient a = user("alice");
        VcmiLobbyClient b = user("bob");
        room(a, "castle", 2, "secret");

        b.send("<NEW>castle");
        expect(b, ":>>ERROR:Cannot create session with name castle, session with this name already exists");
        b.send("<NEW> spaced");
        expect(b, ":>>ERROR:Cannot create session with invalid name  spaced");
        b.send("<JOIN>nowhere");
        expect(b, ":>>ERROR:Room with name nowhere doesn't exist");
        b.send("<JOIN>castle<PSWD>wrong");
        expect(b, ":>>ERROR:Incorrect password");

        a.send("<COUNT>3");
        expect(a, ":>>ERROR:Changing amount of players is not possible for existing session");

        b.send("<JOIN>castle<PSWD>secret");
        String joined = ":>>JOIN:castle:bob:>>STATUS:2:alice:False:bob:False:>>SESSIONS:1:castle:2:2:True";
        expect(a, joined);
        expect(b, joined + ":>>GAMEMODE:0");

        VcmiLobbyClient c = user("carol");
        c.send("<JOIN>castle");
        expect(c, ":>>ERROR:Room castle is full");

        b.send("<HOSTMODE>1");
        expect(b, ":>>ERROR:Insuficcient permissions");
        b.send("<KICK>alice");
        expect(b, ":>>ERROR:Insuficcient permissions");
        b.send("<FORCESTART>castle");
        expect(b, ":>>ERROR:Insuficcient permissions");
        a.send("<HOSTMODE>1");
        expect(a, ":>>GAMEMODE:1");
        expect(b, ":>>GAMEMODE:1");
    }

    @Test
    void twoHostsRoomsAreListedInCreationOrder() throws InterruptedException {
        VcmiLobbyClient a = user("alice");
        VcmiLobbyClient b = user("bob");
        VcmiLobbyClient c = user("carol");
        room(a, "first", 2, "");
        room(b, "second", 3, "pw");
        c.send("<JOIN>second<PSWD>pw");
        String both = ":>>SESSIONS:2:first:1:2:False:second:2:3:True";
        expect(a, both);
        expect(b, ":>>JOIN:second:carol:>>STATUS:2:bob:False:carol:False" + both);
        expect(c, ":>>JOIN:second:carol:>>STATUS:2:bob:False:carol:False" + both + ":>>GAMEMODE:0");
        a.send("<LEAVE>first");
        expect(a, ":>>KICK:first:alice:>>SESSIONS:1:second:2:3:True");
        expect(b, ":>>SESSIONS:1:second:2:3:True");
        expect(c, ":>>SESSIONS:1:second:2:3:True");
    }

    @Test
    void invalidPlayerCountDestroysTheRoom() throws InterruptedException {
        VcmiLobbyClient a = user("alice");
        a.send("<NEW>castle<COUNT>9");
        expect(a, ":>>KICK:castle:alice:>>ERROR:Cannot create room with invalid amount of players");
        a.send("<NEW>castle<COUNT>many");
        expect(a, ":>>KICK:castle:alice:>>ERROR:Cannot create room with invalid amount of players");
        a.send("<NEW>castle<COUNT>2");
        expect(a, ":>>CREATED:castle");
    }

    @Test
    void leavingKickingAndHostLeaving() throws InterruptedException {
        VcmiLobbyClient a = user("alice");
        VcmiLobbyClient b = user("bob");
        VcmiLobbyClient c = user("carol");
        room(a, "keep", 3, "");
        b.send("<JOIN>keep<PSWD>");
        expect(a, ":>>JOIN:keep:bob:>>STATUS:2:alice:False:bob:False:>>SESSIONS:1:keep:2:3:False");
        expect(b, ":>>JOIN:keep:bob:>>STATUS:2:alice:False:bob:False:>>SESSIONS:1:keep:2:3:False:>>GAMEMODE:0");
        expect(c, ":>>SESSIONS:1:keep:2:3:False");

        b.send("<READY>keep");
        expect(a, ":>>STATUS:2:alice:False:bob:True");
        expect(b, ":>>STATUS:2:alice:False:bob:True");
        b.send("<LEAVE>keep");
        expect(a, ":>>KICK:keep:bob:>>STATUS:1:alice:False:>>SESSIONS:1:keep:1:3:False");
        expect(b, ":>>KICK:keep:bob:>>SESSIONS:1:keep:1:3:False");
        expect(c, ":>>SESSIONS:1:keep:1:3:False");

        c.send("<JOIN>keep<PSWD>");
        expect(a, ":>>JOIN:keep:carol:>>STATUS:2:alice:False:carol:False:>>SESSIONS:1:keep:2:3:False");
        expect(b, ":>>SESSIONS:1:keep:2:3:False");
        expect(c, ":>>JOIN:keep:carol:>>STATUS:2:alice:False:carol:False:>>SESSIONS:1:keep:2:3:False:>>GAMEMODE:0");
        a.send("<KICK>carol");
        expect(a, ":>>KICK:keep:carol:>>STATUS:1:alice:False:>>SESSIONS:1:keep:1:3:False");
        expect(c, ":>>KICK:keep:carol:>>SESSIONS:1:keep:1:3:False");
        expect(b, ":>>SESSIONS:1:keep:1:3:False");

        b.send("<JOIN>keep<PSWD>");
        expect(a, ":>>JOIN:keep:bob:>>STATUS:2:alice:False:bob:False:>>SESSIONS:1:keep:2:3:False");
        expect(b, ":>>JOIN:keep:bob:>>STATUS:2:alice:False:bob:False:>>SESSIONS:1:keep:2:3:False:>>GAMEMODE:0");
        expect(c, ":>>SESSIONS:1:keep:2:3:False");
        a.send("<LEAVE>keep");
        expect(a, ":>>KICK:keep:alice:>>SESSIONS:0");
        expect(b, ":>>KICK:keep:bob:>>SESSIONS:0");
        expect(c, ":>>SESSIONS:0");
    }

    @Test
    void hostDisconnectingDestroysTheRoomAndPlayerDisconnectingLeavesIt() throws InterruptedException {
        VcmiLobbyClient a = user("alice");
        VcmiLobbyClient b = user("bob");
        VcmiLobbyClient c = user("carol");
        room(a, "keep", 3, "");
        b.send("<JOIN>keep<PSWD>");
        expect(a, ":>>JOIN:keep:bob:>>STATUS:2:alice:False:bob:False:>>SESSIONS:1:keep:2:3:False");
        b.takeThrough(":>>GAMEMODE:0");
        expect(c, ":>>SESSIONS:1:keep:2:3:False");

        b.close();
        left(b);
        expect(a, ":>>KICK:keep:bob:>>STATUS:1:alice:False:>>SESSIONS:1:keep:1:3:False:>>USERS:2:alice:carol");
        expect(c, ":>>SESSIONS:1:keep:1:3:False:>>USERS:2:alice:carol");

        a.close();
        left(a);
        expect(c, ":>>SESSIONS:0:>>USERS:1:carol");
    }

    @Test
    void aCommandAboutARoomThatIsGoneClosesTheConnectionAsInTheOriginal() throws InterruptedException {
        VcmiLobbyClient a = user("alice");
        String[] commands = {"<LEAVE>castle", "<READY>castle", "<HOSTMODE>1", "<KICK>alice", "<COUNT>3",
            "<FORCESTART>castle", "<PSWD>", "<CHANNEL>room<MSG>hi"};
        for (int i = 0; i < commands.length; i++) {
            VcmiLobbyClient b = user("bob" + i);
            room(a, "castle", 2, "");
            b.send("<JOIN>castle<HERE>");
            expect(b, users());
            a.send("<LEAVE>castle");
            expect(a, ":>>KICK:castle:alice:>>SESSIONS:0");
            expect(b, ":>>SESSIONS:0");
            b.send(commands[i]);
            if (commands[i].startsWith("<CHANNEL>")) {
                expect(b, ":>>CHANNEL:room");
            }
            assertThat(b.awaitClosed()).as(commands[i]).isTrue();
            left(b);
            expect(a, users());
        }
    }

    @Test
    void numbersAreReadAsPythonsIntReadsThem() throws InterruptedException {
        VcmiLobbyClient a = user("alice");
        a.send("<NEW>castle<PSWD><COUNT>\u0663");
        assertThat(a.takeThrough("You are in the room chat.")).contains(":>>SESSIONS:1:castle:1:3:False");
        a.send("<HOSTMODE>1234567890");
        expect(a, ":>>GAMEMODE:1234567890");
        a.send("<HOSTMODE>99999999999999999999999");
        expect(a, ":>>GAMEMODE:99999999999999999999999");
        a.send("<HOSTMODE> 0_1 ");
        expect(a, ":>>GAMEMODE:1");
    }

    @Test
    void forceStartAndTheOldProtocolsHostReadyStart() throws InterruptedException {
        VcmiLobbyClient a = user("alice", 2, "1.0");
        VcmiLobbyClient b = user("bob", 2, "1.1");
        room(a, "old", 2, "");
        b.send("<JOIN>old<PSWD>");
        expect(a, ":>>JOIN:old:bob:>>STATUS:2:alice:False:bob:False:>>SESSIONS:1:old:2:2:False");
        expect(b, ":>>JOIN:old:bob:>>STATUS:2:alice:False:bob:False:>>SESSIONS:1:old:2:2:False"
                + ":>>MSG:System:You are in the room chat."
                + ":>>MSG:System:Your VCMI version 1.1 differs from host version 1.0, which may cause problems");
        a.send("<READY>old");
        expect(a, ":>>STATUS:2:alice:True:bob:False");
        expect(b, ":>>STATUS:2:alice:True:bob:False");
        assertThat(a.takeThrough(":>>START:")).startsWith(":>>HOST:").contains(":1:>>START:");
        assertThat(b.takeThrough(":>>START:")).isEqualTo(":>>START:");
        assertThat(a.awaitClosed()).isTrue();
        assertThat(b.awaitClosed()).isTrue();
        left(a);
        left(b);

        VcmiLobbyClient h = user("host3", 3, "1.2");
        VcmiLobbyClient p = user("plyr3", 3, "1.2");
        room(h, "forced", 4, "");
        p.send("<JOIN>forced<PSWD>");
        h.takeThrough(":>>SESSIONS:1:forced:2:4:False");
        p.takeThrough("You are in the room chat.");
        h.send("<FORCESTART>forced");
        assertThat(h.takeThrough(":>>START:")).contains(":1:>>START:");
        assertThat(p.takeThrough(":>>START:")).isEqualTo(":>>START:");
        assertThat(h.awaitClosed()).isTrue();
    }

    @Test
    void modsAreMergedFromTheHostAndToldToTheHost() throws InterruptedException {
        VcmiLobbyClient a = user("alice");
        VcmiLobbyClient b = user("bob");
        room(a, "modded", 2, "");
        a.send("<MODS>hota&1.7;wog&0.9");
        expect(a, ":>>MODS:2:hota:1.7:wog:0.9:>>MODSOTHER:alice:2:hota:1.7:wog:0.9");
        b.send("<JOIN>modded<PSWD>");
        a.takeThrough(":>>SESSIONS:1:modded:2:2:False");
        b.takeThrough(":>>GAMEMODE:0");
        b.send("<MODS>hota&1.6");
        expect(b, ":>>MODS:2:hota:1.7:wog:0.9");
        expect(a, ":>>MODSOTHER:bob:1:hota:1.6");
        b.send("<MODS>");
        expect(b, ":>>MODS:2:hota:1.7:wog:0.9");
        expect(a, ":>>MODSOTHER:bob:1:");
    }
}
