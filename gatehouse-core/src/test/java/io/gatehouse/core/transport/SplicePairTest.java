package io.gatehouse.core.transport;

import static io.gatehouse.core.testing.PatternStreams.receive;
import static io.gatehouse.core.testing.PatternStreams.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.gatehouse.core.testing.PatternStreams;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel moves a pair's bytes: 64 MiB each way at once arrive byte for byte, a slow reader
 * keeps the bytes in flight within the pipes, and the end whose client leaves ends the pair,
 * with what it sent delivered first.
 */
class SplicePairTest {

    private static final int SOCKET_BUFFER_BYTES = 64 * 1024;

    private EventLoopGroup group;
    private Channel listener;
    private final LinkedBlockingQueue<EpollSocketChannel> accepted = new LinkedBlockingQueue<>();
    private final AtomicReference<String> ended = new AtomicReference<>();
    /** What a stopped pair handed over as still in its pipe towards the second end. */
    private final AtomicReference<byte[]> leftTowardsSecond = new AtomicReference<>();

    @BeforeEach
    void listen() throws InterruptedException {
        assumeTrue(Epoll.isAvailable(), "native epoll");
        group = Transports.group("splice-test", 2);
        listener = new ServerBootstrap().group(group).channel(Transports.serverChannel())
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES)
                .childOption(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted.add((EpollSocketChannel) ch);
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
    }

    @AfterEach
    void stop() {
        if (group != null) {
            listener.close().syncUninterruptibly();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Two clients whose server sides are spliced together. */
    private record Spliced(Socket first, Socket second, SplicePair pair, EpollSocketChannel a, EpollSocketChannel b) {
    }

    private Spliced splice() throws Exception {
        return splice(0);
    }

    /**
     * With {@code towardSecondBytes}, the server's socket to the second client has that small a
     * send buffer, and the one from the first a large receive buffer.
     */
    private Spliced splice(int towardSecondBytes) throws Exception {
        Socket first = client();
        EpollSocketChannel a = accepted.poll(10, TimeUnit.SECONDS);
        Socket second = client();
        EpollSocketChannel b = accepted.poll(10, TimeUnit.SECONDS);
        if (towardSecondBytes > 0) {
            b.config().setSendBufferSize(towardSecondBytes);
            // and room enough from the first that what it sends has left it when it closes
            a.config().setReceiveBufferSize(1024 * 1024);
        }
        a.deregister().sync();
        b.deregister().sync();
        SplicePair pair = SplicePair.start((IoEventLoop) a.eventLoop(), a.fd(), b.fd(),
                (side, error, towardsFirst, towardsSecond) -> {
                    towardsFirst.release();
                    leftTowardsSecond.set(ByteBufUtil.getBytes(towardsSecond));
                    towardsSecond.release();
                    ended.set(side + (error == null ? "" : " failed"));
                }).get(10, TimeUnit.SECONDS);
        return new Spliced(first, second, pair, a, b);
    }

    private Socket client() throws IOException {
        Socket s = new Socket();
        s.setSendBufferSize(SOCKET_BUFFER_BYTES);
        s.setReceiveBufferSize(SOCKET_BUFFER_BYTES);
        s.connect(listener.localAddress(), 10_000);
        return s;
    }

    @Test
    void sixtyFourMebibytesEachWayAtOnceArriveByteForByte() throws Exception {
        Spliced s = splice();
        int size = 64 * 1024 * 1024;
        CompletableFuture<Void> up = CompletableFuture.runAsync(() -> send(s.first(), size, 1));
        CompletableFuture<Void> down = CompletableFuture.runAsync(() -> send(s.second(), size, 2));
        CompletableFuture<Long> atSecond = CompletableFuture.supplyAsync(() -> receive(s.second(), size, 1));
        CompletableFuture<Long> atFirst = CompletableFuture.supplyAsync(() -> receive(s.first(), size, 2));
        assertThat(atSecond.get(120, TimeUnit.SECONDS)).isEqualTo(size);
        assertThat(atFirst.get(120, TimeUnit.SECONDS)).isEqualTo(size);
        up.get(10, TimeUnit.SECONDS);
        down.get(10, TimeUnit.SECONDS);
        // the loop counts a splice once it returns, which may be after the reader has the bytes
        await().atMost(Duration.ofSeconds(10)).until(() -> s.pair().bytesMoved(SplicePair.Side.FIRST) == size
                && s.pair().bytesMoved(SplicePair.Side.SECOND) == size);
        close(s);
    }

    @Test
    void aSlowReaderKeepsTheBytesInFlightWithinThePipes() throws Exception {
        Spliced s = splice();
        int size = 16 * 1024 * 1024;
        AtomicLong sent = new AtomicLong();
        AtomicLong most = new AtomicLong();
        AtomicLong mostInPipes = new AtomicLong();
        CompletableFuture<Void> up = CompletableFuture.runAsync(() -> send(s.first(), size, 3, sent));
        // the reader takes 4 KiB at a time and pauses, far slower than the sender
        long got = receive(s.second(), size, 3, 4096, 1, received -> {
            most.accumulateAndGet(sent.get() - received, Math::max);
            mostInPipes.accumulateAndGet(s.pair().bytesInFlight(), Math::max);
        });
        assertThat(got).isEqualTo(size);
        up.get(10, TimeUnit.SECONDS);
        // one direction moves: its pipe fills, and holds no more (past Linux's default where the
        // kernel let the pipe grow: a pipe-max-size of 1 MiB, as Linux has by default)
        assertThat(mostInPipes.get()).isLessThanOrEqualTo(KernelPipe.WANTED_CAPACITY);
        if (Files.readAllLines(Path.of("/proc/sys/fs/pipe-max-size")).get(0).trim().equals(String.valueOf(KernelPipe.WANTED_CAPACITY))) {
            assertThat(mostInPipes.get()).isGreaterThan(KernelPipe.DEFAULT_CAPACITY);
        }
        // four socket buffers (128 KiB each: the kernel doubles what is asked) and one pipe of
        // 1 MiB, not the 16 MiB sent
        assertThat(most.get()).isLessThan(2L * 1024 * 1024);
        close(s);
    }

    @Test
    void aClientThatLeavesEndsThePairAfterWhatItSentIsDelivered() throws Exception {
        Spliced s = splice();
        int size = 1024 * 1024 + 5;
        CompletableFuture<Void> sentAndGone = CompletableFuture.runAsync(() -> {
            send(s.first(), size, 4);
            closeQuietly(s.first());
        });
        assertThat(receive(s.second(), size, 4)).isEqualTo(size);
        sentAndGone.get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> "FIRST".equals(ended.get()));
        assertThat(s.b().isOpen()).as("the other socket is the caller's to keep").isTrue();
        close(s);
    }

    @Test
    void aClientThatResetsAfterSendingHasWhatItSentDeliveredFirst() throws Exception {
        Spliced s = splice(4096);
        // Bytes the first client never reads make its close a reset, which the kernel reports at
        // once. The second reads nothing until then, so what the first sent backs up in the
        // server's socket from it, behind a small send buffer towards the second.
        s.second().getOutputStream().write(new byte[1000]);
        await().atMost(Duration.ofSeconds(10)).until(() -> s.pair().bytesMoved(SplicePair.Side.SECOND) == 1000);
        int size = 300 * 1024 + 3;
        send(s.first(), size, 5);
        s.first().close();
        s.second().setSoTimeout(20_000);
        assertThat(receive(s.second(), size, 5)).isEqualTo(size);
        await().atMost(Duration.ofSeconds(10)).until(() -> ended.get() != null && ended.get().startsWith("FIRST"));
        close(s);
    }

    @Test
    void eitherSideEndsThePair() throws Exception {
        Spliced s = splice();
        s.second().setSoLinger(true, 0);
        s.second().close();
        await().atMost(Duration.ofSeconds(10)).until(() -> ended.get() != null && ended.get().startsWith("SECOND"));
        close(s);
    }

    @Test
    void stoppingEndsItWithNoFinishedEnd() throws Exception {
        Spliced s = splice();
        s.pair().stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> "null".equals(ended.get()));
        close(s);
    }

