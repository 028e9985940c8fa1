package io.gatehouse.client;

import io.gatehouse.core.transport.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/** What every client of this module shares: one event loop group, and TCP connections made the same way. */
public final class ClientSockets {

    private static final int CONNECT_TIMEOUT_MILLIS = 5000;
    private static EventLoopGroup shared;

    private ClientSockets() {
    }

    /** The event loop group of clients that are not given one (daemon threads, made on first use). */
    public static synchronized EventLoopGroup sharedGroup() {
        if (shared == null) {
            shared = Transports.group("gatehouse-client", 2);
        }
        return shared;
    }

    /** A bootstrap on {@code group} for a TCP connection without Nagle's delay, whose pipeline {@code pipeline} fills. */
    public static Bootstrap bootstrap(EventLoopGroup group, Consumer<ChannelPipeline> pipeline) {
        return new Bootstrap().group(group).channel(Transports.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        pipeline.accept(ch.pipeline());
                    }
                });
    }

    /** Connects to {@code server} on the shared group; returns once connected. */
    public static Channel connect(InetSocketAddress server, Consumer<ChannelPipeline> pipeline) throws InterruptedException {
        return connect(server, null, pipeline);
    }

    /** Connects to {@code server} from {@code local} (null: any address) on the shared group; returns once connected. */
    public static Channel connect(InetSocketAddress server, InetSocketAddress local, Consumer<ChannelPipeline> pipeline)
            throws InterruptedException {
        Bootstrap b = bootstrap(sharedGroup(), pipeline);
        return (local == null ? b.connect(server) : b.connect(server, local)).sync().channel();
    }
}
