package io.gatehouse.astron.md;

import static io.gatehouse.astron.md.MdLink.control;
import static io.gatehouse.astron.md.MdLink.datagram;
import static io.gatehouse.astron.md.MdLink.longs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.bus.Bus;
import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.transport.HostPort;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The director's channels are the core bus's: a member of the bus that is no participant of
 * this director (as another node's would be) hears what the director's links send to its
 * channels, and a link hears what that member publishes, with astrond's rules (once each, never
 * back to the sender, post-removes when the link goes).
 */
class MdOnTheCoreBusTest {

    private final Bus bus = new LocalBus();
    private final Queue<byte[]> outside = new ConcurrentLinkedQueue<>();
    private final Bus.ChannelMember member = bus.join(d -> {
        outside.add(ByteBufUtil.getBytes(d));
        d.release();
    });
    private MessageDirector md;
    private MdListener listener;

    @BeforeEach
    void start() throws InterruptedException {
        md = new MessageDirector(bus);
        listener = new MdListener(md, new HostPort("127.0.0.1", 0), TestLinks.defaults());
    }

    @AfterEach
    void stop() {
        member.close();
        listener.close();
        md.close();
    }

    @Test
    void aLinksSubscriptionIsOnTheBusAndHearsOtherMembers() throws Exception {
        try (MdLink ai = new MdLink(listener.address())) {
            ai.send(control(ControlMessage.ADD_RANGE, longs(100_000, 199_999)));
            await().until(() -> bus.localSubscribers(150_000) == 1);
            byte[] d = datagram(new long[] {150_000, 199_999}, 9, 2000, "from elsewhere".getBytes(StandardCharsets.UTF_8));
            ByteBuf b = Unpooled.wrappedBuffer(d);
            member.publish(new long[] {150_000, 199_999}, b);
            b.release();
            assertThat(ai.receive()).as("once, though both channels are its").isEqualTo(d);
        }
    }

    @Test
    void aLinksDatagramReachesAMemberOfTheBusButNotItself() throws Exception {
        member.subscribe(4000);
        try (MdLink ud = new MdLink(listener.address())) {
            ud.send(control(ControlMessage.ADD_CHANNEL, longs(4000)));
            await().until(() -> bus.localSubscribers(4000) == 2);
            byte[] d = datagram(new long[] {4000, 4001}, 7, 2001, new byte[] {1, 2, 3});
            byte[] marker = datagram(new long[] {4000}, 1, 1, new byte[0]);
            ud.send(d);
            await().until(() -> outside.size() == 1);
            assertThat(outside.poll()).isEqualTo(d);
            ByteBuf b = Unpooled.wrappedBuffer(marker);
            member.publish(new long[] {4000}, b);
            b.release();
            assertThat(ud.receive()).as("its own datagram never came back").isEqualTo(marker);
        }
    }

    @Test
    void aLinkThatGoesLeavesTheBusAndItsPostRemovesAreRoutedThere() throws Exception {
        member.subscribe(500);
        byte[] goodbye = datagram(new long[] {500}, 42, 2004, "bye".getBytes(StandardCharsets.UTF_8));
        MdLink ai = new MdLink(listener.address());
        byte[] blob = new byte[8 + 2 + goodbye.length];
        System.arraycopy(longs(42), 0, blob, 0, 8);
        blob[8] = (byte) goodbye.length;
        System.arraycopy(goodbye, 0, blob, 10, goodbye.length);
        ai.send(control(ControlMessage.ADD_POST_REMOVE, blob));
        ai.send(control(ControlMessage.ADD_CHANNEL, longs(600)));
        await().until(() -> bus.localSubscribers(600) == 1);
        ai.close();
        await().until(() -> outside.size() == 1);
        assertThat(outside.poll()).isEqualTo(goodbye);
        assertThat(bus.localSubscribers(600)).as("its subscriptions went first").isZero();
    }
}
