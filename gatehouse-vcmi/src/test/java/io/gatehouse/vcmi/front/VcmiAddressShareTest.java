package io.gatehouse.vcmi.front;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, item 4: with {@code capacity} 50 shared by all, 50 silent sockets from one address
 * locked every player out. One address holds at most {@code max_connections_per_address}
 * (default 10) of the capacity, and its silent sockets go at the handshake timeout
 * (docs/protocol/vcmi.md section 8).
 */
class VcmiAddressShareTest extends VcmiFrontFixture {

    @Test
    void fiftySilentSocketsFromOneAddressDoNotKeepAPlayerFromAnotherOut() throws Exception {
        start(config());
        long due = clock.nowMillis() + 30_000;
        List<RawClient> silent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            silent.add(connect("127.0.0.1"));
        }
        awaitLimits(due, 10);
        for (RawClient refused : silent.subList(10, 50)) {
            assertThat(refused.readToEnd()).isEqualTo(":>>ERROR:Too many connections from your address");
        }
        RawClient player = connect("127.0.0.2");
        player.hello(5, "<GREETINGS>player<VER>1.5.0");
        assertThat(player.readThrough("currently playing 0")).contains(":>>USERS:1:player");

        clock.advance(Duration.ofSeconds(31));
        for (RawClient kept : silent.subList(0, 10)) {
            assertThat(kept.readToEnd()).as("cut at the handshake timeout").isEmpty();
        }
        player.packet("<HERE>");
        assertThat(player.readThrough(":>>USERS:1:player")).contains(":>>USERS:1:player");
        awaitCloses("heartbeat_timeout", 10);
        assertThat(refused("connections_per_address")).isEqualTo(40);
    }

    @Test
    void anAddressGetsItsShareBackAsItsConnectionsClose() throws Exception {
        start(config());
        long due = clock.nowMillis() + 30_000;
        List<RawClient> first = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            first.add(connect("127.0.0.3"));
        }
        awaitLimits(due, 10);
        assertThat(connect("127.0.0.3").readToEnd()).isEqualTo(":>>ERROR:Too many connections from your address");
        first.forEach(RawClient::close);
        awaitCloses("client_closed", 10);
        RawClient again = connect("127.0.0.3");
        again.hello(5, "<GREETINGS>again<VER>1.5.0");
        assertThat(again.readThrough("currently playing 0")).contains(":>>USERS:1:again");
    }
}
