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
import io.netty.channel.group.ChannelMatchers;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.FixedLengthFrameDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
                                subscribers.writeAndFlush(frame, ChannelMatchers.all(), true);
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

    /**
     * One baseline round: {@code subscribers} counting clients, then {@code messages} frames
     * of {@code frameSize} bytes blasted through; deliveries (frames × subscribers) per second.
     */
    public double deliveriesPerSecond(EventLoopGroup group, int subscriberCount, int messages, int frameSize) throws Exception {
        List<CountingClient> subs = new ArrayList<>();
        List<CompletableFuture<Long>> done = new ArrayList<>();
        try {
            for (int i = 0; i < subscriberCount; i++) {
                subs.add(new CountingClient(group, subscriberAddress()));
            }
            while (subscriberCount() < subscriberCount) {
                Thread.sleep(10);
            }
            long bytes = (long) frameSize * messages;
            for (CountingClient c : subs) {
                done.add(c.whenReceived(bytes));
            }
            try (CountingClient publisher = new CountingClient(group, publisherAddress())) {
                long start = System.nanoTime();
                publisher.blast(bytes);
                CompletableFuture.allOf(done.toArray(CompletableFuture[]::new))
                        .get(300, TimeUnit.SECONDS);
                return (double) subscriberCount * messages / ((System.nanoTime() - start) / 1e9);
            }
        } finally {
            subs.forEach(CountingClient::close);
        }
    }
}
