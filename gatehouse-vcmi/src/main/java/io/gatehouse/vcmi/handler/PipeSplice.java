package io.gatehouse.vcmi.handler;

import io.gatehouse.core.transport.SplicePair;
import io.netty.buffer.ByteBuf;
import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Hands one pair of paired pipes over to the kernel (docs/protocol/vcmi.md section 4, "how bytes
 * travel"), and back. In steps, each end on its own event loop:
 * <ol>
 *   <li>quiet: the end stops reading and has written what it held back to its peer;</li>
 *   <li>when both are quiet: each end's channel writes out everything its peer sent it so far
 *       and leaves epoll (it is deregistered, its pipeline kept);</li>
 *   <li>when both have left: a {@link SplicePair} on the host pipe's event loop moves the bytes.</li>
 * </ol>
 * A step that cannot be taken (a channel closed, a read slipped in, a write failed) aborts the
 * handover and both ends go on copying, as does a handover not done within
 * {@link #PATIENCE_MILLIS}: step 2 waits for a client to read what its peer sent so far, and
 * neither direction may wait on the other's reader, as they do not when copied. When the splice ends (a client left, or {@link #stop})
 * both channels go back to their event loops: the end whose client left is closed, the other
 * goes on as an unpaired pipe that holds its bytes back, as a copying pipe would.
 */
final class PipeSplice implements SplicePair.Listener {

    /** How long a handover may take before it is given up and the pair copies for good. */
    static final long PATIENCE_MILLIS = 1_000;

    private final PipeEndpoint server;
    private final PipeEndpoint client;
    private final VcmiStats stats;
    /** Guarded by this. */
    private int quiet;
    private int left;
    private boolean aborted;
    /** Both channels left epoll and the splice is being set up: only its outcome decides now. */
    private boolean starting;
    private boolean stopRequested;
    private SplicePair pair;

    private PipeSplice(PipeEndpoint server, PipeEndpoint client, VcmiStats stats) {
        this.server = server;
        this.client = client;
        this.stats = stats;
    }

    /** Gives the handover up if it has not started splicing within {@link #PATIENCE_MILLIS}. */
    private PipeSplice withPatience() {
        try {
            server.channel().eventLoop().schedule(this::abort, PATIENCE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the server is stopping: its channels close, which gives the handover up
        }
        return this;
    }

    /** The handover of this pair: one object for both ends, whichever asks first. */
    static PipeSplice between(PipeEndpoint a, PipeEndpoint b, VcmiStats stats) {
        PipeEndpoint server = a.isServer() ? a : b;
        PipeEndpoint client = server == a ? b : a;
        synchronized (server) {
            PipeSplice s = server.handover;
            if (s == null || s.client != client) {
                s = new PipeSplice(server, client, stats).withPatience();
                server.handover = s;
            }
            return s;
        }
    }

    /** Step 1 done for {@code end}. */
    void quiet(PipeEndpoint end) {
        synchronized (this) {
            if (aborted) {
                // given up before this end got here: it copies again
                end.onLoop(end::resumeCopying);
                return;
            }
            if (++quiet < 2) {
                return;
            }
        }
        server.onLoop(server::leaveEpoll);
        client.onLoop(client::leaveEpoll);
    }

    /** Step 2 done for {@code end}: its channel is out of epoll. */
    void left(PipeEndpoint end) {
        boolean start;
        synchronized (this) {
            if (aborted) {
                end.onLoop(end::resumeCopying);
                return;
            }
            start = ++left == 2;
            starting = start;
        }
        if (start) {
            IoEventLoop loop = (IoEventLoop) server.channel().eventLoop();
            SplicePair.start(loop, ((EpollSocketChannel) server.channel()).fd(),
                    ((EpollSocketChannel) client.channel()).fd(), this).addListener((Future<SplicePair> f) -> started(f));
        }
    }

    private void started(Future<SplicePair> f) {
        if (!f.isSuccess()) {
            synchronized (this) {
                aborted = true;
            }
            resumeBoth();
            return;
        }
        boolean stopNow;
        synchronized (this) {
            pair = f.getNow();
            stopNow = stopRequested;
        }
        stats.spliceStarted();
        server.onLoop(() -> server.spliced(pair, SplicePair.Side.FIRST));
        client.onLoop(() -> client.spliced(pair, SplicePair.Side.SECOND));
        if (stopNow) {
            pair.stop();
        }
    }

    /**
     * The handover cannot go on: both ends copy again (each back in epoll first if it left).
     * Once the splice is being set up it is too late: its outcome decides.
     */
    void abort() {
        synchronized (this) {
            if (aborted || starting) {
                return;
            }
            aborted = true;
        }
        resumeBoth();
    }

    private void resumeBoth() {
        server.onLoop(server::resumeCopying);
        client.onLoop(client::resumeCopying);
    }

    /** Ends the splice, or the handover before it: a channel is to be closed. */
    void stop() {
        SplicePair p;
        boolean settingUp;
        synchronized (this) {
            stopRequested = true;
            p = pair;
            settingUp = starting && p == null;
        }
        if (p != null) {
            p.stop();
        } else if (!settingUp) {
            abort();
        }
        // while the splice is being set up, started() sees the request and stops it
    }

    @Override
    public void ended(SplicePair.Side finished, IOException error, ByteBuf towardsServer, ByteBuf towardsClient) {
        stats.spliceEnded();
        server.onLoop(() -> server.spliceEnded(finished == SplicePair.Side.FIRST, finished == SplicePair.Side.SECOND, error, towardsServer),
                towardsServer);
        client.onLoop(() -> client.spliceEnded(finished == SplicePair.Side.SECOND, finished == SplicePair.Side.FIRST, error, towardsClient),
                towardsClient);
    }
}
