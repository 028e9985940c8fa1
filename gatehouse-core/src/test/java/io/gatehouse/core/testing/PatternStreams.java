package io.gatehouse.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Byte streams that prove their own order: the bytes of a seed's pattern, written in odd-sized
 * writes and checked byte for byte as they are read, for the tests of relays and splices.
 */
public final class PatternStreams {

    private static final int LARGEST_WRITE = 70_000;

    private PatternStreams() {
    }

    /** The first {@code count} bytes of the pattern of {@code seed}. */
    public static byte[] bytes(long seed, int count) {
        Random pattern = new Random(seed);
        byte[] b = new byte[count];
        for (int i = 0; i < count; i++) {
            b[i] = (byte) pattern.nextInt(256);
        }
        return b;
    }

    /** Writes {@code size} bytes of the pattern of {@code seed} in odd-sized writes. */
    public static void send(Socket socket, long size, long seed) {
        send(socket, size, seed, new AtomicLong());
    }

    /** {@link #send(Socket, long, long)}, counting what was written so far into {@code sent}. */
    public static void send(Socket socket, long size, long seed, AtomicLong sent) {
        try {
            OutputStream out = socket.getOutputStream();
            Random pattern = new Random(seed);
            Random sizes = new Random(seed + 100);
            byte[] chunk = new byte[LARGEST_WRITE];
            for (long done = 0; done < size; ) {
                int n = (int) Math.min(size - done, 1 + sizes.nextInt(chunk.length));
                for (int i = 0; i < n; i++) {
                    chunk[i] = (byte) pattern.nextInt(256);
                }
                out.write(chunk, 0, n);
                done += n;
                sent.set(done);
            }
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads up to {@code size} bytes, each checked against the pattern of {@code seed}; returns the count read. */
    public static long receive(Socket socket, long size, long seed) {
        return receive(socket, size, seed, 256 * 1024, 0, got -> { });
    }

    /**
     * {@link #receive(Socket, long, long)} as a slow reader: at most {@code readBytes} a read,
     * pausing {@code pauseMillis} after each, and telling {@code progress} the count so far.
     */
    public static long receive(Socket socket, long size, long seed, int readBytes, int pauseMillis, LongConsumer progress) {
        try {
            InputStream in = socket.getInputStream();
            Random pattern = new Random(seed);
            byte[] buf = new byte[readBytes];
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
                progress.accept(got);
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
            return got;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
