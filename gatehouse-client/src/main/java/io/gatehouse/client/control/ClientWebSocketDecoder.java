package io.gatehouse.client.control;

import io.gatehouse.control.codec.PacketReader;
import io.gatehouse.control.message.ControlMessage;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/** Client side: one packet per binary message; close frames pass on to the handler. */
final class ClientWebSocketDecoder extends MessageToMessageDecoder<WebSocketFrame> {

    private final PacketReader reader = new PacketReader(PacketReader.MAX_WIRE_BODY);

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof BinaryWebSocketFrame) {
            ControlMessage m = reader.tryRead(frame.content());
            if (m != null) {
                out.add(m);
            }
        } else {
            out.add(frame.retain());
        }
    }
}
