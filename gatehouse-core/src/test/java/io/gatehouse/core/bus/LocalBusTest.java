package io.gatehouse.core.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalBusTest {

    private final LocalBus bus = new LocalBus();

    @Test
    void deliversToSubscribersOfTheChannelOnly() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        var subA = bus.subscribe("news", m -> a.add(new String(m.payload())) ? 1 : 0);
        bus.subscribe("other", m -> b.add(new String(m.payload())) ? 1 : 0);
        assertThat(bus.publish(new BusMessage("news", BusMessage.ContentType.UNKNOWN, "hi".getBytes()))).isEqualTo(1);
        assertThat(a).containsExactly("hi");
        assertThat(b).isEmpty();
        subA.close();
        assertThat(bus.subscriberCount("news")).isZero();
        assertThat(bus.publish(new BusMessage("news", BusMessage.ContentType.UNKNOWN, "x".getBytes()))).isZero();
    }

    @Test
    void aFailingSubscriberDoesNotStopTheOthers() {
        List<String> got = new ArrayList<>();
        bus.subscribe("c", m -> {
            throw new IllegalStateException("boom");
        });
        bus.subscribe("c", m -> got.add("ok") ? 1 : 0);
        assertThat(bus.publish(new BusMessage("c", BusMessage.ContentType.JSON, new byte[0]))).isEqualTo(1);
        assertThat(got).containsExactly("ok");
    }
}
