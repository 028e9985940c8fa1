package io.gatehouse.vcmi.front;

import static io.gatehouse.core.testing.PatternStreams.receive;
import static io.gatehouse.core.testing.PatternStreams.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gatehouse.core.transport.Transports;
import io.gatehouse.vcmi.VcmiConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How a paired pipe's bytes travel (section 4): through splice(2) on native epoll, copied on
 * NIO or with {@code splice: off}; every way, 8 MiB each way at once arrive byte for byte, and
 * a pipe whose client leaves leaves its peer open.
 */
class VcmiPipeTransportTest extends VcmiFrontFixture {

    private static final String HOST = "11111111-2222-3333-4444-555555555555";
    private static final String GUEST = "66666666-7777-8888-9999-000000000000";

    @Test
    void onNativeEpollThePairIsSpliced() throws Exception {
        assumeTrue(Transports.nativeEpoll(), "native epoll");
        start(config(), Transports.group("vcmi-epoll", 2));
        relayBothWays(true);
    }

    @Test
    void onNioThePairIsCopied() throws Exception {
        start(config(), Transports.nioGroup("vcmi-nio", 2));
        relayBothWays(false);
    }

    @Test
    void withSpliceOffThePairIsCopied() throws Exception {
        start(config().withSplice(VcmiConfig.Splice.OFF), Transports.group("vcmi-off", 2));
        relayBothWays(false);
    }

    private void relayBothWays(boolean spliced) throws Exception {
        front.relay().open("game", HOST, List.of(GUEST));
        Socket host = pipe("server", HOST);
        Socket guest = pipe("client", GUEST);
        assertThat(host.getInputStream().readNBytes(handshake("client", GUEST).length)).isEqualTo(handshake("client", GUEST));
        assertThat(guest.getInputStream().readNBytes(handshake("server", HOST).length)).isEqualTo(handshake("server", HOST));
        if (spliced) {
            await().atMost(Duration.ofSeconds(10)).until(() -> splicedPipes() == 2);
        }
        int size = 8 * 1024 * 1024;
        CompletableFuture<Void> up = CompletableFuture.runAsync(() -> send(guest, size, 1));
        CompletableFuture<Void> down = CompletableFuture.runAsync(() -> send(host, size, 2));
        CompletableFuture<Long> atHost = CompletableFuture.supplyAsync(() -> receive(host, size, 1));
        CompletableFuture<Long> atGuest = CompletableFuture.supplyAsync(() -> receive(guest, size, 2));
        assertThat(atHost.get(60, TimeUnit.SECONDS)).isEqualTo(size);
        assertThat(atGuest.get(60, TimeUnit.SECONDS)).isEqualTo(size);
        up.get(10, TimeUnit.SECONDS);
        down.get(10, TimeUnit.SECONDS);
        assertThat(splicedPipes()).isEqualTo(spliced ? 2 : 0);
        assertThat(splices()).isEqualTo(spliced ? 1 : 0);

        guest.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> front.relay().pipeCount() == 1);
        assertThat(splicedPipes()).isZero();
        host.getOutputStream().write("alone".getBytes(StandardCharsets.US_ASCII));
        Socket again = pipe("client", GUEST);
        assertThat(again.getInputStream().readNBytes(5)).isEqualTo("alone".getBytes(StandardCharsets.US_ASCII));
        host.close();
        again.close();
    }

    /**
     * A host that sends its last bytes and leaves while its pipe is being handed to the kernel
     * (held up: the host does not read the 16 MiB its guest sent before it came): those bytes
     * reach the guest, as they would have had the pair been copying.
     */
    @Test
    void theLastBytesOfAPipeThatLeavesDuringTheHandoverReachItsPeer() throws Exception {
        Socket[] pair = heldUpHandover("vcmi-leave-in-handover", 3);
        try (Socket host = pair[0]; Socket guest = pair[1]) {
            host.getOutputStream().write(ascii("bye"));
            host.shutdownOutput();
            assertThat(guest.getInputStream().readNBytes(3)).isEqualTo(ascii("bye"));
            assertThat(splices()).isZero();
        }
    }

    /**
     * A handover held up by a host that does not read is given up after a while: what the host
     * sends then still reaches its guest, as it would have had the pair been copying all along,
     * and the guest's bytes reach the host once it reads.
     */
    @Test
    void aHandoverHeldUpByAPipeThatDoesNotReadStopsNeitherDirection() throws Exception {
        Socket[] pair = heldUpHandover("vcmi-held-up-handover", 4);
        try (Socket host = pair[0]; Socket guest = pair[1]) {
            host.getOutputStream().write(ascii("turn 1"));
            assertThat(guest.getInputStream().readNBytes(6)).isEqualTo(ascii("turn 1"));
            assertThat(host.getInputStream().readNBytes(handshake("client", GUEST).length)).isEqualTo(handshake("client", GUEST));
            assertThat(CompletableFuture.supplyAsync(() -> receive(host, BACKLOG, 4)).get(60, TimeUnit.SECONDS)).isEqualTo(BACKLOG);
        }
    }

    private static final int BACKLOG = 16 * 1024 * 1024;

    /**
     * A guest that sent {@link #BACKLOG} bytes (from {@code seed}) before its host came, and a
     * host with a small receive buffer that reads none of them, paired on native epoll: the
     * pair's handover waits for the host. Returns the host and the guest.
     */
    private Socket[] heldUpHandover(String loops, long seed) throws Exception {
        assumeTrue(Transports.nativeEpoll(), "native epoll");
        start(config(), Transports.group(loops, 2));
        front.relay().open("game", HOST, List.of(GUEST));
        Socket guest = pipe("client", GUEST);
        guest.setSoTimeout(10_000);
        CompletableFuture.runAsync(() -> send(guest, BACKLOG, seed)).get(30, TimeUnit.SECONDS);
        Socket host = new Socket();
        host.setReceiveBufferSize(16 * 1024);
        host.connect(front.address(), 10_000);
        host.getOutputStream().write(handshake("server", HOST));
        assertThat(guest.getInputStream().readNBytes(handshake("server", HOST).length)).isEqualTo(handshake("server", HOST));
        return new Socket[] {host, guest};
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private double splicedPipes() {
        Gauge g = registry.find("gatehouse.vcmi.spliced.pipes").gauge();
        return g == null ? 0 : g.value();
    }

    private double splices() {
        Counter c = registry.find("gatehouse.vcmi.splices").counter();
        return c == null ? 0 : c.count();
    }

    private Socket pipe(String role, String uuid) throws IOException {
        Socket s = new Socket();
        s.connect(front.address(), 10_000);
        s.getOutputStream().write(handshake(role, uuid));
        return s;
    }

    /** A pipe's handshake as VCMI sends it (section 4): three length-prefixed packets and one raw byte. */
    private static byte[] handshake(String role, String uuid) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String packet : new String[] {"Aiya!\n", "VCMI test (" + role + ")", uuid}) {
            byte[] text = packet.getBytes(StandardCharsets.UTF_8);
            b.write(new byte[] {(byte) text.length, (byte) (text.length >> 8), (byte) (text.length >> 16), (byte) (text.length >> 24)});
            b.write(text);
        }
        b.write(1);
        return b.toByteArray();
    }
}
