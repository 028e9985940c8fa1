package io.gatehouse.core.transport;

import io.gatehouse.core.limits.ConnectionCap;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A front's per-address connection cap on its listeners' pipelines, put first (before TLS,
 * PROXY headers and framing): when a connection becomes active, {@link ConnectionCap#admit}
 * decides. An admitted connection goes on as if this handler were not there and is released
 * when it closes. A refused one is closed at once, without an answer, and the rest of its
 * pipeline never hears of it: no event after this handler, so the front neither counts it nor
 * starts its timers. One instance serves every channel of a front.
 */
@Sharable
public final class ConnectionCapHandler extends ChannelInboundHandlerAdapter {

    private static final AttributeKey<InetAddress> ADMITTED = AttributeKey.valueOf(ConnectionCapHandler.class, "admitted");
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf(ConnectionCapHandler.class, "refused");

    private final ConnectionCap cap;

    public ConnectionCapHandler(ConnectionCap cap) {
        this.cap = cap;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress address = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        if (address == null) {
            ctx.fireChannelActive();
        } else if (cap.admit(address)) {
            ctx.channel().attr(ADMITTED).set(address);
            ctx.fireChannelActive();
        } else {
            ctx.channel().attr(REFUSED).set(Boolean.TRUE);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (refused(ctx)) {
            return;
        }
        InetAddress admitted = ctx.channel().attr(ADMITTED).getAndSet(null);
        if (admitted != null) {
            cap.release(admitted);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused(ctx)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!refused(ctx)) {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (refused(ctx)) {
            ReferenceCountUtil.release(evt);
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!refused(ctx)) {
            ctx.fireChannelWritabilityChanged();
        }
    }

    @Override
    public void channelUnregistered(ChannelHandlerContext ctx) {
        if (!refused(ctx)) {
            ctx.fireChannelUnregistered();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!refused(ctx)) {
            ctx.fireExceptionCaught(cause);
        }
    }

    private static boolean refused(ChannelHandlerContext ctx) {
        return ctx.channel().hasAttr(REFUSED);
    }
}
