package io.gatehouse.marauroa.handler;

import io.gatehouse.core.metrics.ClientFaults;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.transport.MeteredChannel;
import io.gatehouse.marauroa.codec.MarauroaCodec;
import io.gatehouse.marauroa.codec.MarauroaCodec.Envelope;
import io.gatehouse.marauroa.message.MarauroaMessage;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Marauroa connection's channel as the parts of its handler use it: every message goes out
 * in the protocol version the client spoke last, stamped with the server's clock, and with the
 * client id the connection holds (or -1 where Marauroa sends none). Used on the event loop.
 */
final class ClientLink implements Creations.Replies {

    static final int NO_CLIENT_ID = -1;

    private static final Logger log = LoggerFactory.getLogger(MarauroaConnection.class);

    private final MarauroaServices services;
    private final Transport transport;
    private ChannelHandlerContext ctx;
    private ClientFaults.Tracker faults;
    private int version = MarauroaCodec.VERSION;
    private int clientId = NO_CLIENT_ID;

    ClientLink(MarauroaServices services, Transport transport) {
        this.services = services;
        this.transport = transport;
    }

    Transport transport() {
        return transport;
    }

    /** The channel, once it is active. */
    void attach(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** The version of the client's last message: every answer goes out in it. */
    void version(int version) {
        this.version = version;
    }

    int version() {
        return version;
    }

    int clientId() {
        return clientId;
    }

    /** The id given at the promise; {@link #NO_CLIENT_ID} again when the login state is dropped. */
    void clientId(int id) {
        this.clientId = id;
    }

    /** Sends with this connection's client id. */
    void send(MarauroaMessage m) {
        sendAs(m, version, clientId);
    }

    /** Sends with client id -1, as Marauroa sends its refusals. */
    void sendWithoutId(MarauroaMessage m) {
        sendAs(m, version, NO_CLIENT_ID);
    }

    void sendAs(MarauroaMessage m, int toVersion, int toClientId) {
        ctx.writeAndFlush(encode(m, toVersion, toClientId));
    }

    @Override
    public void reply(MarauroaMessage m, boolean withClientId) {
        sendAs(m, version, withClientId ? clientId : NO_CLIENT_ID);
    }

    /** Sends {@code m} with {@code toClientId}, then closes for {@code reason}. */
    void sendAndClose(MarauroaMessage m, int toClientId, CloseReason reason) {
        MeteredChannel.closing(ctx.channel(), reason);
        transport.sendAndClose(ctx, encode(m, version, toClientId));
    }

    void close(CloseReason reason) {
        MeteredChannel.closing(ctx.channel(), reason);
        transport.close(ctx);
    }

    boolean isActive() {
        return ctx.channel().isActive();
    }

    Channel channel() {
        return ctx.channel();
    }

    /** Runs on the connection's event loop; dropped (the server is stopping) when the loop is gone. */
    @Override
    public void onLoop(Runnable task) {
        try {
            ctx.executor().execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("{}: the event loop is gone; a late task is dropped", address());
        }
    }

    /** This connection's faults (made on first use, when the address is known). */
    ClientFaults.Tracker faults() {
        if (faults == null) {
            faults = services.faults().connection(address());
        }
        return faults;
    }

    InetAddress peer() {
        return ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
    }

    String address() {
        return ctx != null && ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "?";
    }

    private Object encode(MarauroaMessage m, int toVersion, int toClientId) {
        return transport.encode(new Envelope(toVersion, toClientId, (int) services.clock().nowMillis(), m), ctx.alloc());
    }
}
