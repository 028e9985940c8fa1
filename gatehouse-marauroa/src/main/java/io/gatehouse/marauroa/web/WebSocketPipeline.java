package io.gatehouse.marauroa.web;

import io.gatehouse.marauroa.game.RPClasses;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;

/**
 * The codec half of a browser connection (docs/protocol/marauroa.md, section 11): HTTP, the
 * upgrade on the configured path (and below it, and with a query), permessage-deflate when
 * offered (inflating at most one message's limit), messages aggregated up to
 * {@code max_message_bytes}, the pages for requests that are no upgrade, and JSON into
 * envelopes. The connection's state machine goes after it.
 */
public final class WebSocketPipeline {

    /** The largest HTTP request accepted (an upgrade or a page), headers aside. */
    private static final int MAX_REQUEST_BYTES = 8192;

    private WebSocketPipeline() {
    }

    /** {@code pages}: the listener's {@link PlayPages}, one for all its connections. */
    public static void install(ChannelPipeline p, String path, PlayPages pages, int maxMessageBytes, long handshakeTimeoutMillis,
                               RPClasses classes) {
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .checkStartsWith(true)
                .handshakeTimeoutMillis(handshakeTimeoutMillis)
                .dropPongFrames(true)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(maxMessageBytes)
                        .allowExtensions(true)
                        .closeOnProtocolViolation(true)
                        .build())
                .build();
        p.addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                .addLast(new WebSocketServerCompressionHandler(maxMessageBytes))
                .addLast(new WebSocketServerProtocolHandler(ws))
                .addLast(pages)
                .addLast(new WebSocketFrameAggregator(maxMessageBytes))
                .addLast(new WebSocketJsonDecoder(classes));
    }
}
