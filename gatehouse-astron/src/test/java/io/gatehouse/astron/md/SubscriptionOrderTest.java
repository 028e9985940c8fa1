package io.gatehouse.astron.md;

import static io.gatehouse.astron.md.MdLink.control;
import static io.gatehouse.astron.md.MdLink.datagram;
import static io.gatehouse.astron.md.MdLink.longs;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.transport.HostPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A subscription takes effect before anything read after it, from any link: the director reads
 * every link on its one routing thread (docs/protocol/astron.md, section 3.2).
 */
class SubscriptionOrderTest {

    private MessageDirector md;
    private MdListener listener;

    @BeforeEach
    void start() throws InterruptedException {
        md = new MessageDirector(new LocalBus());
        listener = new MdListener(md, new HostPort("127.0.0.1", 0), TestLinks.defaults());
    }

    @AfterEach
    void stop() {
        listener.close();
        md.close();
    }

    @Test
    void aDatagramSentAfterASubscriptionOnAnotherFreshLinkIsDelivered() throws Exception {
        for (int i = 0; i < 300; i++) {
            try (MdLink subscriber = new MdLink(listener.address()); MdLink sender = new MdLink(listener.address())) {
                long channel = 100_000 + i;
                subscriber.send(control(ControlMessage.ADD_CHANNEL, longs(channel)));
                byte[] d = datagram(new long[] {channel}, 1, 2000, new byte[] {(byte) i});
                sender.send(d);
                assertThat(subscriber.receive()).as("round %d", i).isEqualTo(d);
            }
        }
    }
}
