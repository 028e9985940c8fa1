package io.gatehouse.core.transport;

import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.session.CloseReason;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.AttributeKey;
import java.io.IOException;

/**
 * Counts a front's connections, packets and closes in its {@link FrontMetrics}, for fronts
 * whose frames are whole messages once decoded: placed right after the frame decoder, every
 * read is one packet in and every write one packet out. The front names why it closes a
 * connection with {@link #closing} (the first reason named wins); a connection closed
 * without a reason counts as closed by the client, or as a network or framing error when
 * one was seen. One instance serves every channel of a front.
 */
@Sharable
public final class MeteredChannel extends ChannelDuplexHandler {

    private static final AttributeKey<CloseReason> REASON = AttributeKey.valueOf(MeteredChannel.class, "closeReason");

    private final FrontMetrics metrics;

    public MeteredChannel(FrontMetrics metrics) {
        this.metrics = metrics;
    }

    /** Names why the front is about to close the channel; a reason named earlier stays. */
    public static void closing(Channel channel, CloseReason reason) {
        channel.attr(REASON).setIfAbsent(reason);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        metrics.connectionOpened();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        CloseReason reason = ctx.channel().attr(REASON).get();
        metrics.connectionClosed(reason == null ? CloseReason.CLIENT_CLOSED : reason);
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        metrics.packetIn();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        metrics.packetOut();
        ctx.write(msg, promise);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closing(ctx.channel(), reasonFor(cause));
        ctx.fireExceptionCaught(cause);
    }

    private static CloseReason reasonFor(Throwable cause) {
        if (cause instanceof TooLongFrameException || cause.getCause() instanceof TooLongFrameException) {
            return CloseReason.OVERSIZED;
        }
        if (cause instanceof DecoderException) {
            return CloseReason.BAD_FRAME;
        }
        return cause instanceof IOException ? CloseReason.IO_ERROR : CloseReason.SERVER_ERROR;
    }
}
