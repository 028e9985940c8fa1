package io.gatehouse.server.vcmi;

import static io.gatehouse.server.vcmi.PipeBytes.concat;
import static io.gatehouse.server.vcmi.PipeBytes.receive;
import static io.gatehouse.server.vcmi.PipeBytes.send;
import static io.gatehouse.server.vcmi.PipeBytes.sendOdd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.client.vcmi.VcmiLobbyClient;
import io.gatehouse.client.vcmi.VcmiPipeClient;
import io.gatehouse.core.transport.Transports;
import io.gatehouse.vcmi.VcmiFront;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Game pipes (section 4): matched by uuid and role, nothing lost before the peer comes, 100 MB relayed
 * intact, odd-sized writes intact both ways, a closing pipe's bytes all delivered while its peer
 * waits, and its place taken by a reconnect that relays again. Run with {@code vcmi.splice: auto}
 * (the kernel moves paired pipes' bytes where the transport is native epoll); {@link VcmiRelayCopyTest}
 * runs the same with the bytes copied through the JVM.
 */
class VcmiRelayTest extends VcmiLobbyFixture {

    @Override
    protected String vcmiConfig() {
        return "  splice: auto\n";
    }

    /** Whether paired pipes are spliced in this run: the path its metric must show. */
    boolean splicing() {
        return Transports.nativeEpoll();
    }

    /** Pipe pairs handed to the kernel so far, from {@code /metrics}. */
    static double splices(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("gatehouse_vcmi_splices_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void peersGetEachOthersHandshakeAndEarlyBytes() throws Exception {
        String[] ids = startGame();
        try (VcmiPipeClient server = VcmiPipeClient.open(server(), "server", ids[0])) {
            server.sendRaw("early from server".getBytes());
            try (VcmiPipeClient client = VcmiPipeClient.open(server(), "client", ids[2])) {
                client.sendRaw("hello from client".getBytes());
                byte[] toClient = concat(VcmiPipeClient.handshakeBytes("server", ids[0]), "early from server".getBytes());
                assertThat(client.take(toClient.length)).isEqualTo(toClient);
                byte[] toServer = concat(VcmiPipeClient.handshakeBytes("client", ids[2]), "hello from client".getBytes());
                assertThat(server.take(toServer.length)).isEqualTo(toServer);
                server.sendRaw(new byte[] {1, 2, 3});
                assertThat(client.take(3)).containsExactly(1, 2, 3);
            }
        }
    }

    @Test
    void pipeWithNoGameIsClosed() throws Exception {
        try (VcmiPipeClient stray = VcmiPipeClient.open(server(), "client", "00000000-0000-0000-0000-000000000000")) {
            assertThat(stray.awaitClosed()).isTrue();
        }
        String[] ids = startGame();
        try (VcmiPipeClient wrongRole = VcmiPipeClient.open(server(), "server", ids[1])) {
            assertThat(wrongRole.awaitClosed()).as("a client uuid is no host uuid").isTrue();
        }
    }

    @Test
    void hundredMegabytesEachWayArriveIntact() throws Exception {
        String[] ids = startGame();
        int size = 100 * 1024 * 1024;
        try (VcmiPipeClient client = VcmiPipeClient.open(server(), "client", ids[2])) {
            // the client side starts sending before the server side is there
            CompletableFuture<byte[]> sentByClient = CompletableFuture.supplyAsync(() -> send(client, size, 1));
            try (VcmiPipeClient server = VcmiPipeClient.open(server(), "server", ids[0])) {
                CompletableFuture<byte[]> sentByServer = CompletableFuture.supplyAsync(() -> send(server, size, 2));
                server.take(VcmiPipeClient.handshakeBytes("client", ids[2]).length);
                client.take(VcmiPipeClient.handshakeBytes("server", ids[0]).length);
                CompletableFuture<byte[]> atServer = CompletableFuture.supplyAsync(() -> receive(server, size));
                CompletableFuture<byte[]> atClient = CompletableFuture.supplyAsync(() -> receive(client, size));
                assertThat(atServer.get(120, TimeUnit.SECONDS)).isEqualTo(sentByClient.get(120, TimeUnit.SECONDS));
                assertThat(atClient.get(120, TimeUnit.SECONDS)).isEqualTo(sentByServer.get(120, TimeUnit.SECONDS));
                assertThat(splices(this.server.metrics())).as("the pair went through splice(2)").isEqualTo(splicing() ? 1 : 0);
            }
        }
    }

    @Test
    void oddSizedWritesArriveIntactBothWays() throws Exception {
        String[] ids = startGame();
        int size = 6 * 1024 * 1024 + 7;
        try (VcmiPipeClient server = VcmiPipeClient.open(server(), "server", ids[0]);
             VcmiPipeClient client = VcmiPipeClient.open(server(), "client", ids[2])) {
            server.take(VcmiPipeClient.handshakeBytes("client", ids[2]).length);
            client.take(VcmiPipeClient.handshakeBytes("server", ids[0]).length);
            CompletableFuture<byte[]> sentByClient = CompletableFuture.supplyAsync(() -> sendOdd(client, size, 3));
            CompletableFuture<byte[]> sentByServer = CompletableFuture.supplyAsync(() -> sendOdd(server, size, 4));
            CompletableFuture<byte[]> atServer = CompletableFuture.supplyAsync(() -> receive(server, size));
            CompletableFuture<byte[]> atClient = CompletableFuture.supplyAsync(() -> receive(client, size));
            assertThat(atServer.get(120, TimeUnit.SECONDS)).isEqualTo(sentByClient.get(120, TimeUnit.SECONDS));
            assertThat(atClient.get(120, TimeUnit.SECONDS)).isEqualTo(sentByServer.get(120, TimeUnit.SECONDS));
        }
    }

    @Test
    void closingPipeDeliversEverythingAndAReconnectTakesItsPlace() throws Exception {
        String[] ids = startGame();
        int size = 1024 * 1024 + 3;
        try (VcmiPipeClient server = VcmiPipeClient.open(server(), "server", ids[0])) {
            VcmiPipeClient client = VcmiPipeClient.open(server(), "client", ids[2]);
            server.take(VcmiPipeClient.handshakeBytes("client", ids[2]).length);
            client.take(VcmiPipeClient.handshakeBytes("server", ids[0]).length);
            // the host does not read until the client has sent everything and gone
            server.reading(false);
            byte[] sent = sendOdd(client, size, 5);
            client.close();
            assertThat(client.awaitClosed()).isTrue();
            server.reading(true);
            assertThat(receive(server, size)).isEqualTo(sent);
            assertThat(server.isOpen()).as("the host's pipe waits for a reconnect").isTrue();
            // bytes the host sends before the relay has seen its peer go are the peer's, and go with it
            await().atMost(Duration.ofSeconds(10)).until(() -> this.server.gatehouse.front(VcmiFront.class).relay().pipeCount() == 1);

            server.sendRaw("while alone".getBytes());
            try (VcmiPipeClient again = VcmiPipeClient.open(server(), "client", ids[2])) {
                // what the host sent before was delivered already and is not repeated (section 4)
                assertThat(again.take("while alone".length())).isEqualTo("while alone".getBytes());
                assertThat(server.take(VcmiPipeClient.handshakeBytes("client", ids[2]).length))
                        .isEqualTo(VcmiPipeClient.handshakeBytes("client", ids[2]));
                CompletableFuture<byte[]> atServer = CompletableFuture.supplyAsync(() -> receive(server, size));
                byte[] sentAgain = sendOdd(again, size, 6);
                assertThat(atServer.get(120, TimeUnit.SECONDS)).isEqualTo(sentAgain);
                CompletableFuture<byte[]> atClient = CompletableFuture.supplyAsync(() -> receive(again, size));
                byte[] sentByServer = sendOdd(server, size, 7);
                assertThat(atClient.get(120, TimeUnit.SECONDS)).isEqualTo(sentByServer);
            }
        }
    }

    private java.net.InetSocketAddress server() {
        return server.vcmi();
    }
}
