package io.gatehouse.cluster;

import io.gatehouse.core.bus.Bus;
import io.gatehouse.core.bus.BusMessage;
import io.gatehouse.core.bus.ChannelMembers;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's {@link Bus} across nodes, on NATS: every node of a cluster holds one, on its own
 * connection to the same NATS servers.
 *
 * <p><b>String topics</b> are NATS subjects, {@code PREFIX.t.} and the topic in URL-safe
 * base64 (so that any topic text makes one valid subject). A node holds one NATS subscription
 * per topic its subscribers hold and fans each message out to them itself; the content type
 * travels in a header.
 *
 * <p><b>Numeric channels</b> travel as one NATS message per publish on {@code PREFIX.md}, which
 * every node subscribes to: the channel list, the sending node and member, then the datagram.
 * Each node matches the list against its own members' channels and ranges (a ChannelMap,
 * astrond's rules, in {@link ChannelMembers}), so a datagram to several channels reaches each member once and never comes
 * back to the member that sent it. Every node sees every datagram: simple and exact, at the
 * cost of the cluster's datagram rate on each node's link; subjects per channel are the way to
 * lower it when that cost shows. The rule that a range removal does nothing while no member
 * holds a range is kept per node.
 *
 * <p><b>Order and bounds.</b> Messages arrive on the connection's one dispatcher thread, in
 * the order the NATS server delivers them (a publisher's messages keep its order); a
 * subscription made before a publish on the same node is registered with the server before
 * that publish is sent, so it receives it. Topic messages are handed out on the dispatcher
 * thread. A datagram is looked up and handed out on each member's executor (given at
 * {@link #join(ChannelSubscriber, java.util.concurrent.Executor) join}), once per executor
 * that members hold, in arrival order: the Message Director's participants take theirs on its
 * routing thread, and a subscription one makes there while it takes a datagram holds for the
 * datagrams behind it. What waits to be sent is bounded by
 * the client's outgoing queue ({@link NatsConnections}); what waits to be handed out, by the
 * dispatcher's pending limits, past which NATS drops messages for this node and reports a slow
 * consumer (logged by {@link NatsConnections}).
 */
public final class NatsBus implements Bus, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NatsBus.class);
    private static final String CONTENT_TYPE = "Gh-Content-Type";
    /** Node id, member id and channel count before the channels. */
    private static final int DATAGRAM_HEAD = 8 + 8 + 2;
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(5);

    private final Connection nats;
    private final String topicPrefix;
    private final String datagramSubject;
    private final long nodeId = new SecureRandom().nextLong();
    private final AtomicLong memberIds = new AtomicLong();
    private final Dispatcher dispatcher;
    private final Map<String, Set<Subscriber>> topics = new ConcurrentHashMap<>();
    private final ChannelMembers channels = new ChannelMembers();
    /** The executors the members hand out on, each with how many members hold it. */
    private final Map<Executor, Integer> executors = new ConcurrentHashMap<>();

    /**
     * A bus on an open connection, which it owns from now on; {@code prefix} begins every
     * subject it uses, so that several clusters may share NATS servers.
     */
    public NatsBus(Connection nats, String prefix) {
        this.nats = nats;
        this.topicPrefix = prefix + ".t.x";
        this.datagramSubject = prefix + ".md";
        this.dispatcher = nats.createDispatcher(this::onNatsMessage);
        dispatcher.subscribe(datagramSubject);
        try {
            // from here on every node's datagrams reach this one
            nats.flush(FLUSH_WAIT);
        } catch (TimeoutException e) {
            throw new IllegalStateException("NATS did not confirm this node's subscriptions within " + FLUSH_WAIT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while NATS confirmed this node's subscriptions", e);
        }
    }

    @Override
    public void publish(BusMessage message) {
        Headers headers = new Headers().put(CONTENT_TYPE, message.contentType().name());
        nats.publish(subject(message.channel()), headers, message.payload());
    }

    @Override
    public Subscription subscribe(String topic, Subscriber subscriber) {
        Subscriber entry = subscriber::onMessage;
        topics.compute(topic, (k, subs) -> {
            if (subs == null) {
                subs = new CopyOnWriteArraySet<>();
                dispatcher.subscribe(subject(topic));
            }
            subs.add(entry);
            return subs;
        });
        return () -> topics.computeIfPresent(topic, (k, subs) -> {
            subs.remove(entry);
            if (subs.isEmpty()) {
                dispatcher.unsubscribe(subject(topic));
                return null;
            }
            return subs;
        });
    }

    @Override
    public ChannelMember join(ChannelSubscriber subscriber, Executor executor) {
        executors.merge(executor, 1, Integer::sum);
        return new Member(memberIds.incrementAndGet(), subscriber, executor);
    }

    @Override
    public void publish(long[] targets, ByteBuf datagram) {
        send(0, targets, datagram);
    }

    @Override
    public int localSubscribers(String topic) {
        Set<Subscriber> subs = topics.get(topic);
        return subs == null ? 0 : subs.size();
    }

    @Override
    public int localSubscribers(long channel) {
        return channels.count(channel);
    }

    /** Closes the NATS connection: nothing more is sent or handed out. */
    @Override
    public void close() {
        try {
            nats.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String subject(String topic) {
        return topicPrefix + Base64.getUrlEncoder().withoutPadding().encodeToString(topic.getBytes(StandardCharsets.UTF_8));
    }

    private String topicOf(String subject) {
        return new String(Base64.getUrlDecoder().decode(subject.substring(topicPrefix.length())), StandardCharsets.UTF_8);
    }

    private void send(long fromMember, long[] targets, ByteBuf datagram) {
        if (targets.length > 0xFFFF) {
            throw new IllegalArgumentException(targets.length + " channels in one datagram; at most 65535");
        }
        ByteBuffer out = ByteBuffer.allocate(DATAGRAM_HEAD + 8 * targets.length + datagram.readableBytes());
        out.putLong(nodeId).putLong(fromMember).putShort((short) targets.length);
        for (long t : targets) {
            out.putLong(t);
        }
        datagram.getBytes(datagram.readerIndex(), out);
        nats.publish(datagramSubject, out.array());
    }

    private void onNatsMessage(Message m) {
        try {
            if (m.getSubject().equals(datagramSubject)) {
                deliverDatagram(m.getData());
            } else {
                deliverTopic(m);
            }
        } catch (RuntimeException e) {
            log.warn("a bus message on {} could not be handed out", m.getSubject(), e);
        }
    }

    private void deliverTopic(Message m) {
        String topic = topicOf(m.getSubject());
        Set<Subscriber> subs = topics.get(topic);
        if (subs == null) {
            return;
        }
        BusMessage message = new BusMessage(topic, contentType(m.getHeaders()), m.getData());
        for (Subscriber s : subs) {
            try {
                s.onMessage(message);
            } catch (RuntimeException e) {
                log.warn("subscriber of {} failed", topic, e);
            }
        }
    }

    private static BusMessage.ContentType contentType(Headers headers) {
        String name = headers == null ? null : headers.getFirst(CONTENT_TYPE);
        if (name == null) {
            return BusMessage.ContentType.UNKNOWN;
        }
        try {
            return BusMessage.ContentType.valueOf(name);
        } catch (IllegalArgumentException e) {
            return BusMessage.ContentType.UNKNOWN;
        }
    }

    private void deliverDatagram(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data);
        long fromNode = in.getLong();
        long fromMember = in.getLong();
        long[] targets = new long[Short.toUnsignedInt(in.getShort())];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = in.getLong();
        }
        long sender = fromNode == nodeId ? fromMember : 0;
        int body = in.position();
        for (Executor executor : executors.keySet()) {
            try {
                executor.execute(() -> handOut(executor, targets, sender, data, body));
            } catch (RejectedExecutionException e) {
                log.debug("a member's executor is shut down; dropped a datagram for it");
            }
        }
    }

    /** Hands the datagram to the members on {@code executor} that take it, except its sender on this node. */
    private void handOut(Executor executor, long[] targets, long sender, byte[] data, int body) {
        for (ChannelMembers.Member m : channels.lookup(targets)) {
            Member member = (Member) m;
            if (member.executor != executor || member.id == sender) {
                continue;
            }
            try {
                member.subscriber().onDatagram(Unpooled.wrappedBuffer(data, body, data.length - body));
            } catch (RuntimeException e) {
                log.warn("channel subscriber failed", e);
            }
        }
    }

    private final class Member extends ChannelMembers.Member {

        final long id;
        final Executor executor;
        private final AtomicBoolean closed = new AtomicBoolean();

        Member(long id, ChannelSubscriber subscriber, Executor executor) {
            channels.super(subscriber);
            this.id = id;
            this.executor = executor;
        }

        @Override
        public void close() {
            super.close();
            if (closed.compareAndSet(false, true)) {
                executors.computeIfPresent(executor, (e, held) -> held == 1 ? null : held - 1);
            }
        }

        @Override
        public void publish(long[] targets, ByteBuf datagram) {
            send(id, targets, datagram);
        }
    }
}
