package io.gatehouse.server.vcmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gatehouse.client.vcmi.VcmiPipeClient;
import io.gatehouse.core.transport.Transports;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
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
        CompletableFuture<Void> up = CompletableFuture.runAsync(() -> send(p[1], size, 11, new AtomicLong()));
        CompletableFuture<Void> down = CompletableFuture.runAsync(() -> send(p[0], size, 12, new AtomicLong()));
        CompletableFuture<Long> atHost = CompletableFuture.supplyAsync(() -> receive(p[0], size, 11, 0, got -> { }));
        CompletableFuture<Long> atGuest = CompletableFuture.supplyAsync(() -> receive(p[1], size, 12, 0, got -> { }));
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
        long got = receive(p[0], size, 13, 1, received -> most.accumulateAndGet(sent.get() - received, Math::max));
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
            send(p[1], size, 14, new AtomicLong());
            closeQuietly(p[1]);
        });
        assertThat(receive(p[0], size, 14, 0, got -> { })).isEqualTo(size);
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

    /** Writes {@code size} bytes of the pattern of {@code seed} in odd-sized writes, counting them into {@code sent}. */
    private static void send(Socket socket, int size, long seed, AtomicLong sent) {
        try {
            OutputStream out = socket.getOutputStream();
            Random pattern = new Random(seed);
            Random sizes = new Random(seed + 100);
            byte[] chunk = new byte[70_000];
            for (int done = 0; done < size; ) {
                int n = Math.min(size - done, 1 + sizes.nextInt(chunk.length));
                for (int i = 0; i < n; i++) {
                    chunk[i] = (byte) pattern.nextInt(256);
                }
                out.write(chunk, 0, n);
                done += n;
                sent.set(done);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Progress {
        void at(long received);
    }

    /**
     * Reads {@code size} bytes and checks each against the pattern of {@code seed}; with
     * {@code pauseMillis}, reads 16 KiB at a time and pauses after each read.
     */
    private static long receive(Socket socket, int size, long seed, int pauseMillis, Progress progress) {
        try {
            InputStream in = socket.getInputStream();
            Random pattern = new Random(seed);
            byte[] buf = new byte[pauseMillis > 0 ? 16 * 1024 : 256 * 1024];
            long got = 0;
            while (got < size) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, size - got));
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    byte expected = (byte) pattern.nextInt(256);
                    if (buf[i] != expected) {
                        throw new AssertionError("byte " + (got + i) + " is " + buf[i] + ", sent " + expected);
                    }
                }
                got += n;
                progress.at(got);
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
            return got;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
