package io.gatehouse.marauroa.handler;

import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.session.Connection;
import io.gatehouse.core.transport.MeteredChannel;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * A logged-in marauroa player as the core's session registry sees it. Marauroa has no message
 * that tells a client the server ends its connection, so an operator's kick (or a ban) closes
 * the socket, as Marauroa's own server does; the character is stored as it leaves the game.
 */
final class PlayerSession implements Connection {

    static final String FRONT = "marauroa";

    private final Channel channel;

    PlayerSession(Channel channel) {
        this.channel = channel;
    }

    @Override
    public String front() {
        return FRONT;
    }

    @Override
    public String remoteAddress() {
        return channel.remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() + ":" + a.getPort() : String.valueOf(channel.remoteAddress());
    }

    @Override
    public void close(CloseReason reason, String detail) {
        channel.eventLoop().execute(() -> {
            MeteredChannel.closing(channel, reason);
            channel.close();
        });
    }

    @Override
    public String answerTo(CloseReason reason) {
        return "the TCP connection is closed (Marauroa has no message for a server-side disconnect)";
    }
}
