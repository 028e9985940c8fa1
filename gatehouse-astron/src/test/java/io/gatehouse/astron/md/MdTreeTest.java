package io.gatehouse.astron.md;

import static io.gatehouse.astron.md.MdLink.control;
import static io.gatehouse.astron.md.MdLink.datagram;
import static io.gatehouse.astron.md.MdLink.longs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.transport.HostPort;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two Gatehouse Message Directors in one tree: the lower one joined to the upper one's listener. */
class MdTreeTest {

    private MessageDirector top;
    private MdListener topListener;
    private MessageDirector bottom;
    private MdListener bottomListener;

    @BeforeEach
    void start() throws Exception {
        top = new MessageDirector(new LocalBus());
        topListener = new MdListener(top, new HostPort("127.0.0.1", 0), TestLinks.defaults());
        bottom = new MessageDirector(new LocalBus());
        MdUpstream.connect(bottom, new HostPort("127.0.0.1", topListener.address().getPort()), 1 << 20, () -> { });
        bottomListener = new MdListener(bottom, new HostPort("127.0.0.1", 0), TestLinks.defaults());
    }

    @AfterEach
    void stop() {
        bottomListener.close();
        bottom.close();
        topListener.close();
        top.close();
    }

    @Test
    void datagramsCrossTheTreeBothWaysOnceEach() throws Exception {
        try (MdLink above = new MdLink(topListener.address()); MdLink below = new MdLink(bottomListener.address());
             MdLink belowToo = new MdLink(bottomListener.address())) {
            above.send(control(ControlMessage.ADD_CHANNEL, longs(5000)));
            below.send(control(ControlMessage.ADD_CHANNEL, longs(6000)));
            belowToo.send(control(ControlMessage.ADD_RANGE, longs(6000, 6999)));
            // three links' reads have no order between them: wait until each director has taken its own
            awaitSubscribers(top, 5000, 1);
            awaitSubscribers(bottom, 6000, 2);
            // the lower director's subscriptions reach the upper one before what follows from below
            byte[] ready = datagram(new long[] {5000}, 1, 1, new byte[0]);
            below.send(ready);
            assertThat(above.receive()).isEqualTo(ready);

            // down: to both local subscribers of the lower director, once each
            byte[] down = datagram(new long[] {6000, 6500}, 5000, 2, longs(42));
            above.send(down);
            assertThat(below.receive()).isEqualTo(down);
            assertThat(belowToo.receive()).isEqualTo(down);

            // up: the lower director's subscriber hears it here, the upper one's there; the
            // upper director does not send it back down to the link it came from
            byte[] sideways = datagram(new long[] {5000, 6000}, 6999, 3, longs(7));
            belowToo.send(sideways);
            assertThat(below.receive()).isEqualTo(sideways);
            assertThat(above.receive()).isEqualTo(sideways);

            // after all that, the next thing each receives is a fresh datagram: no copies came
            byte[] after = datagram(new long[] {5000, 6000, 6001}, 9, 4, new byte[0]);
            above.send(after);
            assertThat(below.receive()).isEqualTo(after);
            assertThat(belowToo.receive()).isEqualTo(after);
            below.send(datagram(new long[] {5000}, 10, 5, new byte[0]));
            assertThat(above.receive()).isEqualTo(datagram(new long[] {5000}, 10, 5, new byte[0]));
        }
    }

    @Test
    void aChannelLeftBelowIsLeftAbove() throws Exception {
        try (MdLink above = new MdLink(topListener.address()); MdLink below = new MdLink(bottomListener.address())) {
            below.send(control(ControlMessage.ADD_CHANNEL, longs(7000)));
            below.send(control(ControlMessage.REMOVE_CHANNEL, longs(7000)));
            below.send(control(ControlMessage.ADD_CHANNEL, longs(7001)));
            above.send(control(ControlMessage.ADD_CHANNEL, longs(5000)));
            awaitSubscribers(top, 5000, 1);
            byte[] ready = datagram(new long[] {5000}, 1, 1, new byte[0]);
            // the mark goes up after the control messages, so the upper director has them all
            below.send(ready);
            assertThat(above.receive()).isEqualTo(ready);
            above.send(datagram(new long[] {7000}, 2, 2, new byte[0]));
            byte[] wanted = datagram(new long[] {7001}, 3, 3, new byte[0]);
            above.send(wanted);
            assertThat(below.receive()).isEqualTo(wanted);
        }
    }

    /** Waits until {@code md} has taken the subscriptions that make {@code count} of its members hear {@code channel}. */
    private static void awaitSubscribers(MessageDirector md, long channel, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> md.subscriberCount(channel) == count);
    }
}
