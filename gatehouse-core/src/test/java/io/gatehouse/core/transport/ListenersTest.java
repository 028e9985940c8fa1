package io.gatehouse.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ListenersTest {

    private final EventLoopGroup group = Transports.group("listeners-test", 1);

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void everyConnectionGetsNoDelayAndTheFrontsWatermarks() throws Exception {
        CompletableFuture<SocketChannel> accepted = new CompletableFuture<>();
        Channel listener = Listeners.bind("test", group, new InetSocketAddress("127.0.0.1", 0), 1 << 20, 256 * 1024,
                new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.complete(ch);
                    }
                });
        try (Socket s = new Socket("127.0.0.1", ((InetSocketAddress) listener.localAddress()).getPort())) {
            SocketChannel ch = accepted.get(10, TimeUnit.SECONDS);
            assertThat(ch.config().getOption(ChannelOption.TCP_NODELAY)).isTrue();
            WriteBufferWaterMark marks = ch.config().getOption(ChannelOption.WRITE_BUFFER_WATER_MARK);
            assertThat(marks.high()).isEqualTo(1 << 20);
            assertThat(marks.low()).as("half the bound, at most the given low water").isEqualTo(256 * 1024);
            assertThat(listener.config().getOption(ChannelOption.SO_BACKLOG)).isEqualTo(Listeners.BACKLOG);
        } finally {
            listener.close().syncUninterruptibly();
        }
    }

    @Test
    void anAddressInUseIsAnErrorNamingTheListenerAndTheAddress() throws Exception {
        Channel first = Listeners.bind("first", group, new InetSocketAddress("127.0.0.1", 0), 1024, 512, new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
            }
        });
        int port = ((InetSocketAddress) first.localAddress()).getPort();
        try {
            assertThatThrownBy(() -> Listeners.bind("vcmi", group, new InetSocketAddress("127.0.0.1", port), 1024, 512,
                    new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                        }
                    }))
                    .isInstanceOf(Listeners.ListenerException.class)
                    .hasMessageStartingWith("vcmi: cannot listen on 127.0.0.1:" + port + " (")
                    .hasMessageContainingAll("ddress already in use");
        } finally {
            first.close().syncUninterruptibly();
        }
    }
}
