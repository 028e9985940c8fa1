package io.gatehouse.astron.clientagent;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.util.AttributeKey;
import io.netty.util.NetUtil;
import java.util.List;

/**
 * HAProxy's PROXY header in front of a client connection (docs/protocol/astron.md, section
 * 11, {@code haproxy}). A v2 header is read here as astrond reads it: the addresses it names
 * are kept for CLIENTAGENT_GET_NETWORK_ADDRESS and whatever follows them in the header (the
 * TLV area) is kept as bytes, unparsed, for CLIENTAGENT_GET_TLVS. Anything else goes to
 * Netty's decoder, which reads a v1 header. A LOCAL header (HAProxy's own health check) keeps
 * the socket's addresses. Bytes that are not a valid PROXY header close the connection
 * (an {@link HAProxyProtocolException}). Once the header is read, a {@link HeaderRead} user event says
 * so (before any byte that follows it) and the reader leaves the pipeline.
 */
final class ProxyHeaderReader extends ByteToMessageDecoder {

    /** What the PROXY header said of a connection. */
    record Proxied(String remoteIp, int remotePort, String localIp, int localPort, byte[] tlvs) {
    }

    /** The user event fired once the header is read; {@code local}: it was LOCAL (HAProxy's own health check). */
    record HeaderRead(boolean local) {
    }

    private static final AttributeKey<Proxied> PROXIED = AttributeKey.valueOf(ProxyHeaderReader.class, "proxied");
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** The signature, version and command, family and transport, and the uint16 body length. */
    private static final int V2_FIXED = 16;
    private static final int AF_INET = 1;
    private static final int AF_INET6 = 2;
    private static final int STREAM = 1;

    /** Puts the reader at the front of the pipeline. */
    static void install(Channel channel) {
        channel.pipeline().addFirst(new ProxyHeaderReader());
    }

    /** What the header said of this channel; null without one (or for LOCAL). */
    static Proxied of(Channel channel) {
        return channel.attr(PROXIED).get();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int seen = Math.min(in.readableBytes(), V2_SIGNATURE.length);
        for (int i = 0; i < seen; i++) {
            if (in.getByte(in.readerIndex() + i) != V2_SIGNATURE[i]) {
                ctx.pipeline().addAfter(ctx.name(), null, new V1()).addAfter(ctx.name(), null, new HAProxyMessageDecoder());
                ctx.pipeline().remove(this);
                return;
            }
        }
        if (in.readableBytes() < V2_FIXED) {
            return;
        }
        int total = V2_FIXED + in.getUnsignedShort(in.readerIndex() + 14);
        if (in.readableBytes() < total) {
            return;
        }
        ByteBuf header = in.readSlice(total);
        Proxied p = v2(header);
        if (p != null) {
            ctx.channel().attr(PROXIED).set(p);
        }
        ctx.fireUserEventTriggered(new HeaderRead(p == null));
        ctx.pipeline().remove(this);
    }

    /** A whole v2 header: what it names, or null for LOCAL; astrond's checks, in its order. */
    private static Proxied v2(ByteBuf h) {
        int version = h.getUnsignedByte(12) >> 4;
        int command = h.getUnsignedByte(12) & 0xF;
        int family = h.getUnsignedByte(13) >> 4;
        int transport = h.getUnsignedByte(13) & 0xF;
        int body = h.readableBytes() - V2_FIXED;
        if (version != 2) {
            throw new HAProxyProtocolException("PROXY v2 header of version " + version);
        }
        if (family != AF_INET && family != AF_INET6) {
            throw new HAProxyProtocolException("PROXY v2 address family " + family + " (expected 1 or 2)");
        }
        if (transport != STREAM) {
            throw new HAProxyProtocolException("PROXY v2 transport " + transport + " (expected 1, stream)");
        }
        if (command == 0) {
            return null;
        }
        if (command != 1) {
            throw new HAProxyProtocolException("PROXY v2 command " + command + " (expected 0 or 1)");
        }
        int addressBytes = family == AF_INET ? 4 : 16;
        int addresses = 2 * addressBytes + 4;
        if (body < addresses) {
            throw new HAProxyProtocolException("PROXY v2 body of " + body + " bytes (at least " + addresses + ")");
        }
        int at = V2_FIXED;
        String remote = NetUtil.bytesToIpAddress(ByteBufUtil.getBytes(h, at, addressBytes));
        String local = NetUtil.bytesToIpAddress(ByteBufUtil.getBytes(h, at + addressBytes, addressBytes));
        int ports = at + 2 * addressBytes;
        byte[] tlvs = ByteBufUtil.getBytes(h, ports + 4, h.readableBytes() - ports - 4);
        return new Proxied(remote, h.getUnsignedShort(ports), local, h.getUnsignedShort(ports + 2), tlvs);
    }

    /** What Netty's decoder read of a v1 header (v1 has no TLVs); then it leaves, with the decoder. */
    private static final class V1 extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof HAProxyMessage header)) {
                ctx.fireChannelRead(msg);
                return;
            }
            boolean proxied = header.command() == HAProxyCommand.PROXY;
            try {
                if (proxied) {
                    ctx.channel().attr(PROXIED).set(new Proxied(header.sourceAddress(), header.sourcePort(),
                            header.destinationAddress(), header.destinationPort(), new byte[0]));
                }
            } finally {
                header.release();
            }
            ctx.fireUserEventTriggered(new HeaderRead(!proxied));
            ctx.pipeline().remove(this);
        }
    }
}
