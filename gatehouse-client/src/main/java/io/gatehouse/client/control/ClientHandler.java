package io.gatehouse.client.control;

import com.google.protobuf.InvalidProtocolBufferException;
import io.gatehouse.control.codec.ControlBodies;
import io.gatehouse.control.message.Close;
import io.gatehouse.control.message.CommandCode;
import io.gatehouse.control.message.ControlMessage;
import io.gatehouse.control.message.ControlPacket;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** The client side of one connection: matches responses to requests, queues pushes, notes how it ended. */
final class ClientHandler extends SimpleChannelInboundHandler<Object> {

    private final Map<Long, CompletableFuture<ControlPacket.Response>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<ControlPacket.Push> pushes = new LinkedBlockingQueue<>();
    private final CompletableFuture<ClosedBy> closed = new CompletableFuture<>();
    private final CompletableFuture<Void> upgraded = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private volatile Close closePush;
    private volatile Consumer<ControlPacket.Push> pushListener;
    private volatile int closeStatus = -1;

    CompletableFuture<ControlPacket.Response> expect(long requestId) {
        CompletableFuture<ControlPacket.Response> f = new CompletableFuture<>();
        pending.put(requestId, f);
        if (closed.isDone()) {
            f.completeExceptionally(new IOException("connection closed"));
        }
        return f;
    }

    BlockingQueue<ControlPacket.Push> pushes() {
        return pushes;
    }

    CompletableFuture<ClosedBy> closed() {
        return closed;
    }

    CompletableFuture<Void> upgraded() {
        return upgraded;
    }

    void pushListener(Consumer<ControlPacket.Push> listener) {
        this.pushListener = listener;
    }

    int pings() {
        return pings.get();
    }

    /** Counts Pings on their way to the protocol handler, which answers them with Pongs. */
    ChannelInboundHandlerAdapter pingCounter() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof PingWebSocketFrame) {
                    pings.incrementAndGet();
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            upgraded.complete(null);
        } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            upgraded.completeExceptionally(new IOException("websocket handshake timed out"));
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof CloseWebSocketFrame frame) {
            closeStatus = frame.statusCode();
            ctx.close();
        } else if (msg instanceof ControlPacket.Response r) {
            CompletableFuture<ControlPacket.Response> f = pending.remove(r.requestId());
            if (f != null) {
                f.complete(r);
            }
        } else if (msg instanceof ControlPacket.Push p) {
            if (p.cmd() == CommandCode.CLOSE.wire()) {
                try {
                    closePush = ControlBodies.decodeClose(p.body());
                } catch (InvalidProtocolBufferException e) {
                    closePush = new Close(-1, "undecodable close body");
                }
            } else if (pushListener != null) {
                pushListener.accept(p);
            } else {
                pushes.add(p);
            }
        } else if (msg instanceof ControlPacket.Request r && r.cmd() == CommandCode.HEARTBEAT.wire()) {
            ctx.writeAndFlush(ControlPacket.Response.ok(r, r.body()));
        } else if (msg instanceof ControlMessage) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        upgraded.completeExceptionally(new IOException("closed before the websocket upgrade"));
        closed.complete(new ClosedBy(closePush, closeStatus));
        pending.values().forEach(f -> f.completeExceptionally(new IOException("connection closed")));
        pending.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
