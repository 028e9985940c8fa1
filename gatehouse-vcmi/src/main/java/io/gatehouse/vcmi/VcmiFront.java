package io.gatehouse.vcmi;

import io.gatehouse.core.front.CoreServices;
import io.gatehouse.core.front.Front;
import io.gatehouse.core.front.Listener;
import io.gatehouse.core.limits.ConnectionCap;
import io.gatehouse.core.metrics.ClientFaults;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.relay.LocalRelay;
import io.gatehouse.core.relay.Relay;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.session.SessionDirectory;
import io.gatehouse.core.time.Cancellable;
import io.gatehouse.core.time.Scheduler;
import io.gatehouse.core.transport.Listeners;
import io.gatehouse.core.transport.MeteredChannel;
import io.gatehouse.vcmi.codec.LobbyEncoding;
import io.gatehouse.vcmi.codec.LobbyReplyEncoder;
import io.gatehouse.vcmi.codec.VcmiFrameDecoder;
import io.gatehouse.vcmi.handler.LobbyLink;
import io.gatehouse.vcmi.handler.VcmiConnectionHandler;
import io.gatehouse.vcmi.handler.VcmiLobby;
import io.gatehouse.vcmi.handler.VcmiStats;
import io.gatehouse.vcmi.handler.VcmiStatus;
import io.gatehouse.vcmi.message.LobbyError;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The {@code vcmi} front: a drop-in for the VCMI proxy server (docs/protocol/vcmi.md). One
 * listener; each connection is a lobby user or a game pipe. The lobby runs as one actor
 * thread; pipes forward on their own event loops through the core's relay. Each client address
 * holds at most its share of the capacity (section 8).
 */
public final class VcmiFront implements Front {

    private static final AttributeKey<VcmiConnectionHandler> HANDLER = AttributeKey.valueOf(VcmiFront.class, "handler");
    private static final AttributeKey<byte[]> REFUSAL = AttributeKey.valueOf(VcmiFront.class, "refusal");
    private static final byte[] FULL = refusal(LobbyError.SERVER_FULL);
    private static final byte[] ADDRESS_FULL = refusal(LobbyError.ADDRESS_FULL);

    private final VcmiConfig config;
    private final Scheduler scheduler;
    private final EventLoopGroup group;
    private final MeteredChannel metered;
    private final Relay relay;
    private final ClientFaults faults;
    private final ConnectionCap cap;
    private final DefaultEventExecutor actor = new DefaultEventExecutor(new DefaultThreadFactory("vcmi-lobby", true));
    private final VcmiLobby lobby;
    /** On a node of a cluster (built from the core's services): where the lobby runs and how connections reach it; else null. */
    private LobbyLink link;
    private final ChannelGroup connections = new DefaultChannelGroup("vcmi", GlobalEventExecutor.INSTANCE);
    private volatile Cancellable health = Cancellable.NONE;
    private volatile boolean stopped;
    private Channel listener;

    /** Builds the front on the core's services and binds its listener. */
    static VcmiFront start(VcmiConfig config, CoreServices core) throws InterruptedException {
        VcmiFront front = new VcmiFront(config, core.scheduler(), core.io(), new FrontMetrics(core.meters(), VcmiModule.NAME),
                new VcmiStats(core.meters()), core.sessions(), core.relays().create(config.sessionGrace()));
        try {
            front.link = new LobbyLink(core.mail(), core.seniority(), front.lobby);
            return front.bind();
        } catch (RuntimeException | InterruptedException e) {
            front.stop(Duration.ZERO);
            throw e;
        }
    }

    /** A front on these services with its pipes paired on this node alone; {@link #bind()} opens its listener. */
    public VcmiFront(VcmiConfig config, Scheduler scheduler, EventLoopGroup group, FrontMetrics metrics, VcmiStats stats,
                     SessionDirectory sessions) {
        this(config, scheduler, group, metrics, stats, sessions, new LocalRelay(scheduler, config.sessionGrace()));
    }

