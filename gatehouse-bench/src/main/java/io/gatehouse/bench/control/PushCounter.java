package io.gatehouse.bench.control;

import io.gatehouse.control.codec.PacketReader;
import io.gatehouse.core.transport.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A subscriber that costs about what the baseline's byte counter costs: it sends its
 * handshake, auth and subscribe as raw bytes, then only walks packet headers, counting push
 * packets without decoding their bodies.
 */
final class PushCounter extends ByteToMessageDecoder {

    private final AtomicLong pushes;
    private final AtomicLong target;
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    private final CompletableFuture<Void> done;
    private int responses;
    private Channel channel;

    /** Counts into {@code pushes}; completes {@code done} when they reach {@code target} (which may be set later). */
    PushCounter(AtomicLong pushes, AtomicLong target, CompletableFuture<Void> done) {
        this.pushes = pushes;
        this.target = target;
        this.done = done;
    }

    /** Connects, authenticates and subscribes; completes when the subscribe answer is in. */
    CompletableFuture<Void> open(EventLoopGroup group, InetSocketAddress server, byte[] prelude) throws InterruptedException {
        channel = new Bootstrap().group(group).channel(Transports.clientChannel()).option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(PushCounter.this);
                    }
                }).connect(server).sync().channel();
        channel.writeAndFlush(Unpooled.wrappedBuffer(prelude));
        return subscribed;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int type = in.getUnsignedByte(in.readerIndex()) & PacketReader.TYPE_MASK;
            int fixed = PacketReader.fixedLength(type);
            if (fixed < 0) {
                throw new IllegalStateException("bad packet type " + type);
            }
            if (in.readableBytes() < fixed) {
                return;
            }
            int total = fixed + in.getUnsignedMedium(in.readerIndex() + fixed - 3);
            if (in.readableBytes() < total) {
                return;
            }
            in.skipBytes(total);
            if (type == PacketReader.TYPE_PUSH) {
                if (pushes.incrementAndGet() == target.get()) {
                    done.complete(null);
                }
            } else if (type == PacketReader.TYPE_RESPONSE && ++responses == 2) {
                subscribed.complete(null);
            }
        }
    }

    void close() {
        channel.close().awaitUninterruptibly(2000);
    }
}
