package io.gatehouse.astron.md;

import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.time.Scheduler;
import io.gatehouse.core.transport.HostPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * Warms the Message Director's code up before the real listener opens (docs/protocol/astron.md,
 * section 3.2): a throw-away director on an in-process bus of its own, with two links on a
 * throw-away loopback listener, one subscribed to a channel no role uses, the other sending it a
 * burst of small datagrams through the same pipeline and routing code as real links. A fresh
 * daemon's first datagrams then find the classes loaded and the hot path compiled, as astrond's
 * do. The burst never reaches the real director's bus: in a cluster that bus is NATS, and
 * 100,000 datagrams on it would reach every other node.
 */
public final class MdWarmUp {

    /** Datagrams in the burst: enough for the JIT to compile the routing path. */
    public static final int DATAGRAMS = 100_000;
    /** The channel of the burst: the top of the 64-bit space, which no role or client is given. */
    public static final long CHANNEL = 0xFFFF_FFFF_FFFF_FFFEL;
    private static final int FRAME = 2 + 1 + 8 + 8 + 2;
    private static final int TIMEOUT_MILLIS = 10_000;

    private MdWarmUp() {
    }

    /**
     * Runs the burst; returns the bytes that came back routed (all of them, or it throws). Its
     * links have the default outbound bound, no first-message limit and meters of their own.
     */
    public static long run(Scheduler clock) throws InterruptedException {
        try (MessageDirector md = new MessageDirector(new LocalBus())) {
            return run(md, clock);
        }
    }

    /** The burst through {@code md} (package-private for its test). */
    static long run(MessageDirector md, Scheduler clock) throws InterruptedException {
        long routed;
        MdLinks links = new MdLinks(new MdLinkConfig(MdLinkConfig.DEFAULT_MAX_OUTBOUND_BYTES, Duration.ZERO), clock,
                FrontMetrics.discarding("astron_md"));
        try (MdListener listener = new MdListener(md, new HostPort("127.0.0.1", 0), links);
             Socket receiver = connect(listener.address());
             Socket sender = connect(listener.address())) {
            ByteBuffer add = ByteBuffer.allocate(21).order(ByteOrder.LITTLE_ENDIAN);
            add.putShort((short) 19).put((byte) 1).putLong(ControlMessage.CONTROL_CHANNEL)
                    .putShort((short) ControlMessage.ADD_CHANNEL.id()).putLong(CHANNEL);
            receiver.getOutputStream().write(add.array());
            ByteBuffer burst = ByteBuffer.allocate(FRAME * DATAGRAMS).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < DATAGRAMS; i++) {
                burst.putShort((short) (FRAME - 2)).put((byte) 1).putLong(CHANNEL).putLong(0).putShort((short) 0);
            }
            // a control message takes effect before anything read after it: the burst follows it
            OutputStream out = sender.getOutputStream();
            out.write(burst.array());
            out.flush();
            routed = drain(receiver.getInputStream(), burst.capacity());
        } catch (IOException e) {
            throw new UncheckedIOException("the Message Director's warm-up failed", e);
        }
        // the links are closed; once the director has seen them go, nothing of them is left
        long deadline = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000L;
        while (md.subscriberCount(CHANNEL) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Message Director's warm-up links did not go within " + TIMEOUT_MILLIS + " ms");
            }
            Thread.sleep(1);
        }
        return routed;
    }

    private static long drain(InputStream in, long bytes) throws IOException {
        byte[] buf = new byte[1 << 16];
        long got = 0;
        while (got < bytes) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("the warm-up link closed after " + got + " of " + bytes + " bytes");
            }
            got += n;
        }
        return got;
    }

    private static Socket connect(InetSocketAddress to) throws IOException {
        Socket s = new Socket(to.getAddress(), to.getPort());
        s.setTcpNoDelay(true);
        s.setSoTimeout(TIMEOUT_MILLIS);
        return s;
    }
}
