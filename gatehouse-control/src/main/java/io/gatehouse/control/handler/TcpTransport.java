package io.gatehouse.control.handler;

import io.gatehouse.control.codec.ControlBodies;
import io.gatehouse.control.message.Close;
import io.gatehouse.control.message.CloseCode;
import io.gatehouse.control.message.CommandCode;
import io.gatehouse.control.message.ControlPacket;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;

/** TCP (spec 3.1): liveness comes from client heartbeats; closing is the Close push, a flush, then FIN. */
public final class TcpTransport implements ControlTransport {

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public void started(ChannelHandlerContext ctx) {
    }

    @Override
    public void close(ChannelHandlerContext ctx, CloseCode code, String reason) {
        ControlPacket.Push push = new ControlPacket.Push(CommandCode.CLOSE.wire(), ControlBodies.encode(new Close(code, reason)));
        ctx.writeAndFlush(push).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void stopped() {
    }
}
