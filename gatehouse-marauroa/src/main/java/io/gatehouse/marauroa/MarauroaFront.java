package io.gatehouse.marauroa;

import io.gatehouse.core.account.CharacterStore;
import io.gatehouse.core.account.CreationLog;
import io.gatehouse.core.config.WebSocketBind;
import io.gatehouse.core.front.CoreServices;
import io.gatehouse.core.front.Front;
import io.gatehouse.core.front.Listener;
import io.gatehouse.core.limits.ConnectionCap;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.transport.ConnectionCapHandler;
import io.gatehouse.core.transport.Listeners;
import io.gatehouse.core.transport.MeteredChannel;
import io.gatehouse.marauroa.codec.MarauroaCodec;
import io.gatehouse.marauroa.codec.MarauroaMessageDecoder;
import io.gatehouse.marauroa.crypto.RsaKey;
import io.gatehouse.marauroa.game.MarauroaGame;
import io.gatehouse.marauroa.handler.MarauroaConnection;
import io.gatehouse.marauroa.handler.Handover;
import io.gatehouse.marauroa.handler.MarauroaServices;
import io.gatehouse.marauroa.handler.Transport;
import io.gatehouse.marauroa.web.PlayPages;
import io.gatehouse.marauroa.web.WebSocketPipeline;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code marauroa} front (docs/protocol/marauroa.md): the TCP listener, framing each
 * message by its {@code int32} size (the size field included), the browsers' WebSocket
 * listener with JSON messages (section 11) when configured, and one {@link MarauroaConnection}
 * per client, the same state machine on both.
 */
public final class MarauroaFront implements Front {

    /** How long the stop waits for the characters in the game to be stored. */
    private static final Duration DEPARTURE_LIMIT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(MarauroaFront.class);

    private final MarauroaServices services;
    private final Channel listener;
    /** The browsers' WebSocket listener (section 11); null when off. */
    private final Channel webListener;
    private final ChannelGroup connections = new DefaultChannelGroup("marauroa", GlobalEventExecutor.INSTANCE);
    private boolean stopped;

    /**
     * Loads the RSA key (made on first start, under {@code data_dir}), makes the game, and binds
     * the listener; the game's characters and creation records live in the core's store.
     */
    static MarauroaFront start(MarauroaConfig config, CoreServices core) throws InterruptedException {
        Path keyFile = core.dataDir().resolve(config.keyFile());
        RsaKey key;
        try {
            key = RsaKey.loadOrCreate(keyFile, config.keyBits());
        } catch (IOException e) {
            throw new IllegalStateException("marauroa.key_file: cannot read or write " + keyFile + ": " + e.getMessage(), e);
        }
        MarauroaGame game;
        try {
            game = config.newGame();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("marauroa.game_class: " + e.getMessage(), e);
        }
        FrontMetrics metrics = new FrontMetrics(core.meters(), MarauroaModule.NAME);
        MarauroaServices services = new MarauroaServices(config, key, game, core.accounts(), core.tokens(),
                new CharacterStore(core.database(), core.scheduler(), MarauroaModule.NAME),
                new CreationLog(core.database(), core.scheduler(), MarauroaModule.NAME), core.sessions(), core.handovers(),
                core.throttle(config.loginLimits(), metrics.refusals(log, core.scheduler()::nowMillis), "failed logins"),
                core.blocking(), core.scheduler(), metrics);
        core.handovers().serve(MarauroaModule.NAME, new Handover(services));
        try {
            return new MarauroaFront(services, core.io());
        } catch (RuntimeException | InterruptedException e) {
            services.close();
            throw e;
        }
    }

    private MarauroaFront(MarauroaServices services, EventLoopGroup group) throws InterruptedException {
        this.services = services;
        int max = services.config().maxMessageBytes();
        int outbound = services.config().maxOutboundBytes();
        MeteredChannel metered = new MeteredChannel(services.metrics());
        ConnectionCapHandler cap = new ConnectionCapHandler(new ConnectionCap(services.config().connections(),
                services.metrics().refusals(log, services.clock()::nowMillis)));
        this.listener = Listeners.bind("marauroa", group, services.config().bind().toSocketAddress(), outbound, outbound / 2,
                new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline()
                                .addLast(cap)
                                .addLast(MarauroaCodec.frameDecoder(max))
                                .addLast(metered)
                                .addLast(new MarauroaMessageDecoder(services.game().classes()))
                                .addLast(new MarauroaConnection(services, Transport.TCP));
                    }
                });
        WebSocketBind ws = services.config().websocket();
        if (!ws.enabled()) {
            this.webListener = null;
            return;
        }
        PlayPages pages = new PlayPages(ws.path());
        try {
            this.webListener = Listeners.bind("marauroa ws", group, ws.bind().toSocketAddress(), outbound, outbound / 2,
                    new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.add(ch);
                            ch.pipeline().addLast(cap);
                            WebSocketPipeline.install(ch.pipeline(), ws.path(), pages, max, services.config().preLoginTimeout().toMillis(),
                                    services.game().classes());
                            ch.pipeline().addLast(metered).addLast(new MarauroaConnection(services, Transport.WEBSOCKET));
                        }
                    });
        } catch (RuntimeException | InterruptedException e) {
            listener.close().awaitUninterruptibly(2000);
            throw e;
        }
    }

    @Override
    public String name() {
        return MarauroaModule.NAME;
    }

    @Override
    public List<Listener> listeners() {
        Listener tcp = new Listener(MarauroaModule.NAME, "tcp", address(), Listener.hostPort(services.config().bind().host(), address()));
        if (webListener == null) {
            return List.of(tcp);
        }
        WebSocketBind ws = services.config().websocket();
        return List.of(tcp, new Listener(MarauroaModule.NAME, "ws", webSocketAddress(),
                "ws://" + Listener.hostPort(ws.bind().host(), webSocketAddress()) + ws.path()));
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** The browsers' WebSocket listener (which serves /play/walkandchat too), or null when off. */
    public InetSocketAddress webSocketAddress() {
        return webListener == null ? null : (InetSocketAddress) webListener.localAddress();
    }

    /** Client connections open now. */
    public int connectionCount() {
        return connections.size();
    }

    public MarauroaServices services() {
        return services;
    }

    /**
     * Stops listening, closes every connection, and waits (at most {@link #DEPARTURE_LIMIT}, whatever
     * the grace) for the characters that were in the game to leave it and reach the store before the
     * turn loop ends: Marauroa's disconnect is the close itself.
     */
    @Override
    public synchronized void stop(Duration grace) {
        if (stopped) {
            return;
        }
        stopped = true;
        listener.close().awaitUninterruptibly(2000);
        if (webListener != null) {
            webListener.close().awaitUninterruptibly(2000);
        }
        List<Channel> open = List.copyOf(connections);
        connections.forEach(ch -> MeteredChannel.closing(ch, CloseReason.SERVER_SHUTDOWN));
        connections.close().awaitUninterruptibly(2000);
        // a closed channel's channelInactive runs later on its event loop: a task queued after it
        // runs once every departure has begun
        open.stream().map(Channel::eventLoop).distinct()
                .forEach(loop -> loop.submit(() -> { }).awaitUninterruptibly(2000));
        try {
            if (!services.departures().awaitNone(DEPARTURE_LIMIT)) {
                log.warn("characters still being stored after {} s; stopping the game all the same", DEPARTURE_LIMIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        services.close();
    }
}
