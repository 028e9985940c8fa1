package io.gatehouse.astron.clientagent;

import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.transport.MeteredChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty end of one client connection: hands datagrams to the {@link Client} and writes
 * its frames. The same handler serves TCP and WebSocket; {@code wrap} turns a frame into what
 * the pipeline below expects (the frame itself for TCP, a binary WebSocket frame without the
 * length tag for WebSocket).
 */
final class ClientConnection extends ChannelDuplexHandler implements ClientLink {

    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

    private final ClientAgent agent;
    private final Function<ByteBuf, Object> wrap;
    private Channel channel;
    private Client client;
    /** Why the connection went, in libuv's words as astrond's client-lost event gives them: the client's end of the stream unless an error says otherwise. */
    private String lostBecause = "end of file";

    ClientConnection(ClientAgent agent, Function<ByteBuf, Object> wrap) {
        this.agent = agent;
        this.wrap = wrap;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        client = new Client(agent, this);
        client.start();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof ClientRequest.DecodeFailure tooLarge) {
                client.fromClient(tooLarge);
            } else if (msg instanceof ByteBuf datagram) {
                client.fromClient(ClientDatagramDecoder.decode(datagram));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (client != null) {
            client.closedByNetwork(lostBecause);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ProxyHeaderReader.HeaderRead read && client != null) {
            client.proxyHeaderRead(read.local());
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable() && client != null && !client.isClosed()) {
            log.warn("{}: more than {} bytes queued for a slow client; dropping it", client.name(), agent.config().maxOutboundBytes());
            lostBecause = "no buffer space available";
            close(CloseReason.SLOW_CONSUMER);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("connection error: {}", cause.toString());
            lostBecause = "connection reset by peer";
            close(CloseReason.IO_ERROR);
        } else if (cause instanceof DecoderException && (cause instanceof NotSslRecordException || cause.getCause() instanceof SSLException)) {
            fault("tls_handshake", "TLS handshake failed (" + cause.getMessage() + "); closing");
            close(CloseReason.BAD_FRAME);
        } else if (cause instanceof HAProxyProtocolException) {
            fault("proxy_header", "no valid PROXY header (" + cause.getMessage() + "); closing");
            close(CloseReason.BAD_FRAME);
        } else if (cause instanceof CorruptedWebSocketFrameException bad) {
            // the WebSocket decoder has already sent its Close (1002, or 1009 for a frame over the limit)
            boolean tooBig = bad.closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG;
            fault(tooBig ? "oversized" : "websocket_frame", "WebSocket: " + bad.getMessage() + "; closing");
            close(tooBig ? CloseReason.OVERSIZED : CloseReason.BAD_FRAME);
        } else if (cause instanceof TooLongFrameException tooLong) {
            // a fragmented WebSocket message that grew past max_datagram_size: refused as one frame over it is
            fault("oversized", "WebSocket: " + tooLong.getMessage() + "; closing with 1009");
            MeteredChannel.closing(channel, CloseReason.OVERSIZED);
            channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG)).addListener(ChannelFutureListener.CLOSE);
        } else {
            log.warn("unexpected error on a client connection", cause);
            close(CloseReason.SERVER_ERROR);
        }
    }

    private void fault(String kind, String what) {
        if (client != null) {
            client.faults().report(kind, what);
        } else {
            log.debug("{}: {}", channel.remoteAddress(), what);
        }
    }

    /** The server is shutting down: the client is ejected (on its own event loop) and closed. */
    void serverShutdown() {
        channel.eventLoop().execute(() -> {
            if (client != null) {
                client.serverShutdown();
            } else {
                close(CloseReason.SERVER_SHUTDOWN);
            }
        });
    }

    @Override
    public void send(ByteBuf frame) {
        channel.writeAndFlush(wrap.apply(frame), channel.voidPromise());
    }

    @Override
    public void sendAndClose(ByteBuf frame, CloseReason why) {
        MeteredChannel.closing(channel, why);
        channel.writeAndFlush(wrap.apply(frame)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void close(CloseReason why) {
        MeteredChannel.closing(channel, why);
        channel.close();
    }

    @Override
    public EventLoop executor() {
        return channel.eventLoop();
    }

    @Override
    public ByteBufAllocator alloc() {
        return channel.alloc();
    }

    @Override
    public String remoteIp() {
        ProxyHeaderReader.Proxied p = ProxyHeaderReader.of(channel);
        return p != null ? p.remoteIp() : address(channel.remoteAddress()).getAddress().getHostAddress();
    }

    @Override
    public int remotePort() {
        ProxyHeaderReader.Proxied p = ProxyHeaderReader.of(channel);
        return p != null ? p.remotePort() : address(channel.remoteAddress()).getPort();
    }

    @Override
    public String localIp() {
        ProxyHeaderReader.Proxied p = ProxyHeaderReader.of(channel);
        return p != null ? p.localIp() : address(channel.localAddress()).getAddress().getHostAddress();
    }

    @Override
    public int localPort() {
        ProxyHeaderReader.Proxied p = ProxyHeaderReader.of(channel);
        return p != null ? p.localPort() : address(channel.localAddress()).getPort();
    }

    @Override
    public byte[] tlvs() {
        ProxyHeaderReader.Proxied p = ProxyHeaderReader.of(channel);
        return p != null ? p.tlvs() : new byte[0];
    }

    private static InetSocketAddress address(SocketAddress a) {
        return a instanceof InetSocketAddress i ? i : new InetSocketAddress(0);
    }
}
