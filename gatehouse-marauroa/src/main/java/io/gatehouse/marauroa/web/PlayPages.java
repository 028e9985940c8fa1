package io.gatehouse.marauroa.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The plain HTTP side of the browser listener (docs/protocol/marauroa.md, sections 11 and
 * 11.7): {@code GET /play/walkandchat} is the example game's page, {@code GET
 * /play/marauroa-web.js} our client and {@code /play/walkandchat.js} the page's script; any
 * other path 404, any other method 405. Each answer closes the connection. The files are read
 * from the jar once per listener; the page is told the WebSocket path.
 */
@Sharable
public final class PlayPages extends SimpleChannelInboundHandler<FullHttpRequest> {

    private record Page(byte[] body, String type) {
    }

    private final Map<String, Page> pages;

    /** The pages of a listener whose upgrade path is {@code webSocketPath}. */
    public PlayPages(String webSocketPath) {
        String html = new String(resource("walkandchat.html"), StandardCharsets.UTF_8).replace("__WS_PATH__", escape(webSocketPath));
        this.pages = Map.of(
                "/play/walkandchat", new Page(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8"),
                "/play/walkandchat.js", new Page(resource("walkandchat.js"), "text/javascript; charset=utf-8"),
                "/play/marauroa-web.js", new Page(resource("marauroa-web.js"), "text/javascript; charset=utf-8"));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        Page page = pages.get(new QueryStringDecoder(request.uri()).path());
        FullHttpResponse response;
        if (!request.method().equals(HttpMethod.GET)) {
            response = text(HttpResponseStatus.METHOD_NOT_ALLOWED);
            response.headers().set(HttpHeaderNames.ALLOW, "GET");
        } else if (page == null) {
            response = text(HttpResponseStatus.NOT_FOUND);
        } else {
            response = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.OK, Unpooled.wrappedBuffer(page.body()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, page.type())
                    .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
                    .set("Content-Security-Policy", "default-src 'self'; connect-src 'self' ws: wss:; style-src 'self' 'unsafe-inline'")
                    .set("X-Content-Type-Options", "nosniff");
        }
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private static FullHttpResponse text(HttpResponseStatus status) {
        FullHttpResponse r = new DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(status.toString() + "\n", StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        return r;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static byte[] resource(String name) {
        try (InputStream in = PlayPages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks io/gatehouse/marauroa/web/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
