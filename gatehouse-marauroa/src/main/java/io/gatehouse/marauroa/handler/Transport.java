package io.gatehouse.marauroa.handler;

import io.gatehouse.marauroa.codec.MarauroaCodec;
import io.gatehouse.marauroa.codec.MarauroaCodec.Envelope;
import io.gatehouse.marauroa.codec.MarauroaJson;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/**
 * What differs between Marauroa's two transports for one connection's state machine: how a
 * message is written (the binary codec on TCP, one JSON text message on WebSocket,
 * docs/protocol/marauroa.md section 11) and how the server ends the connection.
 */
public enum Transport {

    TCP {
        @Override
        Object encode(Envelope e, ByteBufAllocator alloc) {
            return MarauroaCodec.encode(e, alloc);
        }

        @Override
        void sendAndClose(ChannelHandlerContext ctx, Object encoded) {
            ctx.writeAndFlush(encoded).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        void close(ChannelHandlerContext ctx) {
            ctx.close();
        }
    },

    WEBSOCKET {
        @Override
        Object encode(Envelope e, ByteBufAllocator alloc) {
            return new TextWebSocketFrame(MarauroaJson.encode(e));
        }

        @Override
        void sendAndClose(ChannelHandlerContext ctx, Object encoded) {
            ctx.write(encoded);
            close(ctx);
        }

        /** Close 1000, then the socket (section 11.1); at once for a client that does not read. */
        @Override
        void close(ChannelHandlerContext ctx) {
            if (ctx.channel().isActive() && ctx.channel().isWritable()) {
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE)).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.close();
            }
        }
    };

    abstract Object encode(Envelope e, ByteBufAllocator alloc);

    /** Sends one encoded message, then ends the connection once it is out. */
    abstract void sendAndClose(ChannelHandlerContext ctx, Object encoded);

    /** Ends the connection. */
    abstract void close(ChannelHandlerContext ctx);
}
