package io.gatehouse.astron.clientagent;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyTLV;
import io.netty.util.AttributeKey;

/**
 * HAProxy's PROXY header in front of a client connection (docs/protocol/astron.md, section
 * 11, {@code haproxy}): Netty's decoder reads the v1 or v2 header, and this handler keeps the
 * addresses it names for CLIENTAGENT_GET_NETWORK_ADDRESS and its v2 TLVs for
 * CLIENTAGENT_GET_TLVS, then leaves the pipeline. A LOCAL header (HAProxy's own health check)
 * keeps the socket's addresses. Bytes that are not a PROXY header fail the decoder, and the
 * connection is closed.
 */
final class ProxyHeaderReader extends ChannelInboundHandlerAdapter {

    /** What the PROXY header said of a connection. */
    record Proxied(String remoteIp, int remotePort, String localIp, int localPort, byte[] tlvs) {
    }

    private static final AttributeKey<Proxied> PROXIED = AttributeKey.valueOf(ProxyHeaderReader.class, "proxied");

    /** Puts the decoder and the reader at the front of the pipeline. */
    static void install(Channel channel) {
        channel.pipeline().addFirst(new ProxyHeaderReader()).addFirst(new HAProxyMessageDecoder());
    }

    /** What the header said of this channel; null without one (or for LOCAL). */
    static Proxied of(Channel channel) {
        return channel.attr(PROXIED).get();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage header)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (header.command() == HAProxyCommand.PROXY) {
                ctx.channel().attr(PROXIED).set(new Proxied(header.sourceAddress(), header.sourcePort(),
                        header.destinationAddress(), header.destinationPort(), tlvBytes(header)));
            }
        } finally {
            header.release();
            ctx.pipeline().remove(this);
        }
    }

    /** The TLVs as they were on the wire: type, big-endian length, value, one after the other. */
    private static byte[] tlvBytes(HAProxyMessage header) {
        ByteBuf out = Unpooled.buffer();
        try {
            for (HAProxyTLV tlv : header.tlvs()) {
                ByteBuf value = tlv.content();
                out.writeByte(tlv.typeByteValue());
                out.writeShort(value.readableBytes());
                out.writeBytes(value, value.readerIndex(), value.readableBytes());
            }
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }
}
