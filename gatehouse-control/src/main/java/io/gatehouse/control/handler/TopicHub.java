package io.gatehouse.control.handler;

import io.gatehouse.control.codec.ControlBodies;
import io.gatehouse.control.codec.ControlPacketEncoder;
import io.gatehouse.control.message.CommandCode;
import io.gatehouse.control.message.ControlPacket;
import io.gatehouse.control.message.Notification;
import io.gatehouse.core.bus.Bus;
import io.gatehouse.core.bus.BusMessage;
import io.gatehouse.core.bus.Topics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelMatchers;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.HashMap;
import java.util.Map;

/**
 * The control front's topic subscriptions on this node. Each topic with local subscribers
 * holds one bus subscription and one channel group; a bus message is encoded into a
 * Notification push once and the same bytes are written to every member (STYLE rule 12).
 * Publishing goes through the hub, so that the publisher learns how many connections on this
 * node the topic has (the bus itself answers nothing; other nodes' subscribers are not counted).
 */
public final class TopicHub implements Topics {

    private record Topic(ChannelGroup members, Bus.Subscription subscription) {
    }

    private final Bus bus;
    private final ControlPacketEncoder encoder;
    private final Map<String, Topic> topics = new HashMap<>();

    /** {@code encoder}: how pushes are written, the same as the channels' own encoder. */
    public TopicHub(Bus bus, ControlPacketEncoder encoder) {
        this.bus = bus;
        this.encoder = encoder;
    }

    /** Adds the channel to the topic; the channel leaves on its own when it closes. */
    public synchronized void join(String topic, Channel channel) {
        Topic t = topics.get(topic);
        if (t == null) {
            ChannelGroup members = new DefaultChannelGroup("topic:" + topic, GlobalEventExecutor.INSTANCE);
            t = new Topic(members, bus.subscribe(topic, m -> deliver(members, m)));
            topics.put(topic, t);
        }
        t.members().add(channel);
    }

    public synchronized void leave(String topic, Channel channel) {
        Topic t = topics.get(topic);
        if (t != null) {
            t.members().remove(channel);
            if (t.members().isEmpty()) {
                t.subscription().close();
                topics.remove(topic);
            }
        }
    }

    /**
     * Hands the message to the bus and answers how many connections on this node it is pushed
     * to: the topic's local members as it is published (a connection closing meanwhile is still
     * counted; subscribers on other nodes are not).
     */
    @Override
    public int publish(BusMessage message) {
        int local;
        synchronized (this) {
            Topic t = topics.get(message.channel());
            local = t == null ? 0 : t.members().size();
        }
        bus.publish(message);
        return local;
    }

    /** Topics with at least one local member (closed channels may linger until their next leave). */
    public synchronized int topicCount() {
        return topics.size();
    }

    private void deliver(ChannelGroup members, BusMessage m) {
        if (members.isEmpty()) {
            return;
        }
        Notification n = new Notification(m.channel(), contentType(m.contentType()), Notification.DISPATCH_BROADCAST, m.payload());
        ByteBuf encoded = encoder.encode(ByteBufAllocator.DEFAULT,
                new ControlPacket.Push(CommandCode.NOTIFY.wire(), ControlBodies.encode(n)));
        // void promises: no future per member to allocate and complete for each push
        members.writeAndFlush(encoded, ChannelMatchers.all(), true);
    }

    private static int contentType(BusMessage.ContentType t) {
        return switch (t) {
            case JSON -> Notification.CONTENT_JSON;
            case PROTOBUF -> Notification.CONTENT_PROTO;
            case UNKNOWN -> Notification.CONTENT_UNKNOWN;
        };
    }
}
