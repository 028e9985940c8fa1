package io.gatehouse.control.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.control.codec.ControlPacketEncoder;
import io.gatehouse.core.bus.BusMessage;
import io.gatehouse.core.bus.LocalBus;
import io.netty.buffer.ByteBuf;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code delivered} is the publishing node's own count: two hubs on one bus stand for two
 * nodes; each pushes to its members, and a publish answers only the publishing hub's.
 */
class TopicHubDeliveredTest {

    private final LocalBus bus = new LocalBus();
    private final TopicHub nodeA = new TopicHub(bus, ControlPacketEncoder.PLAIN);
    private final TopicHub nodeB = new TopicHub(bus, ControlPacketEncoder.PLAIN);
    private final EmbeddedChannel a1 = new EmbeddedChannel(DefaultChannelId.newInstance());
    private final EmbeddedChannel a2 = new EmbeddedChannel(DefaultChannelId.newInstance());
    private final EmbeddedChannel b1 = new EmbeddedChannel(DefaultChannelId.newInstance());

    @AfterEach
    void close() {
        for (EmbeddedChannel c : new EmbeddedChannel[] {a1, a2, b1}) {
            for (Object o; (o = c.readOutbound()) != null; ) {
                ((ByteBuf) o).release();
            }
            c.finishAndReleaseAll();
        }
    }

    private static BusMessage message(String topic) {
        return new BusMessage(topic, BusMessage.ContentType.JSON, "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static int pushes(EmbeddedChannel c) {
        int n = 0;
        for (Object o; (o = c.readOutbound()) != null; n++) {
            ((ByteBuf) o).release();
        }
        return n;
    }

    @Test
    void aPublishCountsThePublishingNodesMembersAndReachesEveryNode() {
        nodeA.join("news", a1);
        nodeA.join("news", a2);
        nodeB.join("news", b1);
        assertThat(nodeA.publish(message("news"))).isEqualTo(2);
        assertThat(pushes(a1)).isEqualTo(1);
        assertThat(pushes(a2)).isEqualTo(1);
        assertThat(pushes(b1)).as("a member on the other node is pushed to, but not counted").isEqualTo(1);
        assertThat(nodeB.publish(message("news"))).isEqualTo(1);
        assertThat(pushes(a1) + pushes(a2) + pushes(b1)).isEqualTo(3);
    }

    @Test
    void aTopicWithNoLocalMembersAnswersZeroAndStillReachesOtherNodes() {
        nodeB.join("news", b1);
        assertThat(nodeA.publish(message("news"))).isZero();
        assertThat(pushes(b1)).isEqualTo(1);
        nodeB.leave("news", b1);
        assertThat(nodeB.publish(message("news"))).isZero();
        assertThat(pushes(b1)).isZero();
        assertThat(bus.localSubscribers("news")).as("the hub's bus subscription went with its last member").isZero();
    }
}
