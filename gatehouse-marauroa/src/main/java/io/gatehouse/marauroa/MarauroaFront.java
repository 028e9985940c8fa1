package io.gatehouse.marauroa;

import io.gatehouse.core.limits.ConnectionCap;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.transport.ConnectionCapHandler;
import io.gatehouse.core.transport.MeteredChannel;
import io.gatehouse.core.transport.Transports;
import io.gatehouse.marauroa.codec.MarauroaCodec;
import io.gatehouse.marauroa.handler.MarauroaConnection;
import io.gatehouse.marauroa.handler.MarauroaServices;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import org.slf4j.LoggerFactory;

/**
 * The {@code marauroa} front (docs/protocol/marauroa.md): the TCP listener, framing each
 * message by its {@code int32} size (the size field included), and one
 * {@link MarauroaConnection} per client.
 */
public final class MarauroaFront implements AutoCloseable {

    private final MarauroaServices services;
    private final Channel listener;
    private final ChannelGroup connections = new DefaultChannelGroup("marauroa", GlobalEventExecutor.INSTANCE);

    public MarauroaFront(MarauroaServices services, EventLoopGroup group) throws InterruptedException {
        this.services = services;
        int max = services.config().maxMessageBytes();
        int outbound = services.config().maxOutboundBytes();
        MeteredChannel metered = new MeteredChannel(services.metrics());
        ConnectionCapHandler cap = new ConnectionCapHandler(new ConnectionCap(services.config().connections(),
                services.metrics().refusals(LoggerFactory.getLogger(MarauroaFront.class), services.clock()::nowMillis)));
        this.listener = new ServerBootstrap().group(group).channel(Transports.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(outbound / 2, outbound))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline()
                                .addLast(cap)
                                .addLast(MarauroaCodec.frameDecoder(max))
                                .addLast(metered)
                                .addLast(new MarauroaConnection(services));
                    }
                })
                .bind(services.config().bind().toSocketAddress()).sync().channel();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Client connections open now. */
    public int connectionCount() {
        return connections.size();
    }

    public MarauroaServices services() {
        return services;
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly(2000);
        connections.forEach(ch -> MeteredChannel.closing(ch, CloseReason.SERVER_SHUTDOWN));
        connections.close().awaitUninterruptibly(2000);
        services.close();
    }
}
