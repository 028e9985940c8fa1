package io.gatehouse.server.vcmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.client.vcmi.VcmiLobbyClient;
import io.gatehouse.client.vcmi.VcmiPipeClient;
import io.gatehouse.vcmi.VcmiFront;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Capacity (section 8), health check (section 7), statistics and session grace. */
class VcmiOperationsTest extends VcmiLobbyFixture {

    @Override
    protected String vcmiConfig() {
        return "  capacity: 3\n";
    }

    @Test
    void connectionsBeyondCapacityAreRefused() throws InterruptedException {
        user("one");
        user("two");
        user("three");
        VcmiLobbyClient fourth = connect();
        assertThat(fourth.expect(":>>ERROR:Server is full")).isEqualTo(":>>ERROR:Server is full");
        assertThat(fourth.awaitClosed()).isTrue();
    }

    @Test
    void silentProtocol4ClientsAreAskedThenDropped() throws InterruptedException {
        VcmiLobbyClient quiet = user("quiet");
        VcmiLobbyClient alive = user("alive");
        VcmiLobbyClient old = user("old", 3, "1.0");
        server.clock.advance(Duration.ofSeconds(30));
        assertThat(quiet.expect(":>>HEALTH:")).isEqualTo(":>>HEALTH:");
        assertThat(alive.expect(":>>HEALTH:")).isEqualTo(":>>HEALTH:");
        alive.send("<ALIVE>");
        await().untilAsserted(() -> {
            alive.send("<HERE>");
            assertThat(alive.takeThrough(":>>USERS:3:quiet:alive:old")).isNotEmpty();
        });
        server.clock.advance(Duration.ofSeconds(30));
        assertThat(quiet.expect(":>>HEALTH:")).isEqualTo(":>>HEALTH:");
        assertThat(quiet.awaitClosed()).as("dropped after two periods").isTrue();
        left(quiet);
        // an answering client is asked again every period, and stays
        assertThat(alive.expect(":>>HEALTH::>>USERS:2:alive:old")).isEqualTo(":>>HEALTH::>>USERS:2:alive:old");
        assertThat(alive.isOpen()).isTrue();
        assertThat(old.isOpen()).as("protocol 3 has no health check").isTrue();
        assertThat(old.available()).isZero();
    }

    @Test
    void rootNumbersAreTheMetricsNumbers() throws Exception {
        VcmiLobbyClient a = user("alice");
        room(a, "stats", 2, "");
        a.send("<ROOT>logins<ROOT>rooms<ROOT>users");
        assertThat(a.expect(":>>MSG:System:1:>>MSG:System:1:>>MSG:System:1")).isEqualTo(":>>MSG:System:1:>>MSG:System:1:>>MSG:System:1");
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.http() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("gatehouse_vcmi_logins_total 1.0", "gatehouse_vcmi_rooms_total 1.0", "gatehouse_vcmi_users 1.0",
                "gatehouse_connections{front=\"vcmi\"} 1.0");
        assertThat(metrics).containsPattern("gatehouse_packets_in_total\\{front=\"vcmi\"} [1-9]")
                .containsPattern("gatehouse_packets_out_total\\{front=\"vcmi\"} [1-9]");
    }

    @Test
    void aStartedGameWaitsForItsPipesForTheGracePeriod() throws InterruptedException {
        VcmiLobbyClient a = user("alice");
        VcmiLobbyClient b = user("bob");
        room(a, "grace", 2, "");
        b.send("<JOIN>grace<PSWD>");
        a.takeThrough(":>>SESSIONS:1:grace:2:2:False");
        b.takeThrough(":>>GAMEMODE:0");
        a.send("<FORCESTART>grace");
        a.takeThrough(":>>HOST:");
        String hostUuid = new String(a.take(36));
        assertThat(server.gatehouse.front(VcmiFront.class).relay().sessionCount()).isEqualTo(1);
        try (VcmiPipeClient p = VcmiPipeClient.open(server.vcmi(), "server", hostUuid)) {
            await().until(() -> server.gatehouse.front(VcmiFront.class).relay().pipeCount() == 1);
        }
        await().until(() -> server.gatehouse.front(VcmiFront.class).relay().pipeCount() == 0);
        server.clock.advance(Duration.ofSeconds(299));
        try (VcmiPipeClient again = VcmiPipeClient.open(server.vcmi(), "server", hostUuid)) {
            await().until(() -> server.gatehouse.front(VcmiFront.class).relay().pipeCount() == 1);
            assertThat(again.isOpen()).as("reconnected within the grace period").isTrue();
        }
        await().until(() -> server.gatehouse.front(VcmiFront.class).relay().pipeCount() == 0);
        server.clock.advance(Duration.ofSeconds(300));
        assertThat(server.gatehouse.front(VcmiFront.class).relay().sessionCount()).isZero();
        try (VcmiPipeClient late = VcmiPipeClient.open(server.vcmi(), "server", hostUuid)) {
            assertThat(late.awaitClosed()).isTrue();
        }
    }
}
