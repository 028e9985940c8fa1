package io.gatehouse.control.codec;

import io.gatehouse.core.transport.WebSocketKeyCheck;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * The codec half of a control WebSocket connection (spec 3.2, 4.2): the HTTP upgrade on any
 * path, Netty's WebSocket framing (no extensions; Pongs dropped; Pings answered), messages
 * aggregated up to the largest packet, one packet per binary message each way. The connection
 * handler goes after it; a decode failure reaches it as a {@code DecodeFailure} or, from
 * Netty's decoder and aggregator, as a {@code CorruptedWebSocketFrameException} or
 * {@code TooLongFrameException}.
 */
public final class WebSocketCodec {

    /** Fixed part and verify trailer around the largest body, for the WebSocket message limit. */
    public static final int PACKET_OVERHEAD = 11 + PacketReader.VERIFY_TRAILER;
    /** The largest HTTP upgrade request accepted, headers aside. */
    private static final int MAX_UPGRADE_BYTES = 8192;

    private WebSocketCodec() {
    }

    /**
     * Adds the codec to {@code p}: {@code handshakeTimeoutMillis} bounds the upgrade, a message
     * may hold a packet of up to {@code maxBodyBytes} of body.
     */
    public static void install(ChannelPipeline p, int maxBodyBytes, long handshakeTimeoutMillis, ControlPacketEncoder encoder,
                               WebSocketPacketDecoder decoder) {
        int maxMessage = maxBodyBytes + PACKET_OVERHEAD;
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                .handshakeTimeoutMillis(handshakeTimeoutMillis)
                .dropPongFrames(true)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(maxMessage)
                        .allowExtensions(false)
                        .closeOnProtocolViolation(false)
                        .build())
                .build();
        p.addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(MAX_UPGRADE_BYTES))
                .addLast(WebSocketKeyCheck.INSTANCE)
                .addLast(new WebSocketServerProtocolHandler(ws))
                .addLast(new WebSocketFrameAggregator(maxMessage))
                .addLast(WebSocketPacketFramer.INSTANCE)
                .addLast(encoder)
                .addLast(decoder);
    }
}
