package io.gatehouse.core.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-process bus keeps the bus contract, and delivers on the publisher's thread. */
class LocalBusTest extends BusContract {

    @Override
    protected Bus newBus() {
        return new LocalBus();
    }

    @Test
    void subscribersRunBeforePublishReturns() {
        List<String> got = new ArrayList<>();
        bus.subscribe("c", m -> got.add(Thread.currentThread().getName()));
        bus.publish(new BusMessage("c", BusMessage.ContentType.JSON, new byte[0]));
        assertThat(got).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void aFailingSubscriberDoesNotStopTheOthers() {
        List<String> got = new ArrayList<>();
        bus.subscribe("c", m -> {
            throw new IllegalStateException("boom");
        });
        bus.subscribe("c", m -> got.add("ok"));
        bus.publish(new BusMessage("c", BusMessage.ContentType.JSON, new byte[0]));
        assertThat(got).containsExactly("ok");
    }

    @Test
    void aFailingChannelSubscriberDoesNotStopTheOthers() {
        List<Long> got = new ArrayList<>();
        bus.join(d -> {
            d.release();
            throw new IllegalStateException("boom");
        }).subscribe(1);
        bus.join(d -> {
            got.add(d.readLongLE());
            d.release();
        }).subscribe(1);
        ByteBuf d = Unpooled.buffer(8).writeLongLE(11);
        bus.publish(new long[] {1}, d);
        d.release();
        assertThat(got).containsExactly(11L);
    }
}
