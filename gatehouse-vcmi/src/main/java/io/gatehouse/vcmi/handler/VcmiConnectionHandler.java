package io.gatehouse.vcmi.handler;

import io.gatehouse.core.relay.PipeRole;
import io.gatehouse.core.relay.Relay;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.time.Deadline;
import io.gatehouse.core.transport.MeteredChannel;
import io.gatehouse.vcmi.VcmiConfig;
import io.gatehouse.vcmi.message.LobbyPacket;
import io.gatehouse.vcmi.message.PipeHandshake;
import io.gatehouse.vcmi.message.PipeOpening;
import io.gatehouse.vcmi.message.VcmiDecodeFailure;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One vcmi connection: lobby packets go to the lobby actor (where the cluster's lobby runs on
 * another node, through a {@link ForwardedMember}: docs/protocol/vcmi.md section 12); a pipe,
 * once its handshake is complete, is attached to the relay and its bytes forwarded. A pipe with
 * no started game behind its uuid is closed. A connection that has not proven what it is within
 * {@code handshake_timeout} is closed (section 8).
 */
public final class VcmiConnectionHandler extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(VcmiConnectionHandler.class);
    /** Lobby packets one connection may have waiting before it stops being read. */
    static final int MAX_QUEUED_PACKETS = 256;

    private final VcmiLobby lobby;
    private final LobbyPlace place;
    private final Relay relay;
    private final Channel channel;
    private final LobbyClient client;
    /** Bytes of this connection's packets waiting for the lobby actor before it stops being read. */
    private final long maxQueuedBytes;
    /** Packets of this connection waiting for the lobby actor, and their bytes; touched on the event loop only. */
    private int queuedPackets;
    private long queuedBytes;
    /** Set on the event loop when the first packet shows a lobby connection, or a pipe. */
    private boolean lobbyConnection;
    private boolean pipeConnection;
    private PipeEndpoint pipe;
    /** Set on the event loop at the first lobby packet when the lobby runs on another node. */
    private ForwardedMember forwarded;
    /** Set on the event loop when the relay refused this connection's pipe. */
    private boolean pipeRefused;

    /**
     * Made when the connection is accepted, on the listener's thread: the lobby learns of the
     * connection then, so that its list keeps accept order.
     */
    public VcmiConnectionHandler(VcmiLobby lobby, Relay relay, Channel channel) {
        this(lobby, LobbyPlace.HERE, relay, channel);
    }

    /**
     * As above, on a node of a cluster: a lobby connection whose first packet comes while the
     * lobby runs on another node is forwarded there through {@code link}.
     */
    public static VcmiConnectionHandler reaching(LobbyLink link, VcmiLobby lobby, Relay relay, Channel channel) {
        return new VcmiConnectionHandler(lobby, link, relay, channel);
    }

    VcmiConnectionHandler(VcmiLobby lobby, LobbyPlace place, Relay relay, Channel channel) {
        this.lobby = lobby;
        this.place = place;
        this.relay = relay;
        this.channel = channel;
        this.maxQueuedBytes = lobby.config.maxPacketBytes();
        Deadline handshake = new Deadline(lobby.scheduler, lobby.config.admission().handshakeTimeout(),
                () -> onLoop(this::handshakeExpired));
        this.client = new LobbyClient(channel, lobby.faults, handshake);
        lobby.accepted(client);
        channel.closeFuture().addListener(f -> {
            lobby.disconnected(client);
            inLoop(() -> {
                if (forwarded != null) {
                    forwarded.closed();
                }
            });
        });
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        client.handshakeLimit.start();
        super.channelActive(ctx);
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
            if (!lobbyConnection && !place.lobbyHere()) {
                forwarded = place.forward(channel, p.bytes());
            }
            lobbyConnection = true;
            int size = p.bytes().length;
            queuedPackets++;
            queuedBytes += size;
            if (queuedPackets >= MAX_QUEUED_PACKETS || queuedBytes >= maxQueuedBytes) {
                channel.config().setAutoRead(false);
            }
            if (forwarded != null) {
                if (!forwarded.packet(p.bytes(), () -> packetDone(size))) {
                    lobby.fault(client, "oversized", "a packet of " + size + " bytes is too large to forward to the lobby's node; closing");
                    close(CloseReason.OVERSIZED);
                }
            } else {
                lobby.packet(client, p.bytes(), () -> onLoop(() -> packetDone(size)));
            }
        } else if (msg instanceof PipeOpening) {
            pipeConnection = true;
            lobby.pipeStarted(client);
        } else if (msg instanceof PipeHandshake h) {
            client.handshakeLimit.stop();
            startPipe(ctx, h);
        } else if (msg instanceof VcmiDecodeFailure f) {
            CloseReason reason = switch (f.cause()) {
                case MALFORMED -> CloseReason.BAD_FRAME;
                case OVERSIZED, HANDSHAKE_LIMIT -> CloseReason.OVERSIZED;
            };
            lobby.fault(client, f.cause() == VcmiDecodeFailure.Cause.HANDSHAKE_LIMIT ? "handshake_limit" : reason.tag(),
                    f.detail() + "; closing");
            close(reason);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /** The lobby handled one of this connection's packets: read again once the backlog is small. */
    private void packetDone(int size) {
        queuedPackets--;
        queuedBytes -= size;
        if (queuedPackets <= MAX_QUEUED_PACKETS / 2 && queuedBytes <= maxQueuedBytes / 2 && channel.isActive()
                && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    private void startPipe(ChannelHandlerContext ctx, PipeHandshake h) {
        PipeRole role = switch (h.role()) {
            case "server" -> PipeRole.SERVER;
            case "client" -> PipeRole.CLIENT;
            default -> null;
        };
        pipe = new PipeEndpoint(ctx.channel(), h.uuid(), h.role(), h.handshakeBytes(), lobby.config.maxPendingBytes(),
                lobby.config.splice() == VcmiConfig.Splice.AUTO, lobby.stats, () -> inLoop(() -> refused(h)));
        lobby.pipes.add(pipe);
        if (role == null) {
            refused(h);
            return;
        }
        relay.attach(h.uuid(), role, pipe);
        if (!pipeRefused) {
            log.info("[P] {} pipe {} attached", h.role(), h.uuid());
        }
    }

    /** No started game admits the pipe (the relay said so, at once or later): it is closed. */
    private void refused(PipeHandshake h) {
        if (pipeRefused) {
            return;
        }
        pipeRefused = true;
        lobby.fault(client, "unknown_pipe", "no started game for " + h.role() + " pipe " + h.uuid() + "; closing");
        close(CloseReason.SESSION_EXPIRED);
    }

    /** The handshake deadline passed: a connection that is not yet a lobby user or a paired-up pipe goes. */
    private void handshakeExpired() {
        if (!channel.isActive() || pipe != null) {
            return;
        }
        if (forwarded != null) {
            forwarded.expired();
            return;
        }
        if (lobbyConnection) {
            // The lobby knows whether it has been greeted meanwhile, and answers in its encoding.
            lobby.handshakeExpired(client);
            return;
        }
        lobby.fault(client, "timeout", "no complete " + (pipeConnection ? "pipe handshake" : "first packet")
                + " within " + lobby.config.admission().handshakeTimeout().toSeconds() + " s; closing");
        close(CloseReason.HEARTBEAT_TIMEOUT);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (pipe != null && ctx.channel().isWritable()) {
            pipe.writableAgain();
        } else if (pipe == null && !ctx.channel().isWritable()) {
            log.warn("[!] {} does not read what the lobby sends; closing it", client);
            close(CloseReason.SLOW_CONSUMER);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        client.handshakeLimit.stop();
        if (pipe != null) {
            lobby.pipes.remove(pipe);
            relay.detach(pipe);
            pipe.release();
        }
        super.channelInactive(ctx);
    }

    /** A pipe whose bytes the kernel moves is out of epoll: it comes back first, then closes as any other. */
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        if (pipe == null || !pipe.closeLater(promise)) {
            super.close(ctx, promise);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            log.warn("vcmi connection {} failed", client.address, cause);
        }
        close(cause instanceof IOException ? CloseReason.IO_ERROR : CloseReason.SERVER_ERROR);
    }

    /** Runs on this connection's event loop; dropped when the loop is gone (the server is stopping). */
    private void onLoop(Runnable task) {
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("{}: the event loop is gone; a late task is dropped", client.address);
        }
    }

    /** Runs on this connection's event loop: now when called there, else queued as {@link #onLoop} does. */
    private void inLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            onLoop(task);
        }
    }

    /** Closes, naming the reason for the front's meters. */
    private void close(CloseReason reason) {
        MeteredChannel.closing(channel, reason);
        channel.close();
    }
}