    /** A front whose pipes pair through {@code relay} (the cluster's, on a clustered node); {@link #bind()} opens its listener. */
    public VcmiFront(VcmiConfig config, Scheduler scheduler, EventLoopGroup group, FrontMetrics metrics, VcmiStats stats,
                     SessionDirectory sessions, Relay relay) {
        this.config = config;
        this.scheduler = scheduler;
        this.group = group;
        this.metered = new MeteredChannel(metrics);
        this.relay = relay;
        this.faults = metrics.clientFaults(LoggerFactory.getLogger(VcmiConnectionHandler.class), scheduler::nowMillis);
        this.cap = new ConnectionCap(config.admission().connections(),
                metrics.refusals(LoggerFactory.getLogger(VcmiFront.class), scheduler::nowMillis));
        this.lobby = new VcmiLobby(actor, config, stats, relay, scheduler, faults, sessions);
    }

    public VcmiFront bind() throws InterruptedException {
        listener = Listeners.bind("vcmi", group, config.bind().toSocketAddress(), config.maxOutboundBytes(), 512 * 1024,
                new AcceptOrder(), new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        VcmiConnectionHandler handler = ch.attr(HANDLER).getAndSet(null);
                        if (handler == null) {
                            ch.writeAndFlush(Unpooled.wrappedBuffer(ch.attr(REFUSAL).getAndSet(null))).addListener(ChannelFutureListener.CLOSE);
                            return;
                        }
                        ch.pipeline()
                                .addLast(new VcmiFrameDecoder(config.maxPacketBytes(), config.admission().maxHandshakeBytes(),
                                        config.admission().maxHandshakePackets()))
                                .addLast(metered)
                                .addLast(handler);
                    }
                });
        scheduleHealthCheck();
        return this;
    }

    /**
     * Sees each accepted connection on the listener's thread, in accept order, before it is
     * handed to its event loop: lobby broadcasts go out in that order, as in the original.
     */
    private final class AcceptOrder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Channel child = (Channel) msg;
            InetAddress from = child.remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
            if (connections.size() >= config.capacity()) {
                child.attr(REFUSAL).set(FULL);
            } else if (from != null && !cap.admit(from)) {
                child.attr(REFUSAL).set(ADDRESS_FULL);
            } else {
                connections.add(child);
                if (from != null) {
                    child.closeFuture().addListener(f -> cap.release(from));
                }
                child.attr(HANDLER).set(link == null ? new VcmiConnectionHandler(lobby, relay, child)
                        : VcmiConnectionHandler.reaching(link, lobby, relay, child));
            }
            ctx.fireChannelRead(msg);
        }
    }

    private void scheduleHealthCheck() {
        if (config.healthcheck().isZero() || stopped) {
            return;
        }
        health = scheduler.schedule(config.healthcheck(), () -> {
            lobby.healthTick();
            scheduleHealthCheck();
        });
    }

    @Override
    public String name() {
        return VcmiModule.NAME;
    }

    @Override
    public List<Listener> listeners() {
        return List.of(new Listener(VcmiModule.NAME, "tcp", address(), Listener.hostPort(config.bind().host(), address())));
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    public Relay relay() {
        return relay;
    }

    /** The lobby's rooms and the games with pipes on this node, for an operator. */
    public CompletableFuture<VcmiStatus> status() {
        return lobby.status();
    }

    /** Stops accepting, tells lobby users, closes every connection, stops the lobby thread. */
    @Override
    public synchronized void stop(Duration grace) {
        if (stopped) {
            return;
        }
        long graceMillis = grace.toMillis();
        stopped = true;
        health.cancel();
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        lobby.shutdown();
        if (link != null) {
            link.shutdown();
        }
        actor.submit(() -> null).awaitUninterruptibly(graceMillis);
        connections.forEach(ch -> MeteredChannel.closing(ch, CloseReason.SERVER_SHUTDOWN));
        connections.close().awaitUninterruptibly(graceMillis, TimeUnit.MILLISECONDS);
        if (link != null) {
            link.close();
        }
        actor.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(graceMillis);
    }

    /** The ERROR line that refuses a connection at accept, in UTF-8: it has sent no handshake yet (section 8). */
    private static byte[] refusal(LobbyError error) {
        return LobbyEncoding.UTF8.encode(LobbyReplyEncoder.text(error.reply()));
    }
}
