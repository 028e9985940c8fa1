package io.gatehouse.astron.md;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.testing.ManualScheduler;
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
}
