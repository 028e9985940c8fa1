package io.gatehouse.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.time.Scheduler;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-process relay keeps the relay contract; its peers are the other pipes themselves, told at once. */
class LocalRelayTest extends RelayContract {

    @Override
    protected Relay newRelay(Scheduler scheduler, Duration grace) {
        return new LocalRelay(scheduler, grace);
    }

    @Test
    void pairingHandsEachEndTheOtherItselfBeforeAttachReturns() {
        relay.open("g", "host", List.of("p1"));
        End s = new End("s");
        End c = new End("c");
        relay.attach("host", PipeRole.SERVER, s);
        relay.attach("p1", PipeRole.CLIENT, c);
        assertThat(s.peer).isSameAs(c);
        assertThat(c.peer).isSameAs(s);
    }

    @Test
    void aRefusalIsToldBeforeAttachReturns() {
        End e = new End("e");
        relay.attach("nobody", PipeRole.SERVER, e);
        assertThat(e.events).containsExactly("refused");
    }
}
