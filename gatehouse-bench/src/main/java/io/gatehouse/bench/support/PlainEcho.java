package io.gatehouse.bench.support;

import io.gatehouse.core.transport.Transports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;

/** The echo baseline: a plain Netty server that writes back whatever it reads. */
public final class PlainEcho implements AutoCloseable {

    @Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    private final Channel listener;

    public PlainEcho(EventLoopGroup group) throws InterruptedException {
        listener = new ServerBootstrap().group(group).channel(Transports.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true).childHandler(new Echo())
                .bind("127.0.0.1", 0).sync().channel();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly(2000);
    }

    /** Runs the echo server alone (see {@link BaselineProcess}) until the process is stopped. */
    public static void main(String[] args) throws InterruptedException {
        EventLoopGroup group = Transports.group("baseline-echo", 0);
        PlainEcho echo = new PlainEcho(group);
        System.out.println(BaselineProcess.readyLine(echo.address().getPort()));
        System.out.flush();
        echo.listener.closeFuture().sync();
    }
}
