package io.gatehouse.bench.support;

import io.gatehouse.core.transport.Transports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * The baseline: a plain Netty forwarder with no protocol. Connections pair in arrival order
 * (first with second, third with fourth...); bytes flow both ways with the same
 * backpressure as Gatehouse's relay. What it reaches is the practical limit of the machine.
 */
public final class PlainForwarder implements AutoCloseable {

    private final Channel listener;
    private final ArrayDeque<Channel> waiting = new ArrayDeque<>();

    public PlainForwarder(EventLoopGroup group) throws InterruptedException {
        listener = new ServerBootstrap().group(group).channel(Transports.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        pair(ch);
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    private synchronized void pair(Channel ch) {
        Channel other = waiting.poll();
        if (other == null) {
            waiting.add(ch);
            return;
        }
        link(ch, other);
        link(other, ch);
        ch.config().setAutoRead(true);
        other.config().setAutoRead(true);
    }

    private static void link(Channel from, Channel to) {
        from.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                to.writeAndFlush((ByteBuf) msg, to.voidPromise());
                if (!to.isWritable()) {
                    from.config().setAutoRead(false);
                }
            }

            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                if (from.isWritable()) {
                    to.config().setAutoRead(true);
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                to.close();
            }
        });
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly(2000);
    }
}
