package io.gatehouse.vcmi.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gatehouse.core.limits.ConnectionLimit;
import io.gatehouse.core.testing.PatternStreams;
import io.gatehouse.core.transport.Transports;
import io.gatehouse.vcmi.VcmiConfig;
import io.gatehouse.vcmi.handler.VcmiStatus;
import io.micrometer.core.instrument.Gauge;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Guests of many games that come and go at once (section 4): each leaves at some step of its
 * pair's handover to the kernel, or while spliced, in one of four ways. Every host stays open,
 * receives everything each guest sent while paired, in order, and pairs with a new guest.
 */
class VcmiPipeChurnTest extends VcmiFrontFixture {

    private static final int GAMES = 10;
    private static final int ROUNDS = 6;
    private static final byte[] STILL_HERE = "still here".getBytes(StandardCharsets.US_ASCII);

    @Test
    void splicedGuestsThatComeAndGoLoseNothingAndLeaveTheirHostsWaiting() throws Exception {
        assumeTrue(Transports.nativeEpoll(), "native epoll");
        start(unlimited(config()), Transports.group("vcmi-churn", 2));
        churn(true);
    }

    @Test
    void copiedGuestsThatComeAndGoLoseNothingAndLeaveTheirHostsWaiting() throws Exception {
        start(unlimited(config().withSplice(VcmiConfig.Splice.OFF)), Transports.group("vcmi-churn-off", 2));
        churn(false);
    }

