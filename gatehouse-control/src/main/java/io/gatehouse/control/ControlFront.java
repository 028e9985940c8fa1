package io.gatehouse.control;

import io.gatehouse.control.codec.ControlFrameDecoder;
import io.gatehouse.control.codec.ControlPacketEncoder;
import io.gatehouse.control.codec.WebSocketCodec;
import io.gatehouse.control.codec.WebSocketPacketDecoder;
import io.gatehouse.control.command.ControlCommands;
import io.gatehouse.control.handler.ActivityTap;
import io.gatehouse.control.handler.ControlConnectionHandler;
import io.gatehouse.control.handler.ControlServices;
import io.gatehouse.control.handler.TcpTransport;
import io.gatehouse.control.handler.TopicHub;
import io.gatehouse.control.handler.WebSocketTransport;
import io.gatehouse.core.bus.Topics;
import io.gatehouse.core.front.CoreServices;
import io.gatehouse.core.front.Front;
import io.gatehouse.core.front.Listener;
import io.gatehouse.core.limits.ConnectionCap;
import io.gatehouse.core.metrics.ClientFaults;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.transport.ConnectionCapHandler;
import io.gatehouse.core.transport.Listeners;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code control} front: the LongPort-style socket protocol of
 * {@code shared/spec/longport-socket.md} on a TCP listener (section 3.1) and a WebSocket
 * listener (3.2), one {@link ControlConnectionHandler} per connection.
 */
public final class ControlFront implements Front {

    private static final Logger log = LoggerFactory.getLogger(ControlFront.class);
    /** A connection is writable again once what waits for it is below half its bound, or below this. */
    private static final int MAX_LOW_WATER = 512 * 1024;

    private final ControlServices services;
    private final EventLoopGroup group;
    private final ControlCommands commands = new ControlCommands();
    private final ControlPacketEncoder encoder;
    private final ChannelGroup connections = new DefaultChannelGroup("control", GlobalEventExecutor.INSTANCE);
    private final ClientFaults faults;
    /** One cap for both listeners: an address's TCP and WebSocket connections count together. */
    private final ConnectionCapHandler cap;
    private Channel tcpListener;
    private Channel wsListener;
    private boolean stopped;

    /** Builds the front's services on the core's and binds its listeners. */
    static ControlFront start(ControlConfig config, CoreServices core) throws InterruptedException {
        FrontMetrics metrics = new FrontMetrics(core.meters(), ControlModule.NAME);
        ControlServices services = new ControlServices(config, core.grants(), core.sessions(), core.scheduler(), metrics,
                new TopicHub(core.bus(), ControlPacketEncoder.gzipFrom(config.gzipMinBytes())),
                core.throttle(config.logins(), metrics.refusals(log, core.scheduler()::nowMillis), "failed logins"));
        ControlFront front = new ControlFront(services, core.io());
        try {
            return front.bind();
        } catch (RuntimeException | InterruptedException e) {
            front.stop(Duration.ZERO);
            throw e;
        }
    }

    private ControlFront(ControlServices services, EventLoopGroup group) {
        this.services = services;
        this.group = group;
        this.encoder = ControlPacketEncoder.gzipFrom(services.config().gzipMinBytes());
        this.faults = services.metrics().clientFaults(LoggerFactory.getLogger(ControlConnectionHandler.class), services.scheduler()::nowMillis);
        this.cap = new ConnectionCapHandler(new ConnectionCap(services.config().connections(),
                services.metrics().refusals(log, services.scheduler()::nowMillis)));
    }

    /** Binds the listeners; returns when both are bound. */
    private ControlFront bind() throws InterruptedException {
        ControlConfig c = services.config();
        tcpListener = Listeners.bind("control tcp", group, c.bind().toSocketAddress(), c.maxOutboundBytes(), MAX_LOW_WATER,
                new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        initTcp(ch);
                    }
                });
        if (c.websocket() != null) {
            wsListener = Listeners.bind("control ws", group, c.websocket().toSocketAddress(), c.maxOutboundBytes(), MAX_LOW_WATER,
                    new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            initWebSocket(ch);
                        }
                    });
        }
        return this;
    }

    @Override
    public String name() {
        return ControlModule.NAME;
    }

    /** Its clients' topic subscriptions: an HTTP publish reaches them and answers how many there are here. */
    @Override
    public Optional<Topics> topics() {
        return Optional.of(services.hub());
    }

    @Override
    public List<Listener> listeners() {
        ControlConfig c = services.config();
        List<Listener> out = new ArrayList<>();
        out.add(new Listener(ControlModule.NAME, "tcp", tcpAddress(), Listener.hostPort(c.bind().host(), tcpAddress())));
        if (wsListener != null) {
            out.add(new Listener(ControlModule.NAME, "ws", webSocketAddress(), "ws://" + Listener.hostPort(c.websocket().host(),
                    webSocketAddress()) + c.websocketPath() + "?version=1&codec=1&platform=9"));
        }
        return out;
    }

    public InetSocketAddress tcpAddress() {
        return (InetSocketAddress) tcpListener.localAddress();
    }

    /** The WebSocket listener's address, or null when it is off. */
    public InetSocketAddress webSocketAddress() {
        return wsListener == null ? null : (InetSocketAddress) wsListener.localAddress();
    }

    public int connectionCount() {
        return connections.size();
    }

    private void initTcp(SocketChannel ch) {
        ControlConnectionHandler handler = new ControlConnectionHandler(services, new TcpTransport(), commands, faults);
        connections.add(ch);
        ch.pipeline()
                .addLast(cap)
                .addLast(new ActivityTap(handler::touch))
                .addLast(new FlushConsolidationHandler(256, true))
                .addLast(new ControlFrameDecoder(services.config().maxBodyBytes()))
                .addLast(encoder)
                .addLast(handler);
    }

    private void initWebSocket(SocketChannel ch) {
        ControlConfig c = services.config();
        WebSocketPacketDecoder decoder = new WebSocketPacketDecoder(c.maxBodyBytes());
        ControlConnectionHandler handler = new ControlConnectionHandler(services,
                new WebSocketTransport(services.scheduler(), c.pingInterval(), decoder), commands, faults);
        connections.add(ch);
        ChannelPipeline p = ch.pipeline();
        p.addLast(cap)
                .addLast(new ActivityTap(handler::touch))
                .addLast(new FlushConsolidationHandler(256, true));
        WebSocketCodec.install(p, c.maxBodyBytes(), c.authTimeout().toMillis(), encoder, decoder);
        p.addLast(handler);
    }

    /**
     * Stops accepting, sends every connection Close ServerShutdown, waits up to {@code grace}
     * for them to go.
     */
    @Override
    public synchronized void stop(Duration grace) {
        if (stopped) {
            return;
        }
        stopped = true;
        if (tcpListener != null) {
            tcpListener.close().syncUninterruptibly();
        }
        if (wsListener != null) {
            wsListener.close().syncUninterruptibly();
        }
        for (Channel ch : connections) {
            ControlConnectionHandler h = ch.pipeline().get(ControlConnectionHandler.class);
            if (h != null) {
                h.shutdown();
            } else {
                ch.close();
            }
        }
        if (!connections.newCloseFuture().awaitUninterruptibly(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("{} control connections still open after {} ms; closing them", connections.size(), grace.toMillis());
            connections.close().awaitUninterruptibly(1000);
        }
    }
}
