package io.gatehouse.astron.md;

import io.gatehouse.core.transport.HostPort;
import io.gatehouse.core.transport.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This Message Director's link to the one it joins ({@code messagedirector.connect}; docs/protocol/astron.md,
 * section 3.4), a TCP client on the director's routing thread. What the director sends up is written
 * there at once with its length tag; what arrives is routed to this director's participants and
 * never sent back up. astrond stops its whole process when this link cannot be opened or goes;
 * Gatehouse does the same: the link reports it once to {@code onLost}, which the front turns into
 * the end of the process. Past {@code max_outbound_bytes} waiting to be written, the upstream is
 * taken as lost too: dropping part of the stream would leave the tree's subscriptions wrong.
 */
public final class MdUpstream implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MdUpstream.class);

    private final HostPort address;
    private final int maxOutboundBytes;
    private final Runnable onLost;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean closing;
    private Channel channel;

    private MdUpstream(HostPort address, int maxOutboundBytes, Runnable onLost) {
        this.address = address;
        this.maxOutboundBytes = maxOutboundBytes;
        this.onLost = onLost;
    }

    /**
     * Connects to the upstream director at {@code address} and makes it {@code md}'s upstream,
     * before anything subscribes. A connection that cannot be made is an
     * {@link UpstreamException} naming the address (the start fails, as astrond exits).
     */
    public static MdUpstream connect(MessageDirector md, HostPort address, int maxOutboundBytes, Runnable onLost)
            throws InterruptedException {
        MdUpstream u = new MdUpstream(address, maxOutboundBytes, onLost);
        int low = Math.max(1, maxOutboundBytes / 2);
        Bootstrap b = new Bootstrap().group(md.loop()).channel(Transports.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(low, maxOutboundBytes))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new FlushConsolidationHandler(256, true))
                                .addLast(new LengthFieldBasedFrameDecoder(ByteOrder.LITTLE_ENDIAN, MdListener.MAX_DATAGRAM + 2, 0, 2, 0, 2, true))
                                .addLast(u.new Inbound(md));
                    }
                });
        ChannelFuture f = b.connect(address.toSocketAddress()).await();
        if (!f.isSuccess()) {
            String why = f.cause() == null ? "not connected" : String.valueOf(f.cause().getMessage());
            throw new UpstreamException("astron Message Director: cannot connect to the upstream Message Director at " + address + " (" + why + ")");
        }
        u.channel = f.channel();
        md.attachUpstream(u);
        log.info("joined the upstream Message Director at {}", address);
        return u;
    }

    /** Writes a datagram (no length tag) upstream, on the routing thread; takes ownership of the buffer. */
    void send(ByteBuf datagram) {
        try {
            if (closing || !channel.isActive()) {
                return;
            }
            int length = datagram.readableBytes();
            if (length > DatagramOverflowException.MAX_BYTES) {
                log.error("not sent upstream a datagram of {} bytes (max {})", length, DatagramOverflowException.MAX_BYTES);
                return;
            }
            ByteBuf frame = channel.alloc().buffer(2 + length).writeShortLE(length).writeBytes(datagram, datagram.readerIndex(), length);
            channel.writeAndFlush(frame, channel.voidPromise());
        } finally {
            ReferenceCountUtil.release(datagram);
        }
    }

    private void lost(String why) {
        if (!closing && ended.compareAndSet(false, true)) {
            log.error("lost the upstream Message Director at {}: {}; stopping, as astrond does", address, why);
            onLost.run();
        }
    }

    /** Closes the link as the server stops; that is not a loss. */
    @Override
    public void close() {
        closing = true;
        if (channel != null) {
            channel.close().awaitUninterruptibly(2000);
        }
    }

    /** What the upstream sends: routed here, never back. */
    private final class Inbound extends ChannelInboundHandlerAdapter {

        private final MessageDirector md;

        Inbound(MessageDirector md) {
            this.md = md;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            md.routeFromUpstream((ByteBuf) msg);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
            if (!ctx.channel().isWritable()) {
                lost("more than " + maxOutboundBytes + " bytes wait to be written to it");
                ctx.close();
            }
            super.channelWritabilityChanged(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            lost("the connection closed");
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            lost(cause.toString());
            ctx.close();
        }
    }

    /** The upstream could not be joined. */
    public static final class UpstreamException extends RuntimeException {
        UpstreamException(String message) {
            super(message);
        }
    }
}
