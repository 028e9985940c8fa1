package io.gatehouse.vcmi.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gatehouse.core.relay.PipeEnd;
import io.gatehouse.core.relay.PipeRole;
import io.gatehouse.core.relay.Relay;
import io.gatehouse.core.transport.Transports;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A pipe paired with a peer on another node (section 4): its peer is a stand-in, not a local
 * socket, so even on native epoll with {@code splice: auto} its bytes are copied, never spliced.
 */
class VcmiRemotePeerTest extends VcmiFrontFixture {

    private static final String HOST = "11111111-2222-3333-4444-555555555555";

    @Test
    void aPipePairedWithAnotherNodeIsCopiedNotSpliced() throws Exception {
        assumeTrue(Transports.nativeEpoll(), "native epoll");
        RemoteStandIn remote = new RemoteStandIn();
        start(config(), Transports.group("vcmi-remote", 2), new PairsWithRemote(remote));
        Socket host = new Socket();
        host.connect(front.address(), 10_000);
        host.setSoTimeout(20_000);
        byte[] hello = handshake("server", HOST);
        host.getOutputStream().write(hello);
        host.getOutputStream().write("to the other node".getBytes(StandardCharsets.US_ASCII));
        await().atMost(Duration.ofSeconds(10)).until(() -> remote.received().length == hello.length + 17);
        remote.local.get().send(Unpooled.wrappedBuffer("from the other node".getBytes(StandardCharsets.US_ASCII)));
        assertThat(host.getInputStream().readNBytes(19)).isEqualTo("from the other node".getBytes(StandardCharsets.US_ASCII));
        assertThat(splicedPipes()).isZero();
        assertThat(splices()).isZero();
        host.close();
    }

    /** A relay that pairs every pipe at once with the stand-in of a pipe on another node. */
    private record PairsWithRemote(RemoteStandIn remote) implements Relay {
        @Override
        public void open(String game, String hostUuid, List<String> clientUuids) {
        }

        @Override
        public void attach(String uuid, PipeRole role, PipeEnd end) {
            remote.local.set(end);
            end.paired(remote);
        }

        @Override
        public void detach(PipeEnd end) {
        }

        @Override
        public int sessionCount() {
            return 1;
        }

        @Override
        public int pipeCount() {
            return remote.local.get() == null ? 0 : 1;
        }
    }

    /** What a cluster relay hands a pipe as its peer: it keeps what it is sent. */
    private static final class RemoteStandIn implements PipeEnd {
        final AtomicReference<PipeEnd> local = new AtomicReference<>();
        private final ByteArrayOutputStream got = new ByteArrayOutputStream();

        @Override
        public void paired(PipeEnd peer) {
        }

        @Override
        public void refused() {
        }

        @Override
        public void unpaired() {
        }

        @Override
        public synchronized void send(ByteBuf bytes) {
            try {
                bytes.readBytes(got, bytes.readableBytes());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } finally {
                bytes.release();
            }
        }

        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public void resumeReading() {
        }

        synchronized byte[] received() {
            return got.toByteArray();
        }
    }

    private double splicedPipes() {
        Gauge g = registry.find("gatehouse.vcmi.spliced.pipes").gauge();
        return g == null ? 0 : g.value();
    }

    private double splices() {
        Counter c = registry.find("gatehouse.vcmi.splices").counter();
        return c == null ? 0 : c.count();
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
