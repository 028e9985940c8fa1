package io.gatehouse.server.vcmi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.client.vcmi.VcmiLobbyClient;
import io.gatehouse.server.ServerTestBase;
import org.junit.jupiter.api.Test;

/** The test transcript of docs/protocol/vcmi.md section 9, byte for byte. */
class VcmiTranscriptTest extends ServerTestBase {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void twoPlayersMeetReadyAndStart() throws Exception {
        try (VcmiLobbyClient alice = VcmiLobbyClient.connect(server.vcmi());
             VcmiLobbyClient bob = VcmiLobbyClient.connect(server.vcmi())) {
            alice.greet("alice", "1.5.0");
            String a1 = ":>>USERS:1:alice:>>SESSIONS:0:>>USERS:1:alice:>>MSG:System:Here available 0 users, currently playing 0";
            assertThat(alice.expect(a1)).isEqualTo(a1);

            bob.greet("bob", "1.5.0");
            assertThat(alice.expect(":>>USERS:2:alice:bob")).isEqualTo(":>>USERS:2:alice:bob");
            String b1 = ":>>USERS:2:alice:bob:>>SESSIONS:0:>>USERS:2:alice:bob:>>MSG:System:Here available 1 users, currently playing 0";
            assertThat(bob.expect(b1)).isEqualTo(b1);

            alice.send("<NEW>castle<PSWD><COUNT>2");
            String a2 = ":>>CREATED:castle:>>JOIN:castle:alice:>>STATUS:1:alice:False:>>SESSIONS:1:castle:1:2:False"
                    + ":>>MSG:System:You are in the room chat.";
            assertThat(alice.expect(a2)).isEqualTo(a2);
            assertThat(bob.expect(":>>SESSIONS:1:castle:1:2:False")).isEqualTo(":>>SESSIONS:1:castle:1:2:False");

            bob.send("<JOIN>castle<PSWD>");
            String joined = ":>>JOIN:castle:bob:>>STATUS:2:alice:False:bob:False:>>SESSIONS:1:castle:2:2:False";
            assertThat(alice.expect(joined)).isEqualTo(joined);
            assertThat(bob.expect(joined + ":>>GAMEMODE:0")).isEqualTo(joined + ":>>GAMEMODE:0");

            alice.send("<READY>castle");
            String s1 = ":>>STATUS:2:alice:True:bob:False";
            assertThat(alice.expect(s1)).isEqualTo(s1);
            assertThat(bob.expect(s1)).isEqualTo(s1);

            bob.send("<READY>castle");
            String s2 = ":>>STATUS:2:alice:True:bob:True";
            assertThat(alice.expect(s2)).isEqualTo(s2);
            assertThat(bob.expect(s2)).isEqualTo(s2);
            String host = alice.expect(":>>HOST:" + "x".repeat(36) + ":1:>>START:" + "y".repeat(36));
            assertThat(host).matches(":>>HOST:" + UUID + ":1:>>START:" + UUID);
            assertThat(bob.expect(":>>START:" + "z".repeat(36))).matches(":>>START:" + UUID);
            assertThat(alice.awaitClosed()).isTrue();
            assertThat(bob.awaitClosed()).isTrue();
            assertThat(alice.available()).isZero();
            assertThat(bob.available()).isZero();
        }
    }
}
