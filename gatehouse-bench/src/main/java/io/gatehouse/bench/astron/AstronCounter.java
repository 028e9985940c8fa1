package io.gatehouse.bench.astron;

import io.gatehouse.astron.md.DatagramOverflowException;
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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An astron game client that costs about what the baseline's byte counter costs: it sends
 * CLIENT_HELLO, then only walks datagram headers, counting field updates without decoding them.
 */
final class AstronCounter extends ByteToMessageDecoder {

    private static final int HELLO_RESP = 2;
    private static final int SET_FIELD = 120;
    private static final int DONE_INTEREST = 204;

    private final AtomicLong updates;
    private final long target;
    private final CompletableFuture<Void> done;
    final CompletableFuture<Void> hello = new CompletableFuture<>();
    final CompletableFuture<Void> interest = new CompletableFuture<>();
    private Channel channel;

    AstronCounter(AtomicLong updates, long target, CompletableFuture<Void> done) {
        this.updates = updates;
        this.target = target;
        this.done = done;
    }

    /** Connects and says hello; a version too long for CLIENT_HELLO's length tag is refused before connecting. */
    void open(EventLoopGroup group, InetSocketAddress agent, long hash, String version) throws InterruptedException {
        byte[] v = version.getBytes(StandardCharsets.UTF_8);
        DatagramOverflowException.requireFits("CLIENT_HELLO", 8 + v.length);
        channel = new Bootstrap().group(group).channel(Transports.clientChannel()).option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(AstronCounter.this);
                    }
                }).connect(agent).sync().channel();
        channel.writeAndFlush(Unpooled.buffer().writeShortLE(8 + v.length).writeShortLE(1).writeIntLE((int) hash)
                .writeShortLE(v.length).writeBytes(v));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 4) {
            int length = in.getUnsignedShortLE(in.readerIndex());
            if (in.readableBytes() < 2 + length) {
                return;
            }
            int type = in.getUnsignedShortLE(in.readerIndex() + 2);
            in.skipBytes(2 + length);
            switch (type) {
                case SET_FIELD -> {
                    if (updates.incrementAndGet() == target) {
                        done.complete(null);
                    }
                }
                case HELLO_RESP -> hello.complete(null);
                case DONE_INTEREST -> interest.complete(null);
                default -> {
                    // the interest announcement and the object's entry
                }
            }
        }
    }

    void close() {
        channel.close().awaitUninterruptibly(2000);
    }
}
