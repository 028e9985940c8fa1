package io.gatehouse.control.handler;

import io.gatehouse.control.codec.ControlBodies;
import io.gatehouse.control.codec.WebSocketPacketDecoder;
import io.gatehouse.control.message.Close;
import io.gatehouse.control.message.CloseCode;
import io.gatehouse.control.message.CommandCode;
import io.gatehouse.control.message.ControlPacket;
import io.gatehouse.control.message.Heartbeat;
import io.gatehouse.core.time.Cancellable;
import io.gatehouse.core.time.Scheduler;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * WebSocket (spec 3.2, 7.2, 7.3): the server Pings every {@code pingInterval} from the upgrade
 * on, with a Heartbeat body as payload, because the official SDK drops a link that receives
 * no Ping for 120 s. Closing sends the binary Close push, then a close frame with a legal
 * status and the same reason, then closes TCP.
 */
public final class WebSocketTransport implements ControlTransport {

    /** A close frame's reason must fit 123 bytes of UTF-8. */
    private static final int MAX_CLOSE_REASON_BYTES = 123;

    private final Scheduler scheduler;
    private final Duration pingInterval;
    private final WebSocketPacketDecoder decoder;
    private volatile Cancellable nextPing = Cancellable.NONE;
    private volatile boolean stopped;

    public WebSocketTransport(Scheduler scheduler, Duration pingInterval, WebSocketPacketDecoder decoder) {
        this.scheduler = scheduler;
        this.pingInterval = pingInterval;
        this.decoder = decoder;
    }

    @Override
    public String name() {
        return "ws";
    }

    @Override
    public void started(ChannelHandlerContext ctx) {
        schedulePing(ctx);
    }

    private void schedulePing(ChannelHandlerContext ctx) {
        if (stopped) {
            return;
        }
        nextPing = scheduler.schedule(pingInterval, () -> ctx.executor().execute(() -> {
            if (stopped || !ctx.channel().isActive()) {
                return;
            }
            byte[] payload = ControlBodies.encode(new Heartbeat(scheduler.nowMillis(), null));
            ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(payload)));
            schedulePing(ctx);
        }));
    }

    @Override
    public void close(ChannelHandlerContext ctx, CloseCode code, String reason) {
        stopped();
        if (!decoder.upgraded()) {
            ctx.close();
            return;
        }
        ControlPacket.Push push = new ControlPacket.Push(CommandCode.CLOSE.wire(), ControlBodies.encode(new Close(code, reason)));
        ctx.write(push);
        ctx.writeAndFlush(new CloseWebSocketFrame(code.webSocketStatus(), fit(reason))).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void stopped() {
        stopped = true;
        nextPing.cancel();
    }

    private static String fit(String reason) {
        byte[] b = reason.getBytes(StandardCharsets.UTF_8);
        if (b.length <= MAX_CLOSE_REASON_BYTES) {
            return reason;
        }
        String s = reason;
        while (s.getBytes(StandardCharsets.UTF_8).length > MAX_CLOSE_REASON_BYTES) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
