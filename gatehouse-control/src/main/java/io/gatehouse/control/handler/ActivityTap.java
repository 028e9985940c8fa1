package io.gatehouse.control.handler;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Sits at the head of a pipeline and reports every inbound read, so that any traffic
 * (WebSocket Pongs included, which never reach the connection handler) counts as liveness.
 */
public final class ActivityTap extends ChannelInboundHandlerAdapter {

    private final Runnable onRead;

    public ActivityTap(Runnable onRead) {
        this.onRead = onRead;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        onRead.run();
        ctx.fireChannelRead(msg);
    }
}
