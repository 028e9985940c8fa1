package io.gatehouse.core.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.epoll.Native;
import io.netty.channel.unix.FileDescriptor;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Two connected sockets whose bytes the kernel moves to each other with splice(2), through one
 * kernel pipe per direction, never through the JVM's memory. Both sockets are watched by one
 * epoll event loop, on which everything here runs; their Netty channels must be deregistered
 * from epoll meanwhile (a descriptor is in one epoll set once), and the pair owns neither socket.
 *
 * <p>Flow control: a socket is read only while the pipe it feeds has room, and waited on only
 * while that pipe is empty; so at most one pipe's capacity ({@link KernelPipe#WANTED_CAPACITY},
 * or what the kernel allows) is in flight per direction, and a client that does not read makes
 * its peer's socket wait.
 *
 * <p>It ends at the first end whose client is done: its socket reached the end of its input, or
 * was reset, and everything its client sent before has been written to the other socket (or
 * reading it failed, or both sockets failed). Then
 * both sockets leave the event loop, the pipes are closed, and {@link Listener#ended} is told
 * once, on the loop; what was still in the pipe towards the end that finished is dropped, as a
 * closed connection's unwritten output is. {@link #stop} ends it without a finished end, and
 * hands the listener what both pipes still held.
 */
public final class SplicePair {

    /** Linux's EPOLLHUP, which Netty's {@code Native} does not name. */
    private static final int EPOLLHUP = 0x010;
    /** The splice calls one readiness event may make before the loop's other work. */
    static final int SPLICES_PER_PUMP = 32;

    /** One of the two sockets of a pair. */
    public enum Side {
        FIRST, SECOND;

        public Side other() {
            return this == FIRST ? SECOND : FIRST;
        }
    }

    /** Told once, on the pair's event loop, when the pair has ended and its sockets are free. */
    public interface Listener {
        /**
         * {@code finished}: the end whose client is done (its input ended, or {@code error} is the
         * failure of that end's socket), or null when the pair was {@link #stop stopped}.
         * {@code towardsFirst} and {@code towardsSecond}: what was still in the kernel pipes
         * towards each end when a stopped pair ended (empty otherwise), the listener's to write
         * or release.
         */
        void ended(Side finished, IOException error, ByteBuf towardsFirst, ByteBuf towardsSecond);
    }

    private final IoEventLoop loop;
    private final Listener listener;
    private final End first;
    private final End second;
    private boolean ended;

    private SplicePair(IoEventLoop loop, FileDescriptor firstSocket, FileDescriptor secondSocket, Listener listener)
            throws IOException {
        this.loop = loop;
        this.listener = listener;
        this.first = new End(Side.FIRST, firstSocket);
        try {
            this.second = new End(Side.SECOND, secondSocket);
        } catch (IOException | RuntimeException e) {
            first.closePipe();
            throw e;
        }
        first.other = second;
        second.other = first;
    }

    /**
     * Starts splicing between two open sockets on {@code loop}, an epoll event loop; the future
     * fails if the loop cannot take the sockets (they are then untouched) and {@code listener}
     * is not told.
     */
    public static Future<SplicePair> start(IoEventLoop loop, FileDescriptor first, FileDescriptor second,
                                           Listener listener) {
        io.netty.util.concurrent.Promise<SplicePair> started = loop.newPromise();
        loop.execute(() -> {
            try {
                SplicePair pair = new SplicePair(loop, first, second, listener);
                pair.register(started);
            } catch (IOException | RuntimeException e) {
                started.tryFailure(e);
            }
        });
        return started;
    }

    /** Bytes that came from {@code from}'s socket and were written to the other's, so far; any thread. */
    public long bytesMoved(Side from) {
        return end(from).moved;
    }

    /** Bytes in the kernel pipes now, read from one socket and not yet written to the other; any thread. */
    public long bytesInFlight() {
        return (long) first.inPipe + second.inPipe;
    }

    /** Ends the pair from any thread; the listener is told with no finished end, unless it ended already. */
    public void stop() {
        loop.execute(() -> end(null, null));
    }

    private End end(Side side) {
        return side == Side.FIRST ? first : second;
    }

    private void register(io.netty.util.concurrent.Promise<SplicePair> started) {
        loop.register(first).addListener((Future<IoRegistration> f1) -> {
            if (!f1.isSuccess()) {
                first.closePipe();
                second.closePipe();
                started.tryFailure(f1.cause());
                return;
            }
            first.registration = f1.getNow();
            loop.register(second).addListener((Future<IoRegistration> f2) -> {
                if (!f2.isSuccess()) {
                    first.registration.cancel();
                    first.closePipe();
                    second.closePipe();
                    started.tryFailure(f2.cause());
                    return;
                }
                second.registration = f2.getNow();
                started.trySuccess(this);
                pump(first);
                pump(second);
            });
        });
    }

    /**
     * Moves what it can from {@code from}'s socket to the other's, at most {@link #SPLICES_PER_PUMP}
     * splice calls (the loop's other channels get their turn; level-triggered epoll calls again),
     * then says what each socket waits for. The socket is read whenever its pipe has room, so
     * that the pipe fills while the other socket drains it.
     */
    private void pump(End from) {
        End to = from.other;
        if (ended || to.broken) {
            // nothing more can be written to a broken end: what comes towards it waits unread
            return;
        }
        try {
            for (int calls = 0; calls < SPLICES_PER_PUMP; ) {
                boolean moved = false;
                if (from.inPipe > 0) {
                    int n;
                    try {
                        n = Native.splice(from.pipe.readEnd().intValue(), -1, to.socket.intValue(), -1, from.inPipe);
                    } catch (IOException e) {
                        broke(to, e);
                        return;
                    }
                    calls++;
                    from.inPipe -= n;
                    from.moved += n;
                    moved = n > 0;
                }
                int room = from.pipe.capacity() - from.inPipe;
                if (!from.inputDone && room > 0) {
                    boolean wasEmpty = from.inPipe == 0;
                    int n = Native.splice(from.socket.intValue(), -1, from.pipe.writeEnd().intValue(), -1, room);
                    calls++;
                    if (n > 0) {
                        from.inPipe += n;
                        moved = true;
                    } else if (wasEmpty) {
                        // Netty answers 0 both for "nothing to read now" and for the end of the
                        // input; into a pipe that holds bytes it may also mean the pipe is full.
                        from.inputDone = from.hangUp;
                    }
                }
                if (!moved) {
                    break;
                }
            }
        } catch (IOException e) {
            end(from.side, e);
            return;
        }
        if (from.inputDone && from.inPipe == 0) {
            end(from.side, from.error);
            return;
        }
        from.watch();
        to.watch();
    }

    /**
     * {@code end}'s connection was reset or shut both ways, or a write to it failed: nothing
     * more goes to it, but what its client sent before is still in its socket and goes to the
     * other end first, as Netty would read it before the error. Its socket leaves epoll, which
     * would report the failure on every wait; the other end's writability drives the rest.
     */
    private void broke(End end, IOException error) {
        if (ended || end.broken) {
            return;
        }
        end.broken = true;
        end.hangUp = true;
        end.error = error;
        end.registration.cancel();
        if (end.other.broken) {
            end(end.other.side, end.other.error);
            return;
        }
        pump(end);
    }

    private void end(Side finished, IOException error) {
        if (ended) {
            return;
        }
        ended = true;
        // stopped, neither client is done: what the pipes hold still goes to them, through Netty
        ByteBuf towardsFirst = finished == null ? second.drainPipe() : Unpooled.EMPTY_BUFFER;
        ByteBuf towardsSecond = finished == null ? first.drainPipe() : Unpooled.EMPTY_BUFFER;
        for (End e : new End[] {first, second}) {
            if (e.registration != null) {
                e.registration.cancel();
            }
            e.closePipe();
        }
        listener.ended(finished, error, towardsFirst, towardsSecond);
    }

    /** One socket, and the pipe that carries what it reads towards the other socket. */
    private final class End implements EpollIoHandle {

        final Side side;
        final FileDescriptor socket;
        /** Carries what this socket reads towards the other. */
        final KernelPipe pipe;
        End other;
        IoRegistration registration;
        /** Bytes read from this socket waiting in the pipe; written on the loop only. */
        volatile int inPipe;
        volatile long moved;
        /** The client shut its side down (EPOLLRDHUP): a read of nothing is then the end of its input. */
        boolean hangUp;
        boolean inputDone;
        /** Reset, or a write to it failed: it is out of epoll, read until its input ends, never written. */
        boolean broken;
        IOException error;
        private int watching = -1;

        End(Side side, FileDescriptor socket) throws IOException {
            this.side = side;
            this.socket = socket;
            this.pipe = KernelPipe.open(KernelPipe.WANTED_CAPACITY);
        }

        @Override
        public FileDescriptor fd() {
            return socket;
        }

        @Override
        public void handle(IoRegistration registration, IoEvent event) {
            int ops = ((EpollIoEvent) event).ops().value();
            if ((ops & (Native.EPOLLERR | EPOLLHUP)) != 0) {
                broke(this, new IOException("the connection was reset"));
                return;
            }
            if ((ops & Native.EPOLLRDHUP) != 0) {
                hangUp = true;
            }
            // readable: this socket's direction may move; writable: the other's may.
            pump(this);
            pump(other);
        }

        /** Waits to read while the pipe is empty, to write while the other's pipe holds bytes, and hears hang-ups. */
        void watch() {
            if (ended || broken) {
                return;
            }
            // Level-triggered: a hang-up once heard is not watched again, or the loop would spin on it.
            int ops = hangUp ? 0 : Native.EPOLLRDHUP;
            if (inPipe == 0 && !inputDone && !other.broken) {
                ops |= Native.EPOLLIN;
            }
            if (other.inPipe > 0) {
                ops |= Native.EPOLLOUT;
            }
            if (ops != watching) {
                watching = ops;
                registration.submit(EpollIoOps.valueOf(ops));
            }
        }

        void closePipe() {
            pipe.close();
        }

        /**
         * What the pipe holds, read out of it; counted as moved, since the listener writes it.
         * Empty if the pipe cannot be read (those bytes are then lost with it, as before).
         */
        ByteBuf drainPipe() {
            int held = inPipe;
            if (held == 0) {
                return Unpooled.EMPTY_BUFFER;
            }
            ByteBuf out = Unpooled.directBuffer(held);
            try {
                while (out.writerIndex() < held) {
                    ByteBuffer room = out.nioBuffer(out.writerIndex(), held - out.writerIndex());
                    int n = pipe.readEnd().read(room, room.position(), room.limit());
                    if (n <= 0) {
                        break;
                    }
                    out.writerIndex(out.writerIndex() + n);
                }
            } catch (IOException e) {
                // the pipe is ours and open: it fails only if the kernel does
            }
            inPipe = 0;
            moved += out.readableBytes();
            return out;
        }

        @Override
        public void close() {
            // The loop is shutting down: the sockets belong to their channels, the pipes to the pair.
            closePipe();
        }
    }
}
