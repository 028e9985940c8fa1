package io.gatehouse.server.vcmi;

import static io.gatehouse.core.testing.PatternStreams.receive;
import static io.gatehouse.core.testing.PatternStreams.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gatehouse.client.vcmi.VcmiPipeClient;
import io.gatehouse.core.transport.Transports;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Paired pipes on native epoll go over to splice(2) (section 4, how bytes travel): 64 MiB each
 * way at once arrive byte for byte, a slow reader makes its peer wait instead of the server
 * holding its bytes, a client that leaves is closed while its peer waits for a reconnect and is
 * copied again, and a server that stops closes spliced pipes as any other.
 */
class VcmiSpliceTest extends VcmiLobbyFixture {

    private static final int CLIENT_BUFFER_BYTES = 64 * 1024;

    @Override
    protected String vcmiConfig() {
        return "  splice: auto\n";
    }

    /** A game pipe as raw socket, its handshake sent. */
    private Socket pipe(String role, String uuid) throws IOException {
        Socket s = new Socket();
        s.setSendBufferSize(CLIENT_BUFFER_BYTES);
        s.setReceiveBufferSize(CLIENT_BUFFER_BYTES);
        s.connect(server.vcmi(), 10_000);
        s.getOutputStream().write(VcmiPipeClient.handshakeBytes(role, uuid));
        return s;
    }

    /** Host pipe and guest pipe of a started game, paired, each past the other's handshake. */
    private Socket[] pair() throws Exception {
        assumeTrue(Transports.nativeEpoll(), "native epoll");
        String[] ids = startGame();
        Socket host = pipe("server", ids[0]);
        Socket guest = pipe("client", ids[2]);
        host.getInputStream().readNBytes(VcmiPipeClient.handshakeBytes("client", ids[2]).length);
        guest.getInputStream().readNBytes(VcmiPipeClient.handshakeBytes("server", ids[0]).length);
        await().atMost(Duration.ofSeconds(10)).until(() -> splicedPipes() == 2);
        return new Socket[] {host, guest};
    }

    private double splicedPipes() {
        return server.metrics().lines().filter(l -> l.startsWith("gatehouse_vcmi_spliced_pipes"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void sixtyFourMebibytesEachWayAtOnceArriveByteForByte() throws Exception {
        Socket[] p = pair();
        int size = 64 * 1024 * 1024;
        CompletableFuture<Void> up = CompletableFuture.runAsync(() -> send(p[1], size, 11));
        CompletableFuture<Void> down = CompletableFuture.runAsync(() -> send(p[0], size, 12));
        CompletableFuture<Long> atHost = CompletableFuture.supplyAsync(() -> receive(p[0], size, 11));
        CompletableFuture<Long> atGuest = CompletableFuture.supplyAsync(() -> receive(p[1], size, 12));
        assertThat(atHost.get(120, TimeUnit.SECONDS)).isEqualTo(size);
        assertThat(atGuest.get(120, TimeUnit.SECONDS)).isEqualTo(size);
        up.get(10, TimeUnit.SECONDS);
        down.get(10, TimeUnit.SECONDS);
        assertThat(splicedPipes()).isEqualTo(2);
        close(p);
    }

    @Test
    void aSlowReaderMakesItsPeerWait() throws Exception {
        Socket[] p = pair();
        int size = 48 * 1024 * 1024;
        AtomicLong sent = new AtomicLong();
        AtomicLong most = new AtomicLong();
        CompletableFuture<Void> up = CompletableFuture.runAsync(() -> send(p[1], size, 13, sent));
        long got = receive(p[0], size, 13, 16 * 1024, 1, received -> most.accumulateAndGet(sent.get() - received, Math::max));
        assertThat(got).isEqualTo(size);
        up.get(10, TimeUnit.SECONDS);
        // socket buffers (the server's grow as the kernel sees fit) and one kernel pipe, far from the 48 MiB sent
        assertThat(most.get()).isLessThan(16L * 1024 * 1024);
        close(p);
    }

    @Test
    void aGuestThatLeavesIsClosedAndTheHostWaitsForAReconnect() throws Exception {
        Socket[] p = pair();
        int size = 3 * 1024 * 1024 + 1;
        CompletableFuture<Void> sentAndGone = CompletableFuture.runAsync(() -> {
            send(p[1], size, 14);
            closeQuietly(p[1]);
        });
        assertThat(receive(p[0], size, 14)).isEqualTo(size);
        sentAndGone.get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> splicedPipes() == 0);
        assertHostWaitsAndPairsAgain(p[0]);
    }

    @Test
    void aHostThatResetsEndsTheSpliceAndTheGuestWaits() throws Exception {
        Socket[] p = pair();
        p[0].setSoLinger(true, 0);
        p[0].close();
        await().atMost(Duration.ofSeconds(10)).until(() -> splicedPipes() == 0);
        p[1].getOutputStream().write("still here".getBytes());
        Socket host = pipe("server", lastGame[0]);
        assertThat(host.getInputStream().readNBytes("still here".length())).isEqualTo("still here".getBytes());
        assertThat(p[1].getInputStream().readNBytes(VcmiPipeClient.handshakeBytes("server", lastGame[0]).length))
                .isEqualTo(VcmiPipeClient.handshakeBytes("server", lastGame[0]));
        close(new Socket[] {host, p[1]});
    }

    @Test
    void aServerThatStopsClosesSplicedPipes() throws Exception {
        Socket[] p = pair();
        server.close();
        assertThat(p[0].getInputStream().read()).as("host pipe closed").isEqualTo(-1);
        assertThat(p[1].getInputStream().read()).as("guest pipe closed").isEqualTo(-1);
        close(p);
        restart("");
    }

    /** The host pipe, its guest gone, holds what it sends; a new guest pipe gets it, and is copied or spliced again. */
    private void assertHostWaitsAndPairsAgain(Socket host) throws Exception {
        host.getOutputStream().write("while alone".getBytes());
        String[] ids = lastGame;
        Socket guest = pipe("client", ids[2]);
        assertThat(guest.getInputStream().readNBytes("while alone".length())).isEqualTo("while alone".getBytes());
        assertThat(host.getInputStream().readNBytes(VcmiPipeClient.handshakeBytes("client", ids[2]).length))
                .isEqualTo(VcmiPipeClient.handshakeBytes("client", ids[2]));
        await().atMost(Duration.ofSeconds(10)).until(() -> splicedPipes() == 2);
        guest.getOutputStream().write(new byte[] {7, 8, 9});
        assertThat(host.getInputStream().readNBytes(3)).containsExactly(7, 8, 9);
        close(new Socket[] {host, guest});
    }

    private String[] lastGame;

    @Override
    String[] startGame() throws InterruptedException {
        lastGame = super.startGame();
        return lastGame;
    }

    private static void close(Socket[] sockets) throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
