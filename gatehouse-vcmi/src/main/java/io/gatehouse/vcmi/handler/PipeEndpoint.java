package io.gatehouse.vcmi.handler;

import io.gatehouse.core.relay.PipeEnd;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.transport.AddressText;
import io.gatehouse.core.transport.MeteredChannel;
import io.gatehouse.core.transport.SplicePair;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;

/**
 * One game pipe after its handshake (section 4): holds its bytes back, handshake first,
 * until the relay pairs it, then forwards each buffer to the peer as it is read, with no
 * copy. When the peer cannot keep up this end stops reading until the peer drains.
 *
 * <p>Once paired nothing in a pipe's bytes is looked at any more, so when both ends are native
 * epoll channels of this node (and {@code vcmi.splice} is {@code auto}) the pair is handed to the
 * kernel ({@link PipeSplice}): after what was held back is written, splice(2) moves the bytes
 * and this end's channel is out of epoll until the splice ends.
 */
final class PipeEndpoint implements PipeEnd {

    /** How this end's bytes travel now. */
    private enum Path {
        /** Through the JVM, each buffer forwarded as read. */
        COPY,
        /** Being handed to the kernel: not read, bytes held back if a read slips in. */
        HANDOVER,
        /** Moved by splice(2); the channel is out of epoll. */
        SPLICE
    }

    private final Channel channel;
    private final String uuid;
    private final String role;
    private final int maxPendingBytes;
    private final boolean maySplice;
    private final VcmiStats stats;
    private final Runnable onRefused;
    private final ArrayDeque<ByteBuf> pending = new ArrayDeque<>();
    private long pendingBytes;
    private volatile PipeEnd peer;
    /** Bytes read from this end's client, its handshake included; written on its event loop only, read by the lobby's status. */
    private volatile long bytesRead;
    /** Touched on this channel's event loop only. */
    private Path path = Path.COPY;
    private PipeSplice splice;
    /** A close asked for while the channel was out of epoll: done once it is back. */
    private ChannelPromise closeWhenBack;
    /** While spliced: the pair and this end's side of it; read by the lobby's status. */
    private volatile SplicePair pair;
    private SplicePair.Side side;
    /** The pair's handover while it is under way; guarded by this object (see {@link PipeSplice#between}). */
    PipeSplice handover;

    /**
     * The pipe of {@code uuid} in {@code role} (as its handshake names them); {@code onRefused}:
     * what the connection does when no started game admits this pipe (it closes);
     * {@code mayHandOver}: whether its bytes may go through splice(2) once paired
     * ({@code vcmi.splice}); that also takes a native epoll channel without TLS.
     */
    PipeEndpoint(Channel channel, String uuid, String role, byte[] handshake, int maxPendingBytes, boolean mayHandOver,
                 VcmiStats stats, Runnable onRefused) {
        this.channel = channel;
        this.uuid = uuid;
        this.role = role;
        this.maxPendingBytes = maxPendingBytes;
        // splice(2) would pass a TLS layer by: only plain native epoll sockets hand over
        this.maySplice = mayHandOver && channel instanceof EpollSocketChannel && channel.pipeline().get(SslHandler.class) == null;
        this.stats = stats;
        this.onRefused = onRefused;
        bytesRead = handshake.length;
        hold(Unpooled.wrappedBuffer(handshake));
    }

    /** Bytes read from this end's client; runs on this channel's event loop. */
    void read(ByteBuf bytes) {
        bytesRead += bytes.readableBytes();
        if (peer != null && path == Path.COPY) {
            forward(bytes);
        } else {
            // no peer yet, or a read that slipped into a handover: the handover will not go on
            hold(bytes);
        }
    }

    private void hold(ByteBuf bytes) {
        pending.add(bytes);
        pendingBytes += bytes.readableBytes();
        if (pendingBytes > maxPendingBytes) {
            channel.config().setAutoRead(false);
        }
    }

    private void forward(ByteBuf bytes) {
        PipeEnd p = peer;
        p.send(bytes);
        if (!p.writable()) {
            channel.config().setAutoRead(false);
        }
    }

    @Override
    public void paired(PipeEnd newPeer) {
        PipeSplice handing = newPeer instanceof PipeEndpoint other && maySplice && other.maySplice
                ? PipeSplice.between(this, other, stats) : null;
        onLoop(() -> {
            if (!channel.isActive()) {
                if (handing != null) {
                    handing.abort();
                }
                return;
            }
            peer = newPeer;
            ByteBuf b;
            while ((b = pending.poll()) != null) {
                forward(b);
            }
            pendingBytes = 0;
            if (handing != null) {
                splice = handing;
                path = Path.HANDOVER;
                channel.config().setAutoRead(false);
                handing.quiet(this);
            } else if (newPeer.writable()) {
                channel.config().setAutoRead(true);
            }
        });
    }

