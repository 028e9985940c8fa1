package io.gatehouse.astron.md;

import io.gatehouse.core.bus.Bus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.gatehouse.core.transport.Transports;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes datagrams by channel between participants (docs/protocol/astron.md, "Message
 * Director"). One routing thread owns the subscriptions and handles datagrams and control
 * messages in the order they arrive, as astrond's main thread does. That thread is also the
 * one event loop of the director's TCP links ({@link MdListener}), so a link's control
 * message takes effect as it is read, before any datagram read after it from any link
 * (section 3.2). A datagram goes once to each participant subscribed to any of its
 * recipients, never back to the one that sent it.
 *
 * <p>The subscriptions are the core's {@link Bus}: each participant with a subscription is one
 * {@link Bus.ChannelMember} of it, whose channels and ranges keep astrond's rules, and datagrams
 * are published to their recipient channels there. The routing thread makes every change and
 * every publish, so the bus sees them in the order the director took them, and participants
 * take their datagrams on it too: a network bus (a cluster's NATS) hands them out there, so
 * that a subscription a participant makes while it takes one holds for the next.
 *
 * <p>A director may join another ({@link MdUpstream}, section 3.4): it then tells that one of its
 * participants' subscriptions as astrond does, sends it every datagram they send, and routes
 * what comes from it to its own participants only.
 */
public final class MessageDirector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MessageDirector.class);
    private static final int CHANNEL_BYTES = 8;

    private final EventLoopGroup loopGroup = Transports.group("astron-md", 1);
    private final EventLoop actor = loopGroup.next();
    private final Bus bus;
    /** Each participant's membership of the bus, made at its first subscription; routing thread only. */
    private final Map<MdParticipant, Bus.ChannelMember> members = new HashMap<>();
    /** Post-remove datagrams per participant, grouped by the sender channel that registered them. */
    private final Map<MdParticipant, Map<Long, List<byte[]>>> postRemoves = new HashMap<>();
    /** The link to the director this one joins, if any (section 3.4); set once, before anything subscribes. */
    private volatile MdUpstream upstreamLink;
    /** What the upstream is told; routing thread only. */
    private Upstream upstream = Upstream.NONE;
    /** Where the post-removes are copied to outlive this node (in a cluster, section 3.5). */
    private final PostRemoveCopies copies;

    /** {@code bus}: where the channels live; the director's participants are its members there. */
    public MessageDirector(Bus bus) {
        this(bus, PostRemoveCopies.NONE);
    }

    /** As {@link #MessageDirector(Bus)}, each post-remove also copied to {@code copies}. */
    public MessageDirector(Bus bus, PostRemoveCopies copies) {
        this.bus = bus;
        this.copies = copies;
    }

    /** Routes a datagram (no length tag) from a participant, or from none; takes ownership of the buffer. */
    public void route(MdParticipant from, ByteBuf datagram) {
        if (!later(() -> {
            try {
                routeNow(from, datagram);
            } finally {
                datagram.release();
            }
        })) {
            datagram.release();
        }
    }

    /**
     * Queues a task on the routing thread; false (and the task dropped) once the director is
     * shutting down, when participants that go late have nowhere left to route to.
     */
    private boolean later(Runnable task) {
        try {
            actor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            log.debug("the message director is shut down; dropped a late task");
            return false;
        }
    }

    /**
     * Routes a datagram (no length tag) that the upstream sent: to this director's participants
     * only, never back up. Takes ownership of the buffer.
     */
    void routeFromUpstream(ByteBuf datagram) {
        if (!later(() -> {
            try {
                long[] recipients = recipients(datagram);
                if (recipients == null) {
                    log.error("truncated datagram header from the upstream Message Director");
                } else {
                    bus.publish(recipients, datagram);
                }
            } finally {
                datagram.release();
            }
        })) {
            datagram.release();
        }
    }

    /** Makes {@code u} this director's upstream, once everything queued before has been handled. */
    void attachUpstream(MdUpstream u) {
        actor.submit(() -> {
            upstreamLink = u;
            upstream = new UpstreamInterest(u::send);
        }).syncUninterruptibly();
    }

    /** To the local subscribers and, as astrond does, to the upstream whether or not any matched here. */
    private void routeNow(MdParticipant from, ByteBuf datagram) {
        long[] recipients = recipients(datagram);
        if (recipients == null) {
            log.error("truncated datagram header from {}", from == null ? "unknown participant" : from.name());
            return;
        }
        upstream.forward(datagram);
        // a sender without a membership has no subscription, so nothing to leave out
        Bus.ChannelMember sender = from == null ? null : members.get(from);
        if (sender == null) {
            bus.publish(recipients, datagram);
        } else {
            sender.publish(recipients, datagram);
        }
    }

    /** The participant's membership of the bus, made now if it has none. */
    private Bus.ChannelMember member(MdParticipant p) {
        Bus.ChannelMember m = members.get(p);
        if (m == null) {
            m = bus.join(p::deliver, actor);
            members.put(p, m);
        }
        return m;
    }

    /** The recipient channels at the head of a datagram, or null when it is too short. */
    static long[] recipients(ByteBuf d) {
        int at = d.readerIndex();
        if (d.readableBytes() < 1) {
            return null;
        }
        int count = d.getUnsignedByte(at);
        if (d.readableBytes() < 1 + count * CHANNEL_BYTES) {
            return null;
        }
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = d.getLongLE(at + 1 + i * CHANNEL_BYTES);
        }
        return out;
    }

    public void subscribe(MdParticipant p, long channel) {
        onActor(() -> {
            member(p).subscribe(channel);
            upstream.subscribe(p, channel);
        });
    }

    public void unsubscribe(MdParticipant p, long channel) {
        onActor(() -> {
            Bus.ChannelMember m = members.get(p);
            if (m != null) {
                m.unsubscribe(channel);
            }
            upstream.unsubscribe(p, channel);
        });
    }

    public void subscribeRange(MdParticipant p, long low, long high) {
        onActor(() -> {
            member(p).subscribeRange(low, high);
            upstream.subscribeRange(p, low, high);
        });
    }

    public void unsubscribeRange(MdParticipant p, long low, long high) {
        onActor(() -> {
            // a participant without a membership holds no single channel for the removal to drop
            Bus.ChannelMember m = members.get(p);
            if (m != null) {
                m.unsubscribeRange(low, high);
            }
            upstream.unsubscribeRange(p, low, high);
        });
    }

    /**
     * Keeps a datagram (no length tag) to route when {@code p} goes away, filed under {@code sender}.
     * Like a subscription, it takes effect at once on the routing thread, so that it is filed
     * before anything that thread does next (the participant's own removal included).
     */
    public void addPostRemove(MdParticipant p, long sender, byte[] datagram) {
        onActor(() -> {
            postRemoves.computeIfAbsent(p, k -> new LinkedHashMap<>()).computeIfAbsent(sender, k -> new ArrayList<>()).add(datagram);
            upstream.addPostRemove(sender, datagram);
            copies.added(p, sender, datagram);
        });
    }

    /** Forgets the post-remove datagrams {@code p} filed under {@code sender}. */
    public void clearPostRemoves(MdParticipant p, long sender) {
        onActor(() -> {
            Map<Long, List<byte[]>> bySender = postRemoves.get(p);
            if (bySender != null) {
                bySender.remove(sender);
                copies.cleared(p, sender);
            }
            upstream.clearPostRemoves(sender);
        });
    }

    /**
     * The participant is gone: drop its subscriptions, then route its post-remove datagrams.
     * Always queued, also on the routing thread, so that the datagrams it sent before it went
     * are routed first, however its transport reports the end.
     */
    public void remove(MdParticipant p) {
        later(() -> {
            Bus.ChannelMember m = members.remove(p);
            if (m != null) {
                m.close();
            }
            upstream.unsubscribeAll(p);
            Map<Long, List<byte[]>> bySender = postRemoves.remove(p);
            if (bySender != null) {
                for (Map.Entry<Long, List<byte[]>> e : bySender.entrySet()) {
                    for (byte[] d : e.getValue()) {
                        ByteBuf b = Unpooled.wrappedBuffer(d);
                        try {
                            routeNow(p, b);
                        } finally {
                            b.release();
                        }
                    }
                    // the upstream, which holds a copy of each, forgets them once they are routed
                    upstream.clearPostRemoves(e.getKey());
                }
                copies.sent(p);
            }
        });
    }

    /**
     * Subscription changes made by a participant while it handles a datagram (on the routing
     * thread) take effect at once, as in astrond; from elsewhere they queue behind what is queued.
     */
    private void onActor(Runnable task) {
        if (actor.inEventLoop()) {
            task.run();
        } else {
            later(task);
        }
    }

    /** Runs {@code task} on the routing thread after everything queued before it. */
    public void execute(Runnable task) {
        later(task);
    }

    /** The routing thread's event loop, on which the director's TCP links live. */
    EventLoopGroup loop() {
        return loopGroup;
    }

    /**
     * How many members on this node receive {@code channel}, once everything queued before has
     * been handled (never call it from the routing thread).
     */
    public int subscriberCount(long channel) {
        return actor.submit(() -> bus.localSubscribers(channel)).syncUninterruptibly().getNow();
    }

    /** Waits until everything queued so far has been handled (for orderly shutdown and tests). */
    public void drain(long timeoutMillis) {
        actor.submit(() -> null).awaitUninterruptibly(timeoutMillis);
    }

    @Override
    public void close() {
        MdUpstream link = upstreamLink;
        if (link != null) {
            link.close();
        }
        loopGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2000);
    }
}