    private void churn(boolean spliced) throws Exception {
        List<Host> hosts = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(2 * GAMES);
        try {
            for (int g = 0; g < GAMES; g++) {
                front.relay().open("game" + g, hostUuid(g), List.of(guestUuid(g)));
                Host h = new Host(pipe("server", hostUuid(g)));
                hosts.add(h);
                threads.submit(h::drain);
            }
            List<Future<ByteArrayOutputStream>> guests = new ArrayList<>();
            for (int g = 0; g < GAMES; g++) {
                int game = g;
                guests.add(threads.submit(() -> comeAndGo(game, hosts.get(game), spliced)));
            }
            List<byte[]> expected = new ArrayList<>();
            for (Future<ByteArrayOutputStream> f : guests) {
                expected.add(f.get(120, TimeUnit.SECONDS).toByteArray());
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> front.relay().pipeCount() == GAMES && splicedPipes() == 0);
            List<Socket> last = new ArrayList<>();
            for (int g = 0; g < GAMES; g++) {
                hosts.get(g).socket.getOutputStream().write(STILL_HERE);
                Socket guest = pipe("client", guestUuid(g));
                guest.setSoTimeout(20_000);
                last.add(guest);
            }
            for (int g = 0; g < GAMES; g++) {
                readThrough(last.get(g), STILL_HERE);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> splicedPipes() == (spliced ? 2 * GAMES : 0));
            for (int g = 0; g < GAMES; g++) {
                Host h = hosts.get(g);
                last.get(g).getOutputStream().write("marker".getBytes(StandardCharsets.US_ASCII));
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                all.write(expected.get(g));
                all.write(handshake("client", guestUuid(g)));
                all.write("marker".getBytes(StandardCharsets.US_ASCII));
                await().atMost(Duration.ofSeconds(20)).until(() -> h.received().length >= all.size());
                assertThat(h.received()).as("what game %d's host received", g).isEqualTo(all.toByteArray());
                h.socket.getOutputStream().write(new byte[] {7});
                assertThat(last.get(g).getInputStream().readNBytes(1)).containsExactly(7);
            }
            for (int g = 0; g < GAMES; g++) {
                hosts.get(g).socket.close();
                last.get(g).close();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** One game's guests, one after the other; returns what they sent while paired, in order. */
    private ByteArrayOutputStream comeAndGo(int game, Host host, boolean spliced) throws Exception {
        Random pause = new Random(game);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (int round = 0; round < ROUNDS; round++) {
            Socket brief = pipe("client", guestUuid(game));
            brief.setTcpNoDelay(true);
            String at = "127.0.0.1:" + brief.getLocalPort();
            await().atMost(Duration.ofSeconds(20)).until(() -> pipeAt(at) != null && pipeAt(at).paired());
            sent.write(handshake("client", guestUuid(game)));
            if (round % 2 == 1) {
                // unread bytes at the guest: its close is then a reset
                host.socket.getOutputStream().write('h');
            }
            switch (round % 3) {
                case 0 -> { }
                case 1 -> Thread.sleep(pause.nextInt(20));
                default -> {
                    if (spliced) {
                        await().atMost(Duration.ofSeconds(20)).until(() -> pipeAt(at) == null || pipeAt(at).spliced());
                    }
                }
            }
            byte[] last = leave(brief, (game + round) % 4, game, round);
            sent.write(last);
            await().atMost(Duration.ofSeconds(20)).until(() -> pipeAt(at) == null);
            await().atMost(Duration.ofSeconds(20)).until(() -> !pipeAt(host.at()).paired());
        }
        return sent;
    }

    /** Leaves in one of four ways; returns what the guest sent last. */
    private static byte[] leave(Socket brief, int way, int game, int round) throws IOException {
        byte[] last = switch (way) {
            case 0 -> ("bye " + game + "." + round).getBytes(StandardCharsets.US_ASCII);
            case 1 -> new byte[0];
            case 2 -> ("half " + game + "." + round).getBytes(StandardCharsets.US_ASCII);
            default -> PatternStreams.bytes(game * 100 + round, 64 * 1024);
        };
        try (brief) {
            brief.getOutputStream().write(last);
            switch (way) {
                case 1 -> brief.setSoLinger(true, 0);
                case 2 -> {
                    brief.shutdownOutput();
                    brief.getInputStream().readAllBytes();
                }
                default -> { }
            }
        } catch (SocketException e) {
            // the server closed it first, as it does once its input ended
        }
        return last;
    }

    /** A host pipe, and everything it received so far. */
    private static final class Host {
        final Socket socket;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        Host(Socket socket) {
            this.socket = socket;
        }

        String at() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        void drain() {
            byte[] buf = new byte[64 * 1024];
            try {
                InputStream in = socket.getInputStream();
                for (int n; (n = in.read(buf)) >= 0; ) {
                    synchronized (received) {
                        received.write(buf, 0, n);
                    }
                }
            } catch (IOException e) {
                // closed at the end of the test
            }
        }

        byte[] received() {
            synchronized (received) {
                return received.toByteArray();
            }
        }
    }

    /** The server's view of the pipe whose client is at {@code address}, or null once it is gone. */
    private VcmiStatus.PipeStatus pipeAt(String address) throws Exception {
        for (VcmiStatus.GameStatus g : front.status().get(10, TimeUnit.SECONDS).games()) {
            for (VcmiStatus.PipeStatus p : g.pipes()) {
                if (p.address().equals(address)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Reads until the last bytes read are {@code tail}: what the host sent while a brief guest was there may come first. */
    private static void readThrough(Socket s, byte[] tail) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        while (seen.size() < tail.length || !endsWith(seen.toByteArray(), tail)) {
            int b = s.getInputStream().read();
            assertThat(b).as("guest pipe open").isNotNegative();
            seen.write(b);
        }
    }

    private static boolean endsWith(byte[] all, byte[] tail) {
        return java.util.Arrays.equals(all, all.length - tail.length, all.length, tail, 0, tail.length);
    }

    private double splicedPipes() {
        Gauge g = registry.find("gatehouse.vcmi.spliced.pipes").gauge();
        return g == null ? 0 : g.value();
    }

    /** The config with no cap on connections from one address: every game's pipes come from loopback. */
    private static VcmiConfig unlimited(VcmiConfig c) {
        VcmiConfig.Admission a = c.admission();
        return c.withAdmission(new VcmiConfig.Admission(ConnectionLimit.none(), a.handshakeTimeout(), a.maxHandshakeBytes(),
                a.maxHandshakePackets(), a.idleTimeout()));
    }

    private static String hostUuid(int game) {
        return String.format("11111111-2222-3333-4444-%012d", game);
    }

    private static String guestUuid(int game) {
        return String.format("66666666-7777-8888-9999-%012d", game);
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
