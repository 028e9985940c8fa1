package io.gatehouse.astron.md;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.bus.Bus;
import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.testing.ManualScheduler;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MdWarmUpTest {

    @Test
    void theBurstIsRoutedWholeAndItsLinksLeaveNothingBehind() throws Exception {
        try (MessageDirector md = new MessageDirector(new LocalBus())) {
            long routed = MdWarmUp.run(md, new ManualScheduler());
            assertThat(routed).as("every datagram of the burst came back through the director")
                    .isEqualTo((long) MdWarmUp.DATAGRAMS * (2 + 1 + 8 + 8 + 2));
            assertThat(md.subscriberCount(MdWarmUp.CHANNEL)).as("the warm-up links are gone").isZero();
        }
    }

    @Test
    void theBurstStaysOffEveryOtherBus() throws Exception {
        LocalBus shared = new LocalBus();
        AtomicInteger heard = new AtomicInteger();
        try (Bus.ChannelMember listener = shared.join(d -> {
            heard.incrementAndGet();
            d.release();
        })) {
            listener.subscribe(MdWarmUp.CHANNEL);
            assertThat(MdWarmUp.run(new ManualScheduler())).isEqualTo((long) MdWarmUp.DATAGRAMS * (2 + 1 + 8 + 8 + 2));
            assertThat(heard).as("a node's bus (NATS in a cluster) never carries the burst").hasValue(0);
        }
    }
}
