package io.gatehouse.server.vcmi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.client.vcmi.VcmiLobbyClient;
import io.gatehouse.server.TestServer;
import org.junit.jupiter.api.Test;

/** Stopping the server tells greeted lobby users before their sockets close. */
class VcmiShutdownTest {

    @Test
    void greetedUsersHearTheShutdown() throws InterruptedException {
        TestServer server = TestServer.start();
        VcmiLobbyClient user = VcmiLobbyClient.connect(server.vcmi());
        user.greet("leaving", "1.5.0");
        user.takeThrough("currently playing 0");
        VcmiLobbyClient silent = VcmiLobbyClient.connect(server.vcmi());
        server.close();
        assertThat(user.expect(":>>ERROR:Server is shutting down")).isEqualTo(":>>ERROR:Server is shutting down");
        assertThat(user.awaitClosed()).isTrue();
        assertThat(silent.awaitClosed()).isTrue();
        assertThat(silent.available()).as("not greeted, nothing said").isZero();
    }
}
