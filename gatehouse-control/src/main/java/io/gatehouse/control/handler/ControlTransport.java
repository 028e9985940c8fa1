package io.gatehouse.control.handler;

import io.gatehouse.control.message.CloseCode;
import io.netty.channel.ChannelHandlerContext;

/** What differs between the TCP and the WebSocket transport of one control connection. */
public interface ControlTransport {

    /** {@code tcp} or {@code ws}. */
    String name();

    /** The handshake was accepted: start whatever keep-alive the transport owes the client. */
    void started(ChannelHandlerContext ctx);

    /** Sends the Close push (spec 7.2) and closes the connection the way the transport requires. */
    void close(ChannelHandlerContext ctx, CloseCode code, String reason);

    /** The connection is gone: cancel timers. */
    void stopped();
}
