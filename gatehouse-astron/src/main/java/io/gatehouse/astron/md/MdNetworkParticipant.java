package io.gatehouse.astron.md;

import io.gatehouse.core.metrics.ClientFaults;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.time.Cancellable;
import io.gatehouse.core.transport.AddressText;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP link to the Message Director (an AI or UberDOG process): frames are a uint16
 * little-endian length and a datagram. A datagram to channel 1 alone is a control message and
 * changes this link's subscriptions; any other is routed. A truncated control message ends
 * the link. The link lives on the director's routing thread, so what is routed to it is
 * written there at once; past {@code max_outbound_bytes} queued it is dropped as a slow
 * consumer, and a link that sends nothing within {@code first_message_timeout} is closed
 * (docs/protocol/astron.md, section 3.3). Whatever ends the link, its subscriptions go and its
 * post-removes are routed.
 */
public final class MdNetworkParticipant extends ChannelInboundHandlerAdapter implements MdParticipant {

    private static final Logger log = LoggerFactory.getLogger(MdNetworkParticipant.class);

    private final MessageDirector md;
    private final MdLinks links;
    private Channel channel;
    private volatile String name;
    private ClientFaults.Tracker faults;
    private Cancellable firstMessage = Cancellable.NONE;
    /** Whether the link has sent anything yet. */
    private boolean heard;
    /** Why the director closes the link; once set, nothing more it sends is acted on. */
    private CloseReason closing;

    public MdNetworkParticipant(MessageDirector md, MdLinks links) {
        this.md = md;
        this.links = links;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        name = AddressText.of(channel.remoteAddress());
        faults = links.faults().connection("md link " + name);
        links.metrics().connectionOpened();
        var timeout = links.config().firstMessageTimeout();
        if (!timeout.isZero()) {
            firstMessage = links.scheduler().schedule(timeout, () -> channel.eventLoop().execute(() -> {
                if (!heard && closing == null) {
                    faults.report("silent", "sent nothing within " + timeout.toMillis() + " ms of connecting; closing the link");
                    close(CloseReason.HEARTBEAT_TIMEOUT);
                }
            }));
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf d = (ByteBuf) msg;
        if (closing != null) {
            d.release();
            return;
        }
        if (!heard) {
            heard = true;
            firstMessage.cancel();
        }
        long[] recipients = MessageDirector.recipients(d);
        if (recipients == null) {
            // as astrond: a single recipient cut short is read as a control message and ends the
            // link; a longer list cut short is only dropped by the routing
            if (d.isReadable() && d.getUnsignedByte(d.readerIndex()) == 1) {
                faults.report("truncated_header", "a datagram whose one recipient is cut short; closing the link");
                close(CloseReason.TRUNCATED);
            } else {
                faults.report("truncated_header", "a datagram of " + d.readableBytes() + " bytes whose recipients are cut short; dropped");
            }
            d.release();
            return;
        }
        if (recipients.length == 1 && recipients[0] == ControlMessage.CONTROL_CHANNEL) {
            try {
                control(d.skipBytes(1 + 8));
            } finally {
                d.release();
            }
            return;
        }
        md.route(this, d);
    }

    /** A control message, from its type on; one cut short ends the link, as in astrond, and nothing of it is done. */
    private void control(ByteBuf d) {
        if (d.readableBytes() < 2) {
            truncatedControl();
            return;
        }
        int type = d.readUnsignedShortLE();
        ControlMessage m = ControlMessage.of(type);
        if (m == null) {
            faults.report("unknown_control", "unknown control message type " + type + "; ignored");
            return;
        }
        if (!m.complete(d)) {
            truncatedControl();
            return;
        }
        switch (m) {
            case ADD_CHANNEL -> md.subscribe(this, d.readLongLE());
            case REMOVE_CHANNEL -> md.unsubscribe(this, d.readLongLE());
            case ADD_RANGE -> md.subscribeRange(this, d.readLongLE(), d.readLongLE());
            case REMOVE_RANGE -> md.unsubscribeRange(this, d.readLongLE(), d.readLongLE());
            case ADD_POST_REMOVE -> {
                long sender = d.readLongLE();
                int length = d.readUnsignedShortLE();
                md.addPostRemove(this, sender, ByteBufUtil.getBytes(d.readSlice(length)));
            }
            case CLEAR_POST_REMOVES -> md.clearPostRemoves(this, d.readLongLE());
            case SET_CON_NAME -> name = string(d);
            case SET_CON_URL -> log.info("{} serves its status at {}", name, string(d));
            case LOG_MESSAGE -> links.events().sendPacket(ByteBufUtil.getBytes(d.readSlice(d.readUnsignedShortLE())));
        }
    }

    private void truncatedControl() {
        faults.report("truncated_control", "a truncated control message; closing the link");
        close(CloseReason.TRUNCATED);
    }

    private static String string(ByteBuf d) {
        int length = d.readUnsignedShortLE();
        return d.readCharSequence(length, StandardCharsets.UTF_8).toString();
    }

    /**
     * Writes the datagram with its length tag, on the routing thread. It is copied into a
     * buffer of the link's own: a view of the sender's read buffer would keep all of that
     * buffer alive while it waits, so that what a slow link holds would be more than it counts.
     */
    @Override
    public void deliver(ByteBuf datagram) {
        try {
            if (closing != null || !channel.isActive()) {
                return;
            }
            int length = datagram.readableBytes();
            if (length > DatagramOverflowException.MAX_BYTES) {
                log.error("{}: not sent a datagram of {} bytes (max {}); its length tag cannot say it",
                        name, length, DatagramOverflowException.MAX_BYTES);
                return;
            }
            ByteBuf frame = channel.alloc().buffer(2 + length).writeShortLE(length)
                    .writeBytes(datagram, datagram.readerIndex(), length);
            channel.writeAndFlush(frame, channel.voidPromise());
        } finally {
            ReferenceCountUtil.release(datagram);
        }
    }

    /** More than {@code max_outbound_bytes} wait for a link that does not read: it is dropped. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (!ctx.channel().isWritable() && closing == null) {
            log.warn("md link {}: more than {} bytes queued for a participant that does not read; dropping the link",
                    name, links.config().maxOutboundBytes());
            close(CloseReason.SLOW_CONSUMER);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        firstMessage.cancel();
        links.metrics().connectionClosed(closing == null ? CloseReason.CLIENT_CLOSED : closing);
        md.remove(this);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("md link {}: {}", name, cause.toString());
            close(CloseReason.IO_ERROR);
        } else {
            log.warn("md link {} failed", name, cause);
            close(CloseReason.SERVER_ERROR);
        }
    }

    private void close(CloseReason why) {
        if (closing == null) {
            closing = why;
        }
        channel.close();
    }
}
