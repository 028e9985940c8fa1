package io.gatehouse.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class WebSocketKeyCheckTest {

    /** RFC 6455 section 1.3's sample key: the base64 of 16 bytes. */
    private static final String RFC_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private static FullHttpRequest upgrade(String key) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws");
        r.headers().set(HttpHeaderNames.UPGRADE, "websocket").set(HttpHeaderNames.CONNECTION, "Upgrade");
        if (key != null) {
            r.headers().set(HttpHeaderNames.SEC_WEBSOCKET_KEY, key);
        }
        return r;
    }

    @Test
    void aKeyOf16BytesPassesThrough() {
        EmbeddedChannel ch = new EmbeddedChannel(WebSocketKeyCheck.INSTANCE);
        FullHttpRequest r = upgrade(RFC_KEY);
        ch.writeInbound(r);
        FullHttpRequest passed = ch.readInbound();
        assertThat(passed).isSameAs(r);
        passed.release();
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void anEmptyMissingOrWrongSizedKeyIs400AndClosed() {
        for (String key : new String[] {"", null, "not base64!", "AAAA", "dGhlIHNhbXBsZSBub25jZQ==AAAA"}) {
            EmbeddedChannel ch = new EmbeddedChannel(WebSocketKeyCheck.INSTANCE);
            ch.writeInbound(upgrade(key));
            assertThat((Object) ch.readInbound()).as("key %s", key).isNull();
            FullHttpResponse answer = ch.readOutbound();
            assertThat(answer.status()).as("key %s", key).isEqualTo(HttpResponseStatus.BAD_REQUEST);
            answer.release();
            assertThat(ch.isActive()).as("closed after the answer").isFalse();
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void aPlainHttpRequestIsNotItsBusiness() {
        EmbeddedChannel ch = new EmbeddedChannel(WebSocketKeyCheck.INSTANCE);
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        ch.writeInbound(r);
        FullHttpRequest passed = ch.readInbound();
        assertThat(passed).isSameAs(r);
        passed.release();
        ch.finishAndReleaseAll();
    }
}
