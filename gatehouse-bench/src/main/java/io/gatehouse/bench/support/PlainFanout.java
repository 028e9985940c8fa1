package io.gatehouse.bench.support;

import io.gatehouse.core.transport.Transports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.FixedLengthFrameDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;

/**
 * The push baseline: a plain Netty fan-out. Connections to {@link #subscriberAddress()}
 * subscribe; each fixed-size frame sent to {@link #publisherAddress()} is written and flushed
 * to every subscriber as one message, as Gatehouse does with each publish, with the same flush
 * consolidation Gatehouse's connections have.
 */
public final class PlainFanout implements AutoCloseable {

    private final Channel subscriberListener;
    private final Channel publisherListener;
    private final ChannelGroup subscribers = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    public PlainFanout(EventLoopGroup group, int frameSize) throws InterruptedException {
        subscriberListener = new ServerBootstrap().group(group).channel(Transports.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new FlushConsolidationHandler(256, true));
                        subscribers.add(ch);
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        publisherListener = new ServerBootstrap().group(group).channel(Transports.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new FixedLengthFrameDecoder(frameSize)).addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object frame) {
                                subscribers.writeAndFlush(frame);
                            }
                        });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    public InetSocketAddress subscriberAddress() {
        return (InetSocketAddress) subscriberListener.localAddress();
    }

    public InetSocketAddress publisherAddress() {
        return (InetSocketAddress) publisherListener.localAddress();
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    @Override
    public void close() {
        subscriberListener.close().awaitUninterruptibly(2000);
        publisherListener.close().awaitUninterruptibly(2000);
        subscribers.close().awaitUninterruptibly(2000);
    }
}
