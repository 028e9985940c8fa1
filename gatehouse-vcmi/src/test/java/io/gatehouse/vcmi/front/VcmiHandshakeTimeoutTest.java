package io.gatehouse.vcmi.front;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.vcmi.VcmiConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, item 4: a vcmi connection that never greeted, or a pipe that never finished its
 * handshake, stayed open for good. Each must prove what it is within {@code handshake_timeout}
 * (default 30 s) of connecting (docs/protocol/vcmi.md section 8).
 */
class VcmiHandshakeTimeoutTest extends VcmiFrontFixture {

    @Test
    void aSilentSocketIsClosedAtTheHandshakeTimeoutWhileOneThatGreetedInTimeStays() throws Exception {
        start(config());
        long due = clock.nowMillis() + 30_000;
        RawClient silent = connect();
        RawClient late = connect();
        awaitLimits(due, 2);
        clock.advance(Duration.ofSeconds(29));
        late.hello(5, "<GREETINGS>late<VER>1.5.0");
        late.readThrough("currently playing 0");
        clock.advance(Duration.ofSeconds(2));
        assertThat(silent.readToEnd()).as("closed with no reply: nothing says what it is").isEmpty();
        late.packet("<HERE>");
        assertThat(late.readThrough(":>>USERS:1:late")).as("greeted at 29 s: the limit is over").contains(":>>USERS:1:late");
        awaitCloses("heartbeat_timeout", 1);
        assertThat(faults("timeout")).isEqualTo(1);
    }

    @Test
    void aLobbyConnectionThatIsNotGreetedInTimeIsToldAndClosed() throws Exception {
        start(config());
        long due = clock.nowMillis() + 30_000;
        RawClient handshakeOnly = connect();
        RawClient refused = connect();
        awaitLimits(due, 2);
        handshakeOnly.hello(5, "");
        refused.hello(5, "<GREETINGS>ab");
        assertThat(refused.readThrough(":>>ERROR:Too short username ab")).isEqualTo(":>>ERROR:Too short username ab");
        clock.advance(Duration.ofSeconds(31));
        assertThat(handshakeOnly.readToEnd()).isEqualTo(":>>ERROR:Login timed out");
        assertThat(refused.readToEnd()).isEqualTo(":>>ERROR:Login timed out");
        awaitCloses("heartbeat_timeout", 2);
    }

    @Test
    void aPipeThatDoesNotFinishItsHandshakeInTimeIsClosedWithNoReply() throws Exception {
        start(config());
        long due = clock.nowMillis() + 30_000;
        RawClient pipe = connect();
        awaitLimits(due, 1);
        pipe.packet("Aiya!\n");
        pipe.packet("VCMI client (client)");
        clock.advance(Duration.ofSeconds(31));
        assertThat(pipe.readToEnd()).isEmpty();
        awaitCloses("heartbeat_timeout", 1);
    }

    @Test
    void theTimeoutIsTheConfiguredOne() throws Exception {
        VcmiConfig.Admission d = VcmiConfig.Admission.defaults();
        start(config().withAdmission(new VcmiConfig.Admission(d.connections(), Duration.ofSeconds(5),
                d.maxHandshakeBytes(), d.maxHandshakePackets(), d.idleTimeout())));
        long due = clock.nowMillis() + 5_000;
        RawClient silent = connect();
        awaitLimits(due, 1);
        clock.advance(Duration.ofSeconds(5));
        assertThat(silent.readToEnd()).isEmpty();
    }
}
