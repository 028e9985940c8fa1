package io.gatehouse.vcmi.handler;

import io.gatehouse.core.relay.PipeEnd;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.util.ArrayDeque;

/**
 * One game pipe after its handshake (section 4): holds its bytes back, handshake first,
 * until the relay pairs it, then forwards each buffer to the peer as it is read, with no
 * copy. When the peer cannot keep up this end stops reading until the peer drains.
 */
final class PipeEndpoint implements PipeEnd {

    private final Channel channel;
    private final String uuid;
    private final String role;
    private final int maxPendingBytes;
    private final Runnable onRefused;
    private final ArrayDeque<ByteBuf> pending = new ArrayDeque<>();
    private long pendingBytes;
    private volatile PipeEnd peer;
    /** Bytes read from this end's client, its handshake included; written on its event loop only, read by the lobby's status. */
    private volatile long bytesRead;

    /**
     * The pipe of {@code uuid} in {@code role} (as its handshake names them); {@code onRefused}:
     * what the connection does when no started game admits this pipe (it closes).
     */
    PipeEndpoint(Channel channel, String uuid, String role, byte[] handshake, int maxPendingBytes, Runnable onRefused) {
        this.channel = channel;
        this.uuid = uuid;
        this.role = role;
        this.maxPendingBytes = maxPendingBytes;
        this.onRefused = onRefused;
        bytesRead = handshake.length;
        hold(Unpooled.wrappedBuffer(handshake));
    }

    /** Bytes read from this end's client; runs on this channel's event loop. */
    void read(ByteBuf bytes) {
        bytesRead += bytes.readableBytes();
        if (peer != null) {
            forward(bytes);
        } else {
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
        channel.eventLoop().execute(() -> {
            if (!channel.isActive()) {
                return;
            }
            peer = newPeer;
            ByteBuf b;
            while ((b = pending.poll()) != null) {
                forward(b);
            }
            pendingBytes = 0;
            if (newPeer.writable()) {
                channel.config().setAutoRead(true);
            }
        });
    }

    @Override
    public void refused() {
        onRefused.run();
    }

    @Override
    public void unpaired() {
        channel.eventLoop().execute(() -> peer = null);
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
        channel.eventLoop().execute(() -> {
            if (peer != null) {
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
        return new VcmiStatus.PipeStatus(player, role, String.valueOf(channel.remoteAddress()).replaceFirst("^/", ""),
                peer != null, bytesRead);
    }

    /** The channel closed: drop what was held back. */
    void release() {
        ByteBuf b;
        while ((b = pending.poll()) != null) {
            b.release();
        }
        peer = null;
    }
}
