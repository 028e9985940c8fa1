package io.gatehouse.control.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.util.List;

/** Wraps each encoded packet in its own binary WebSocket message (spec 3.2: one packet per message). */
@Sharable
public final class WebSocketPacketFramer extends MessageToMessageEncoder<ByteBuf> {

    public static final WebSocketPacketFramer INSTANCE = new WebSocketPacketFramer();

    private WebSocketPacketFramer() {
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf packet, List<Object> out) {
        out.add(new BinaryWebSocketFrame(packet.retain()));
    }
}
