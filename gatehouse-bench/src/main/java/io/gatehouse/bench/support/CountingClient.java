package io.gatehouse.bench.support;

import io.gatehouse.core.transport.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A raw TCP client for throughput runs: counts what it receives without keeping it, and
 * sends a given number of bytes in 64 KiB writes as fast as the socket takes them.
 */
public final class CountingClient implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;

    private final Channel channel;
    private final AtomicLong received = new AtomicLong();
    private volatile long target = Long.MAX_VALUE;
    private volatile CompletableFuture<Long> reached = new CompletableFuture<>();
    /** Notified when the channel becomes writable or closes: a sender waits on it, not spinning. */
    private final Object writability = new Object();

    public CountingClient(EventLoopGroup group, InetSocketAddress server) throws InterruptedException {
        this.channel = new Bootstrap().group(group).channel(Transports.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ByteBuf b = (ByteBuf) msg;
                                long now = received.addAndGet(b.readableBytes());
                                b.release();
                                if (now >= target) {
                                    reached.complete(now);
                                }
                            }

                            @Override
                            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                                wakeSender();
                                ctx.fireChannelWritabilityChanged();
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                wakeSender();
                                ctx.fireChannelInactive();
                            }
                        });
                    }
                }).connect(server).sync().channel();
    }

    /** Completes when {@code bytes} in all have been received since the client opened. */
    public CompletableFuture<Long> whenReceived(long bytes) {
        reached = new CompletableFuture<>();
        target = bytes;
        if (received.get() >= bytes) {
            reached.complete(received.get());
        }
        return reached;
    }

    public void send(byte[] bytes) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }

    /** Sends {@code total} bytes of {@code pattern}, waiting whenever the socket is not writable. */
    public void blast(long total) throws InterruptedException {
        ByteBuf chunk = Unpooled.directBuffer(CHUNK).writeZero(CHUNK);
        try {
            for (long sent = 0; sent < total; sent += CHUNK) {
                int n = (int) Math.min(CHUNK, total - sent);
                awaitWritable();
                channel.writeAndFlush(chunk.retainedSlice(0, n), channel.voidPromise());
            }
        } finally {
            chunk.release();
        }
    }

    /**
     * Waits, off the CPU, until the channel may be written: a spinning sender would take one of
     * the machine's two cores from the server it measures.
     */
    private void awaitWritable() throws InterruptedException {
        synchronized (writability) {
            while (!channel.isWritable()) {
                if (!channel.isActive()) {
                    throw new IllegalStateException("connection closed while sending");
                }
                // bounded: a change heard between the check and the wait is seen at the next look
                writability.wait(10);
            }
        }
    }

    private void wakeSender() {
        synchronized (writability) {
            writability.notifyAll();
        }
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2000);
    }
}
