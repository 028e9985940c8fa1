package io.gatehouse.core.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import java.net.InetSocketAddress;

/**
 * Every server socket of every front is set up here, the same way: the transport of
 * {@link Transports}, a backlog of {@link #BACKLOG}, {@code SO_REUSEADDR} (a restarted server
 * binds again at once), {@code TCP_NODELAY} on each connection (game traffic is small and
 * latency-bound), write-buffer watermarks from the front's own outbound bound, and each
 * accepted connection counted in {@link OpenSockets#PROCESS}, past whose cap it is closed at once.
 */
public final class Listeners {

    /** Connections the kernel queues before they are accepted: enough for a burst of reconnects after a restart. */
    public static final int BACKLOG = 4096;

    private Listeners() {
    }

    /**
     * Binds a listener whose connections each get {@code childHandler} (usually a
     * {@code ChannelInitializer}). A connection is not writable once {@code highWaterBytes} are
     * queued for it, and writable again below half of that (at most {@code maxLowWaterBytes}).
     *
     * @throws ListenerException when the address cannot be bound, naming the front and the address
     */
    public static Channel bind(String what, EventLoopGroup group, InetSocketAddress address, int highWaterBytes, int maxLowWaterBytes,
                               ChannelHandler childHandler) throws InterruptedException {
        return bind(what, group, address, highWaterBytes, maxLowWaterBytes, null, childHandler);
    }

    /**
     * As {@link #bind(String, EventLoopGroup, InetSocketAddress, int, int, ChannelHandler)}, with
     * {@code acceptHandler} in the listener's own pipeline, where it sees each accepted connection
     * in accept order before the connection is handed to its event loop.
     */
    public static Channel bind(String what, EventLoopGroup group, InetSocketAddress address, int highWaterBytes, int maxLowWaterBytes,
                               ChannelHandler acceptHandler, ChannelHandler childHandler) throws InterruptedException {
        return bind(what, group, address, highWaterBytes, maxLowWaterBytes, OpenSockets.PROCESS, acceptHandler, childHandler);
    }

    /** As {@link #bind(String, EventLoopGroup, InetSocketAddress, int, int, ChannelHandler, ChannelHandler)}, counted in {@code sockets}. */
    static Channel bind(String what, EventLoopGroup group, InetSocketAddress address, int highWaterBytes, int maxLowWaterBytes,
                        OpenSockets sockets, ChannelHandler acceptHandler, ChannelHandler childHandler) throws InterruptedException {
        int low = Math.max(1, Math.min(highWaterBytes / 2, maxLowWaterBytes));
        ServerBootstrap b = new ServerBootstrap().group(group).channel(Transports.serverChannel(group))
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(low, Math.max(low, highWaterBytes)))
                .childHandler(childHandler)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel listener) {
                        listener.pipeline().addLast(new SocketCount(sockets));
                        if (acceptHandler != null) {
                            listener.pipeline().addLast(acceptHandler);
                        }
                    }
                });
        try {
            return b.bind(address).sync().channel();
        } catch (Exception e) {
            if (e instanceof InterruptedException ie) {
                throw ie;
            }
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new ListenerException(what + ": cannot listen on " + address.getHostString() + ":" + address.getPort() + " (" + why + ")", e);
        }
    }

    /**
     * First in a listener's pipeline: counts each accepted connection in its {@link OpenSockets},
     * or, past their cap, closes it before it is registered anywhere (no handler of the front
     * hears of it).
     */
    private static final class SocketCount extends ChannelInboundHandlerAdapter {
        private final OpenSockets sockets;

        SocketCount(OpenSockets sockets) {
            this.sockets = sockets;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Channel child = (Channel) msg;
            if (sockets.admit()) {
                child.closeFuture().addListener(f -> sockets.release());
                ctx.fireChannelRead(child);
            } else {
                child.unsafe().closeForcibly();
            }
        }
    }

    /** A listener that could not be opened. */
    public static final class ListenerException extends RuntimeException {
        public ListenerException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