    @Test
    void aStoppedPairHandsOverWhatItsPipesStillHeld() throws Exception {
        Spliced s = splice();
        int size = 4 * 1024 * 1024;
        // nobody reads at the second end: the pipe towards it fills and stays full
        CompletableFuture.runAsync(() -> send(s.first(), size, 6));
        await().atMost(Duration.ofSeconds(10)).until(() -> s.pair().bytesInFlight() > 0
                && s.pair().bytesInFlight() == inFlightAfterAWhile(s));
        long inPipe = s.pair().bytesInFlight();
        s.pair().stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> "null".equals(ended.get()));
        byte[] left = leftTowardsSecond.get();
        assertThat(left).hasSize((int) inPipe);
        // they are the bytes that follow what the second end's socket already has, in order
        byte[] delivered = s.second().getInputStream().readNBytes((int) s.pair().bytesMoved(SplicePair.Side.FIRST) - left.length);
        byte[] expected = PatternStreams.bytes(6, delivered.length + left.length);
        byte[] got = new byte[expected.length];
        System.arraycopy(delivered, 0, got, 0, delivered.length);
        System.arraycopy(left, 0, got, delivered.length, left.length);
        assertThat(got).isEqualTo(expected);
        s.first().close();
        close(s);
    }

    private static long inFlightAfterAWhile(Spliced s) throws InterruptedException {
        Thread.sleep(100);
        return s.pair().bytesInFlight();
    }

    private void close(Spliced s) throws IOException {
        s.first().close();
        s.second().close();
        s.a().close().syncUninterruptibly();
        s.b().close().syncUninterruptibly();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