    /** Handover, step 2: write out what the peer sent so far, then leave epoll. */
    void leaveEpoll() {
        PipeSplice s = splice;
        if (path != Path.HANDOVER || s == null) {
            return;
        }
        if (!channel.isActive() || !pending.isEmpty()) {
            s.abort();
            return;
        }
        // An empty write completes once everything before it is written; sent below the front's
        // meters, where it counts as no packet.
        channel.pipeline().firstContext().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
            if (!written.isSuccess() || !pending.isEmpty() || path != Path.HANDOVER) {
                s.abort();
                return;
            }
            channel.deregister().addListener(out -> {
                if (!out.isSuccess() || !pending.isEmpty() || !channel.isOpen()) {
                    s.abort();
                    resumeCopying();
                    return;
                }
                s.left(this);
            });
        });
    }

    /** The splice runs. */
    void spliced(SplicePair p, SplicePair.Side s) {
        path = Path.SPLICE;
        side = s;
        pair = p;
    }

    /**
     * The handover was given up: back in epoll if need be, and copy as before it. What was held
     * back goes to the peer first, even if this channel is to close once back.
     */
    void resumeCopying() {
        if (path == Path.SPLICE) {
            return;
        }
        path = Path.COPY;
        splice = null;
        PipeEnd p = peer;
        if (p != null) {
            sendHeld();
        }
        backInEpoll(() -> {
            if ((p == null || p.writable()) && pendingBytes <= maxPendingBytes) {
                channel.config().setAutoRead(true);
            }
        });
    }

    /**
     * Sends what was held back during a given-up handover to the peer, in order and before
     * anything read later. The peer may not be back in epoll yet: Netty then keeps what it could
     * not write and its wish to write, and goes on once the channel is registered again.
     */
    private void sendHeld() {
        ByteBuf b;
        while ((b = pending.poll()) != null) {
            forward(b);
        }
        pendingBytes = 0;
    }

    /**
     * The splice ended: {@code finished} when this end's client left (or its socket failed with
     * {@code error}), {@code peerFinished} when the peer's did. A finished end is closed; the
     * other holds its bytes back as an unpaired pipe until the relay pairs it again.
     * {@code left}: what the kernel pipe still held towards this end, written first unless this
     * end closes.
     */
    void spliceEnded(boolean finished, boolean peerFinished, IOException error, ByteBuf left) {
        SplicePair p = pair;
        pair = null;
        bytesRead += p == null ? 0 : p.bytesMoved(side);
        path = Path.COPY;
        splice = null;
        if (peerFinished) {
            peer = null;
        }
        if (finished || closeWhenBack != null) {
            left.release();
        }
        backInEpoll(() -> {
            if (finished) {
                if (error != null) {
                    MeteredChannel.closing(channel, CloseReason.IO_ERROR);
                }
                channel.close();
            } else {
                if (left.isReadable()) {
                    // below the front's meters, as the kernel's bytes were
                    channel.pipeline().firstContext().writeAndFlush(left, channel.voidPromise());
                } else {
                    left.release();
                }
                channel.config().setAutoRead(true);
            }
        });
    }

    /** Registers the channel with its event loop again if it left, then runs {@code then} there (or closes as asked). */
    private void backInEpoll(Runnable then) {
        Runnable next = () -> {
            ChannelPromise close = closeWhenBack;
            if (close != null) {
                closeWhenBack = null;
                channel.close(close);
            } else {
                then.run();
            }
        };
        if (channel.isRegistered() || !channel.isOpen()) {
            next.run();
        } else {
            channel.eventLoop().register(channel).addListener(f -> next.run());
        }
    }

    /**
     * A close of this channel while its bytes are handed to the kernel: the splice stops first,
     * so that the channel is back in epoll and closes as any other. False when nothing is handed
     * over and the close goes on now.
     */
    boolean closeLater(ChannelPromise promise) {
        if (path == Path.COPY) {
            return false;
        }
        if (closeWhenBack != null) {
            channel.closeFuture().addListener(f -> promise.trySuccess());
            return true;
        }
        closeWhenBack = promise;
        splice.stop();
        return true;
    }

    boolean isServer() {
        return "server".equals(role);
    }

    Channel channel() {
        return channel;
    }

    /** Runs on this channel's event loop; dropped when the loop is gone (the server is stopping). */
    void onLoop(Runnable task) {
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            // the server is stopping and its loops with it
        }
    }

    /** {@link #onLoop}, releasing {@code bytes} the task would have taken if the loop is gone. */
    void onLoop(Runnable task, ByteBuf bytes) {
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            bytes.release();
        }
    }

    @Override
    public void refused() {
        onRefused.run();
    }

    @Override
    public void unpaired() {
        onLoop(() -> peer = null);
    }

    @Override
    public void send(ByteBuf bytes) {
        channel.writeAndFlush(bytes, channel.voidPromise());
    }

    @Override
    public boolean writable() {
        return channel.isWritable();
    }

    @Override
    public void resumeReading() {
        onLoop(() -> {
            if (peer != null && path == Path.COPY) {
                channel.config().setAutoRead(true);
            }
        });
    }

    /** This end's client drained its queue: the peer may read again. */
    void writableAgain() {
        PipeEnd p = peer;
        if (p != null) {
            p.resumeReading();
        }
    }

    String uuid() {
        return uuid;
    }

    /** This pipe for an operator, as the player it was started for. */
    VcmiStatus.PipeStatus status(String player) {
        SplicePair p = pair;
        return new VcmiStatus.PipeStatus(player, role, AddressText.of(channel.remoteAddress()),
                peer != null, bytesRead + (p == null ? 0 : p.bytesMoved(side)), p != null);
    }

    /**
     * The channel closed; a handover under way is given up. What was read during the handover
     * and held back (a read that slipped in, up to the client's end of input) still goes to the
     * peer, as copying would have sent it. What is held back with no peer is dropped.
     */
    void release() {
        PipeSplice s = splice;
        splice = null;
        if (s != null) {
            s.abort();
            if (peer != null) {
                sendHeld();
            }
        }
        peer = null;
        ByteBuf b;
        while ((b = pending.poll()) != null) {
            b.release();
        }
    }
}
