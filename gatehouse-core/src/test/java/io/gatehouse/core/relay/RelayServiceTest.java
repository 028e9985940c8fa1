package io.gatehouse.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.testing.ManualScheduler;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelayServiceTest {

    private final ManualScheduler clock = new ManualScheduler();
    private final RelayService relay = new RelayService(clock, Duration.ofSeconds(300));

    /** A pipe end that records what the relay tells it. */
    static final class End implements PipeEnd {
        final List<String> events = new ArrayList<>();
        PipeEnd peer;

        @Override
        public void paired(PipeEnd p) {
            peer = p;
            events.add("paired");
        }

        @Override
        public void unpaired() {
            peer = null;
            events.add("unpaired");
        }

        @Override
        public void send(ByteBuf bytes) {
            bytes.release();
        }

        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public void resumeReading() {
        }
    }

    @Test
    void pipesPairByUuidAndRoleInArrivalOrder() {
        relay.open("g", "host", List.of("c1", "c2"));
        End s1 = new End();
        End s2 = new End();
        End c1 = new End();
        End c2 = new End();
        assertThat(relay.attach("host", PipeRole.SERVER, s1)).isTrue();
        assertThat(relay.attach("host", PipeRole.SERVER, s2)).isTrue();
        assertThat(s1.events).isEmpty();
        assertThat(relay.attach("c2", PipeRole.CLIENT, c2)).isTrue();
        assertThat(c2.peer).as("the oldest link without a client").isSameAs(s1);
        assertThat(relay.attach("c1", PipeRole.CLIENT, c1)).isTrue();
        assertThat(c1.peer).isSameAs(s2);
        assertThat(relay.pipeCount()).isEqualTo(4);
    }

    @Test
    void wrongRoleOrUnknownUuidFindsNoSession() {
        relay.open("g", "host", List.of("c1"));
        assertThat(relay.attach("c1", PipeRole.SERVER, new End())).isFalse();
        assertThat(relay.attach("host", PipeRole.CLIENT, new End())).isFalse();
        assertThat(relay.attach("other", PipeRole.CLIENT, new End())).isFalse();
    }

    @Test
    void aPeerLeavingLeavesTheOtherWaitingForANewOne() {
        relay.open("g", "host", List.of("c1"));
        End s = new End();
        End c = new End();
        relay.attach("host", PipeRole.SERVER, s);
        relay.attach("c1", PipeRole.CLIENT, c);
        relay.detach(c);
        assertThat(s.events).containsExactly("paired", "unpaired");
        End again = new End();
        relay.attach("c1", PipeRole.CLIENT, again);
        assertThat(again.peer).isSameAs(s);
        assertThat(s.events).containsExactly("paired", "unpaired", "paired");
    }

    @Test
    void emptySessionsLastTheGracePeriod() {
        relay.open("g", "host", List.of("c1"));
        End s = new End();
        relay.attach("host", PipeRole.SERVER, s);
        relay.detach(s);
        clock.advance(Duration.ofSeconds(299));
        assertThat(relay.sessionCount()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(relay.sessionCount()).isZero();
        assertThat(relay.attach("host", PipeRole.SERVER, new End())).isFalse();
    }
}
