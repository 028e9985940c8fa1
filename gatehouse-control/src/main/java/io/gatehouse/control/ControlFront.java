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
import io.gatehouse.control.handler.WebSocketTransport;
import io.gatehouse.core.limits.ConnectionCap;
import io.gatehouse.core.metrics.ClientFaults;
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
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code control} front: the LongPort-style socket protocol of
 * {@code shared/spec/longport-socket.md} on a TCP listener (section 3.1) and a WebSocket
 * listener (3.2), one {@link ControlConnectionHandler} per connection.
 */
public final class ControlFront implements AutoCloseable {

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

    public ControlFront(ControlServices services, EventLoopGroup group) {
        this.services = services;
        this.group = group;
        this.encoder = ControlPacketEncoder.gzipFrom(services.config().gzipMinBytes());
        this.faults = services.metrics().clientFaults(LoggerFactory.getLogger(ControlConnectionHandler.class), services.scheduler()::nowMillis);
        this.cap = new ConnectionCapHandler(new ConnectionCap(services.config().connections(),
                services.metrics().refusals(log, services.scheduler()::nowMillis)));
    }

    /** Binds the listeners; returns when both are bound. */
    public ControlFront start() throws InterruptedException {
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
     * Stops accepting, sends every connection Close ServerShutdown, and waits up to
     * {@code graceMillis} for them to go.
     */
    public void stop(long graceMillis) {
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
        if (!connections.newCloseFuture().awaitUninterruptibly(graceMillis, TimeUnit.MILLISECONDS)) {
            log.warn("{} control connections still open after {} ms; closing them", connections.size(), graceMillis);
            connections.close().awaitUninterruptibly(1000);
        }
    }

    @Override
    public void close() {
        stop(5000);
    }
}
