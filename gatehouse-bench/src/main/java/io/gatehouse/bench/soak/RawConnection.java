package io.gatehouse.bench.soak;

import io.gatehouse.core.transport.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A raw TCP connection of an abusive client: from a chosen source address, optionally with a
 * small receive buffer and never reading; what the server sends is discarded. It knows
 * whether the server or this side closed it, and when.
 */
final class RawConnection implements SlowReaders.Reader {

    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private final Channel channel;
    private final InetSocketAddress local;
    private final long openedNanos = System.nanoTime();
    private volatile boolean closedByUs;
    private volatile long closedNanos;
    private final CompletableFuture<RawConnection> closed = new CompletableFuture<>();

    private RawConnection(Channel channel, InetSocketAddress local) {
        this.channel = channel;
        this.local = local;
        channel.closeFuture().addListener(f -> {
            closedNanos = System.nanoTime();
            closed.complete(this);
        });
    }

    /**
     * Connects to {@code server} from {@code local}; {@code receiveBuffer} bytes of socket
     * receive buffer (0: the system's); {@code read} false never reads (a slow reader). The
     * future fails when the connection cannot be made.
     */
    static CompletableFuture<RawConnection> open(EventLoopGroup group, InetSocketAddress server, InetSocketAddress local,
                                                 int receiveBuffer, boolean read) {
        Bootstrap b = new Bootstrap().group(group).channel(Transports.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.AUTO_READ, read)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ReferenceCountUtil.release(msg);
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close();
                            }
                        });
                    }
                });
        if (receiveBuffer > 0) {
            b.option(ChannelOption.SO_RCVBUF, receiveBuffer);
        }
        CompletableFuture<RawConnection> out = new CompletableFuture<>();
        ChannelFuture f = b.connect(server, local);
        f.addListener(done -> {
            if (done.isSuccess()) {
                out.complete(new RawConnection(f.channel(), local));
            } else {
                out.completeExceptionally(done.cause());
            }
        });
        return out;
    }

    InetSocketAddress local() {
        return local;
    }

    void write(byte[] bytes) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes), channel.voidPromise());
    }

    /** Runs {@code task} on the connection's event loop after {@code millis}, unless it has closed by then. */
    void later(long millis, Runnable task) {
        channel.eventLoop().schedule(() -> {
            if (channel.isActive()) {
                task.run();
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    /** Closes it from this side (a no-op when the server already did). */
    @Override
    public void close() {
        if (channel.isActive()) {
            closedByUs = true;
        }
        channel.close();
    }

    /** Completes when the connection is closed, by either side. */
    CompletableFuture<RawConnection> closed() {
        return closed;
    }

    /** True when it closed and this side did not close it first. */
    boolean closedByServer() {
        return closed.isDone() && !closedByUs;
    }

    /** Seconds from connecting to the close, or to now while open. */
    double seconds() {
        long end = closed.isDone() ? closedNanos : System.nanoTime();
        return (end - openedNanos) / 1e9;
    }
}
