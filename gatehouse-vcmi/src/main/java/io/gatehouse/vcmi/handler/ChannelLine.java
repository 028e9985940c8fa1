package io.gatehouse.vcmi.handler;

import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.transport.AddressText;
import io.gatehouse.core.transport.MeteredChannel;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/** A lobby connection on this node: the lobby writes to its channel. */
record ChannelLine(Channel channel) implements LobbyLine {

    @Override
    public String address() {
        return AddressText.of(channel.remoteAddress());
    }

    @Override
    public void write(byte[] bytes) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }

    @Override
    public void closing(CloseReason reason) {
        MeteredChannel.closing(channel, reason);
    }

    @Override
    public void closeAfterWrites() {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
}
