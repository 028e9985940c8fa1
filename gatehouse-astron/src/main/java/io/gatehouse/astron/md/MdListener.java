package io.gatehouse.astron.md;

import io.gatehouse.core.transport.HostPort;
import io.gatehouse.core.transport.Listeners;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;

/**
 * The Message Director's TCP listener ({@code astron.md_bind}): uint16 little-endian length
 * framing. It accepts and reads its links on the director's own routing thread, so that
 * links are read in the order their bytes arrived and nothing waits for a hop to another
 * thread (docs/protocol/astron.md, section 3.2).
 */
public final class MdListener implements AutoCloseable {

    /** A frame's length tag is a uint16, so no datagram is longer. */
    public static final int MAX_DATAGRAM = 0xFFFF;

    private final Channel channel;
    /** The open links, closed with the listener so that their post-removes are routed while the director still runs. */
    private final ChannelGroup open;

    public MdListener(MessageDirector md, HostPort bind, MdLinks links) throws InterruptedException {
        int high = links.config().maxOutboundBytes();
        this.open = new DefaultChannelGroup("astron md links", md.loop().next());
        this.channel = Listeners.bind("astron Message Director", md.loop(), bind.toSocketAddress(), high, high / 2,
                new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // Every link is read and written on the MD's one loop: a datagram routed while
                        // another link is read is flushed once that read batch ends, not one by one.
                        open.add(ch);
                        ch.pipeline()
                                .addLast(new FlushConsolidationHandler(256, true))
                                .addLast(new LengthFieldBasedFrameDecoder(ByteOrder.LITTLE_ENDIAN, MAX_DATAGRAM + 2, 0, 2, 0, 2, true))
                                .addLast(new MdNetworkParticipant(md, links));
                    }
                });
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Stops accepting, then ends every link (each goes as in section 3.1: its post-removes are routed). */
    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2000);
        open.close().awaitUninterruptibly(2000);
    }
}
