package io.gatehouse.bench.astron;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.astron.md.DatagramOverflowException;
import io.gatehouse.core.transport.Transports;
import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The fan-out bench's client writes no CLIENT_HELLO its length tag cannot say. */
class AstronCounterTest {

    @Test
    void aVersionTooLongForTheHelloIsRefused() throws Exception {
        EventLoopGroup group = Transports.group("counter-test", 1);
        try (ServerSocket agent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AstronCounter c = new AstronCounter(new AtomicLong(), 1, new CompletableFuture<>());
            InetSocketAddress at = new InetSocketAddress(agent.getInetAddress(), agent.getLocalPort());
            assertThatThrownBy(() -> c.open(group, at, 0, "v".repeat(0xFFFF - 7)))
                    .isInstanceOf(DatagramOverflowException.class).hasMessage("CLIENT_HELLO 65536 bytes (max 65535)");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
