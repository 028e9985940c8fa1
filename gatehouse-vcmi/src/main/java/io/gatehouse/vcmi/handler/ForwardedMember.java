package io.gatehouse.vcmi.handler;

import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.transport.MeteredChannel;
import io.gatehouse.vcmi.codec.LobbyEncoding;
import io.gatehouse.vcmi.codec.LobbyHandshake;
import io.gatehouse.vcmi.codec.LobbyReplyEncoder;
import io.gatehouse.vcmi.link.LinkMessage;
import io.gatehouse.vcmi.message.LobbyError;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;

/**
 * A lobby connection of this node while the lobby runs on another node: its packets go there,
 * and what the lobby answers comes back and is written here, in order. Touched on the
 * connection's event loop only (the link hands the lobby's words there).
 *
 * <p>Bounds: the connection handler stops reading once 256 packets wait for the lobby, as for a
 * local lobby, and each packet's {@code done} runs when the lobby says it handled it
 * ({@link LinkMessage.Handled}); replies are written as they come, and a socket that stops
 * draining closes the connection as a slow consumer, as a local lobby user's does. This node
 * reports the reply bytes it has written every {@link #REPORT_BYTES}, so that the lobby node
 * can bound what it has sent but this node not yet written.
 */
final class ForwardedMember {

    /** Reply bytes written between two reports to the lobby node (well below {@code max_outbound_bytes}'s least, 64 KiB). */
    static final int REPORT_BYTES = 16 * 1024;

    private final LobbyLink link;
    private final Channel channel;
    private final long conn;
    /** The node whose lobby this connection is a member of. */
    final String lobbyNode;
    /** The client's encoding as its first packet names it: what a last ERROR line is written in. */
    private final LobbyEncoding encoding;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private long written;
    private long reported;
    private boolean lost;

    ForwardedMember(LobbyLink link, Channel channel, long conn, String lobbyNode, byte[] firstPacket) {
        this.link = link;
        this.channel = channel;
        this.conn = conn;
        this.lobbyNode = lobbyNode;
        LobbyHandshake.Result hs = LobbyHandshake.read(firstPacket);
        this.encoding = hs.ok() ? hs.encoding() : LobbyEncoding.UTF8;
    }

    long conn() {
        return conn;
    }

    /**
     * A packet for the lobby; {@code done} runs once the lobby has handled it. Whether it could
     * go: a packet too large for one message between the nodes cannot.
     */
    boolean packet(byte[] bytes, Runnable done) {
        if (lost) {
            return true;
        }
        if (!link.fits(bytes.length)) {
            return false;
        }
        waiting.add(done);
        link.toLobby(lobbyNode, new LinkMessage.Packet(link.self(), conn, bytes));
        return true;
    }

    /** The handshake deadline passed here; the lobby decides (a greeted user stays). */
    void expired() {
        link.toLobby(lobbyNode, new LinkMessage.Expired(link.self(), conn));
    }

    /** The connection closed. */
    void closed() {
        link.forget(this);
        link.toLobby(lobbyNode, new LinkMessage.Closed(link.self(), conn));
    }

    /** A word from the lobby node, handed to the connection's event loop. */
    void heard(LinkMessage.ToMember m) {
        onLoop(() -> take(m));
    }

    /** The lobby is gone for this connection: the client is told with {@code error}, in its encoding, and closed. */
    void lose(LobbyError error) {
        onLoop(() -> loseNow(error));
    }

    private void take(LinkMessage.ToMember m) {
        if (lost || !channel.isActive()) {
            return;
        }
        if (m instanceof LinkMessage.Reply r) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(r.bytes()));
            written += r.bytes().length;
            if (written - reported >= REPORT_BYTES) {
                reported = written;
                link.toLobby(lobbyNode, new LinkMessage.Written(link.self(), conn, written));
            }
        } else if (m instanceof LinkMessage.Handled) {
            Runnable done = waiting.poll();
            if (done != null) {
                done.run();
            }
        } else if (m instanceof LinkMessage.Close c) {
            MeteredChannel.closing(channel, c.reason());
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else if (m instanceof LinkMessage.Refused) {
            loseNow(LobbyError.LOBBY_LOST);
        }
    }

    private void loseNow(LobbyError error) {
        if (lost || !channel.isActive()) {
            return;
        }
        lost = true;
        channel.writeAndFlush(Unpooled.wrappedBuffer(encoding.encode(LobbyReplyEncoder.text(error.reply()))));
        MeteredChannel.closing(channel, CloseReason.SERVER_SHUTDOWN);
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private void onLoop(Runnable task) {
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException stopping) {
            // the event loop is gone: so is the connection
        }
    }
}
