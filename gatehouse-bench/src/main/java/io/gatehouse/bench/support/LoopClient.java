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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * A closed-loop client: one request outstanding, the next sent when the reply's bytes are in.
 * An optional prelude (handshake and auth) is sent first and its one reply packet skipped.
 * The same client measures Gatehouse and the plain baseline, so both pay the same client cost.
 */
public final class LoopClient extends ChannelInboundHandlerAdapter {

    /** How many bytes the prelude's reply takes, once enough of it is there to tell; -1 for not yet. */
    @FunctionalInterface
    public interface ReplySize {
        int of(ByteBuf received);
    }

    private final byte[] prelude;
    private final ReplySize preludeReply;
    private final byte[] request;
    private final int replySize;
    private final Recorder latency;
    private final AtomicLong rounds;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private ByteBuf received;
    private Channel channel;
    private volatile boolean running;
    private long intervalNanos;
    private boolean looping;
    private long sentAt;

    public LoopClient(byte[] prelude, ReplySize preludeReply, byte[] request, int replySize, Recorder latency, AtomicLong rounds) {
        this.prelude = prelude;
        this.preludeReply = preludeReply;
        this.request = request;
        this.replySize = replySize;
        this.latency = latency;
        this.rounds = rounds;
    }

    public CompletableFuture<Void> connect(EventLoopGroup group, InetSocketAddress server) throws InterruptedException {
        new Bootstrap().group(group).channel(Transports.clientChannel()).option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(LoopClient.this);
                    }
                }).connect(server).sync();
        return ready;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        received = ctx.alloc().buffer(1024);
        if (prelude.length > 0) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(prelude));
        } else {
            ready.complete(null);
        }
    }

    /** Starts the loop (call once every client is ready): as fast as replies come. */
    public void start() {
        start(0, 0);
    }

    /**
     * Starts the loop at one request per {@code intervalNanos} (0: closed loop), the first
     * after {@code phaseNanos}; a late reply delays the next request, never doubles it.
     */
    public void start(long intervalNanos, long phaseNanos) {
        this.intervalNanos = intervalNanos;
        running = true;
        channel.eventLoop().schedule(() -> {
            looping = true;
            send();
        }, phaseNanos, TimeUnit.NANOSECONDS);
    }

    public void stop() {
        running = false;
    }

    private void send() {
        sentAt = System.nanoTime();
        channel.writeAndFlush(Unpooled.wrappedBuffer(request), channel.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf b = (ByteBuf) msg;
        received.writeBytes(b);
        b.release();
        if (!ready.isDone()) {
            int n = preludeReply.of(received);
            if (n < 0 || received.readableBytes() < n) {
                return;
            }
            received.skipBytes(n);
            ready.complete(null);
        }
        while (looping && received.readableBytes() >= replySize) {
            received.skipBytes(replySize);
            latency.recordValue((System.nanoTime() - sentAt) / 1000);
            rounds.incrementAndGet();
            if (running && intervalNanos > 0) {
                long wait = sentAt + intervalNanos - System.nanoTime();
                channel.eventLoop().schedule(() -> {
                    if (running) {
                        send();
                    } else {
                        looping = false;
                    }
                }, Math.max(0, wait), TimeUnit.NANOSECONDS);
            } else if (running) {
                send();
            } else {
                looping = false;
            }
        }
        received.discardSomeReadBytes();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (received != null) {
            received.release();
            received = null;
        }
        ready.completeExceptionally(new IllegalStateException("closed"));
    }

    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly(2000);
        }
    }
}
