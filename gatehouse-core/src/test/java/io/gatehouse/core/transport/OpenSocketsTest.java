package io.gatehouse.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Listeners count their connections against one cap below the open-files limit: past it a new
 * connection is closed at once, unseen by the front, and a closed one gives its place back.
 */
class OpenSocketsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final EventLoopGroup group = Transports.group("open-sockets-test", 1);

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aConnectionPastTheCapIsClosedAtOnceAndAPlaceFreedIsTakenAgain() throws Exception {
        OpenSockets sockets = new OpenSockets(2, System::currentTimeMillis);
        AtomicInteger seen = new AtomicInteger();
        Channel listener = Listeners.bind("test", group, new InetSocketAddress("127.0.0.1", 0), 1 << 16, 1 << 15, sockets, null,
                new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        seen.incrementAndGet();
                        ch.pipeline().addLast(new Echo());
                    }
                });
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        try (Socket first = new Socket("127.0.0.1", port); Socket second = new Socket("127.0.0.1", port)) {
            assertThat(echoes(first)).isTrue();
            assertThat(echoes(second)).isTrue();
            try (Socket third = new Socket("127.0.0.1", port)) {
                third.setSoTimeout((int) WAIT.toMillis());
                assertThat(third.getInputStream().read()).as("closed without a byte").isEqualTo(-1);
            }
            assertThat(seen).as("the front never heard of the third").hasValue(2);
            assertThat(sockets.refused()).isEqualTo(1);
            first.close();
            await().atMost(WAIT).until(() -> sockets.open() == 1);
            try (Socket again = new Socket("127.0.0.1", port)) {
                assertThat(echoes(again)).isTrue();
                assertThat(sockets.open()).isEqualTo(2);
            }
        } finally {
            listener.close().syncUninterruptibly();
        }
    }

    @Test
    void noCapAdmitsEveryConnectionAndTheAutomaticCapLeavesTheReserve() {
        OpenSockets none = new OpenSockets(0, System::currentTimeMillis);
        for (int i = 0; i < 100; i++) {
            assertThat(none.admit()).isTrue();
        }
        assertThat(OpenSockets.automaticCap()).isPositive();
        none.limit(-1);
        assertThat(none.cap()).isEqualTo(OpenSockets.automaticCap());
        none.limit(0);
        assertThat(none.cap()).isZero();
    }

    private static boolean echoes(Socket s) throws IOException {
        s.setSoTimeout((int) WAIT.toMillis());
        s.getOutputStream().write(7);
        return s.getInputStream().read() == 7;
    }

    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg);
        }
    }
}
