package io.gatehouse.vcmi.handler;

import io.gatehouse.core.relay.PipeRole;
import io.gatehouse.core.relay.RelayService;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.transport.MeteredChannel;
import io.gatehouse.vcmi.message.LobbyPacket;
import io.gatehouse.vcmi.message.PipeHandshake;
import io.gatehouse.vcmi.message.PipeOpening;
import io.gatehouse.vcmi.message.VcmiDecodeFailure;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One vcmi connection: lobby packets go to the lobby actor; a pipe, once its handshake is
 * complete, is attached to the relay and its bytes forwarded. A pipe with no started game
 * behind its uuid is closed.
 */
public final class VcmiConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(VcmiConnectionHandler.class);
    /** Lobby packets one connection may have waiting before it stops being read. */
    static final int MAX_QUEUED_PACKETS = 256;

    private final VcmiLobby lobby;
    private final RelayService relay;
    private final int maxPendingBytes;
    private final LobbyClient client;
    /** Packets of this connection waiting for the lobby actor: the lobby's inbox is bounded per connection. */
    private final AtomicInteger queued = new AtomicInteger();
    private PipeEndpoint pipe;

    /**
     * Made when the connection is accepted, on the listener's thread: the lobby learns of the
     * connection then, so that its list keeps accept order.
     */
    public VcmiConnectionHandler(VcmiLobby lobby, RelayService relay, int maxPendingBytes, Channel channel) {
        this.lobby = lobby;
        this.relay = relay;
        this.maxPendingBytes = maxPendingBytes;
        this.client = new LobbyClient(channel);
        lobby.accepted(client);
        channel.closeFuture().addListener(f -> lobby.disconnected(client));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            if (pipe != null) {
                pipe.read(bytes);
            } else {
                bytes.release();
            }
        } else if (msg instanceof LobbyPacket p) {
            if (queued.incrementAndGet() >= MAX_QUEUED_PACKETS) {
                ctx.channel().config().setAutoRead(false);
            }
            lobby.packet(client, p.bytes(), this::packetDone);
        } else if (msg instanceof PipeOpening) {
            lobby.pipeStarted(client);
        } else if (msg instanceof PipeHandshake h) {
            startPipe(ctx, h);
        } else if (msg instanceof VcmiDecodeFailure f) {
            log.error("[!] {}: {}", client.address, f.detail());
            close(ctx, CloseReason.BAD_FRAME);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /** The lobby handled one of this connection's packets: read again once the backlog is small. */
    private void packetDone() {
        if (queued.decrementAndGet() == MAX_QUEUED_PACKETS / 2) {
            client.channel.config().setAutoRead(true);
        }
    }

    private void startPipe(ChannelHandlerContext ctx, PipeHandshake h) {
        PipeRole role = switch (h.role()) {
            case "server" -> PipeRole.SERVER;
            case "client" -> PipeRole.CLIENT;
            default -> null;
        };
        pipe = new PipeEndpoint(ctx.channel(), h.handshakeBytes(), maxPendingBytes);
        if (role == null || !relay.attach(h.uuid(), role, pipe)) {
            log.warn("[!] {}: no started game for {} pipe {}", client.address, h.role(), h.uuid());
            close(ctx, CloseReason.SESSION_EXPIRED);
            return;
        }
        log.info("[P] {} pipe {} attached", h.role(), h.uuid());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (pipe != null && ctx.channel().isWritable()) {
            pipe.writableAgain();
        } else if (pipe == null && !ctx.channel().isWritable()) {
            log.warn("[!] {} does not read what the lobby sends; closing it", client);
            close(ctx, CloseReason.SLOW_CONSUMER);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (pipe != null) {
            relay.detach(pipe);
            pipe.release();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            log.warn("vcmi connection {} failed", client.address, cause);
        }
        close(ctx, cause instanceof IOException ? CloseReason.IO_ERROR : CloseReason.SERVER_ERROR);
    }

    /** Closes, naming the reason for the front's meters. */
    private static void close(ChannelHandlerContext ctx, CloseReason reason) {
        MeteredChannel.closing(ctx.channel(), reason);
        ctx.close();
    }
}
