package io.gatehouse.astron.md;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP link to the Message Director (an AI or UberDOG process): frames are a uint16
 * little-endian length and a datagram. A datagram to channel 1 alone is a control message and
 * changes this link's subscriptions; any other is routed. A truncated control message ends
 * the link.
 */
public final class MdNetworkParticipant extends ChannelInboundHandlerAdapter implements MdParticipant {

    private static final Logger log = LoggerFactory.getLogger(MdNetworkParticipant.class);

    private final MessageDirector md;
    private Channel channel;
    private volatile String name;

    public MdNetworkParticipant(MessageDirector md) {
        this.md = md;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        name = String.valueOf(channel.remoteAddress()).replaceFirst("^/", "");
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf d = (ByteBuf) msg;
        long[] recipients = MessageDirector.recipients(d);
        if (recipients != null && recipients.length == 1 && recipients[0] == ControlMessage.CONTROL_CHANNEL) {
            try {
                control(d.skipBytes(1 + 8));
            } catch (IndexOutOfBoundsException e) {
                log.error("{} sent a truncated control message; closing the link", name);
                ctx.close();
            } finally {
                d.release();
            }
            return;
        }
        md.route(this, d);
    }

    private void control(ByteBuf d) {
        int type = d.readUnsignedShortLE();
        ControlMessage m = ControlMessage.of(type);
        if (m == null) {
            log.error("{} sent unknown control message type {}", name, type);
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
            case LOG_MESSAGE -> {
                int length = d.readUnsignedShortLE();
                log.info("[event from {}] {} bytes", name, d.readSlice(length).readableBytes());
            }
        }
    }

    private static String string(ByteBuf d) {
        int length = d.readUnsignedShortLE();
        return d.readCharSequence(length, StandardCharsets.UTF_8).toString();
    }

    @Override
    public void deliver(ByteBuf datagram) {
        if (!channel.isActive()) {
            datagram.release();
            return;
        }
        if (datagram.readableBytes() > DatagramOverflowException.MAX_BYTES) {
            log.error("{}: not sent a datagram of {} bytes (max {}); its length tag cannot say it",
                    name, datagram.readableBytes(), DatagramOverflowException.MAX_BYTES);
            datagram.release();
            return;
        }
        ByteBuf length = channel.alloc().buffer(2).writeShortLE(datagram.readableBytes());
        channel.write(length);
        channel.writeAndFlush(datagram, channel.voidPromise());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        md.remove(this);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            log.warn("md link {} failed", name, cause);
        }
        ctx.close();
    }
}
