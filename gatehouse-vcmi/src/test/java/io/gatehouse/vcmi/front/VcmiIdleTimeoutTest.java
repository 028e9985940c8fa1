package io.gatehouse.vcmi.front;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.vcmi.VcmiConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, item 4: a greeted user below protocol 4 is never asked for a health check, so a
 * silent one stayed for good. Such a user, and any user when the health check is off, is
 * disconnected after {@code idle_timeout} (default 10 min) without a packet
 * (docs/protocol/vcmi.md section 8).
 */
class VcmiIdleTimeoutTest extends VcmiFrontFixture {

    @Test
    void aSilentProtocol3UserIsDisconnectedAfterTheIdleTimeoutAndEachPacketRestartsIt() throws Exception {
        start(config());
        RawClient old = connect();
        old.hello(3, "<GREETINGS>oldtimer<VER>1.2.0");
        old.readThrough("Send <HERE> to see people names in the chat");
        long due = clock.nowMillis() + 600_000;
        awaitLimits(due, 1);
        clock.advance(Duration.ofMinutes(9));
        old.packet("<MSG>still here");
        old.readThrough(":>>MSG:oldtimer:still here");
        clock.advance(Duration.ofMinutes(9));
        old.packet("<HERE>");
        assertThat(old.readThrough("oldtimer")).as("18 minutes in, but never 10 silent").contains("People in lobby");
        clock.advance(Duration.ofMinutes(10));
        assertThat(old.readToEnd()).isEqualTo(":>>ERROR:Disconnected for inactivity");
        awaitCloses("heartbeat_timeout", 1);
    }

    @Test
    void withTheHealthCheckOnAProtocol5UserIsLeftToIt() throws Exception {
        VcmiConfig d = config();
        start(new VcmiConfig(true, d.bind(), d.capacity(), Duration.ofSeconds(30), d.sessionGrace(), d.messageTargets(),
                d.maxPacketBytes(), d.maxPendingBytes(), d.maxOutboundBytes(), d.admission(), d.splice()));
        RawClient user = connect();
        user.hello(5, "<GREETINGS>modern<VER>1.5.0");
        user.readThrough("currently playing 0");
        // Answering every HEALTH keeps it in, however long it says nothing else.
        for (int i = 0; i < 25; i++) {
            clock.advance(Duration.ofSeconds(30));
            user.readThrough(":>>HEALTH:");
            // The answer to HERE says the ALIVE before it was handled before the clock moves on.
            user.packet("<ALIVE><HERE>");
            assertThat(user.readThrough(":>>USERS:1:modern")).contains(":>>USERS:1:modern");
        }
        assertThat(closes("heartbeat_timeout")).isZero();
    }

    @Test
    void withTheHealthCheckOffAProtocol5UserIsUnderTheIdleTimeout() throws Exception {
        start(config());
        RawClient user = connect();
        user.hello(5, "<GREETINGS>quiet<VER>1.5.0");
        user.readThrough("currently playing 0");
        long due = clock.nowMillis() + 600_000;
        awaitLimits(due, 1);
        clock.advance(Duration.ofMinutes(10));
        assertThat(user.readToEnd()).isEqualTo(":>>ERROR:Disconnected for inactivity");
    }
}
