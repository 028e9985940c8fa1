package io.gatehouse.vcmi.front;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A plain socket speaking the vcmi framing by hand, from a chosen loopback source address
 * (127.0.0.1, 127.0.0.2...), so that tests can play several client addresses on one machine.
 * Every read waits at most 10 s: a bound on a broken test, not a timing assertion.
 */
final class RawClient implements AutoCloseable {

    private static final int READ_BOUND_MILLIS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawClient connect(InetSocketAddress server, String from) {
        Socket s = new Socket();
        try {
            s.bind(new InetSocketAddress(from, 0));
            s.connect(server, READ_BOUND_MILLIS);
            s.setSoTimeout(READ_BOUND_MILLIS);
            s.setTcpNoDelay(true);
            return new RawClient(s);
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // it never opened
            }
            throw new UncheckedIOException(e);
        }
    }

    /** One packet: a 4-byte little-endian length, then the bytes. */
    void packet(byte[] body) throws IOException {
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(body.length).array());
        out.write(body);
        out.flush();
    }

    void packet(String text) throws IOException {
        packet(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A protocol-{@code protocol}, UTF-8 lobby handshake with the commands after it, in one packet. */
    void hello(int protocol, String commands) throws IOException {
        byte[] text = commands.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[2 + text.length];
        body[0] = (byte) protocol;
        System.arraycopy(text, 0, body, 2, text.length);
        packet(body);
    }

    void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads until what arrived so far contains {@code text}; returns all of it (and forgets it). */
    String readThrough(String text) throws IOException {
        byte[] buf = new byte[4096];
        while (!seen.toString(StandardCharsets.UTF_8).contains(text)) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("closed before " + text + " arrived; got " + seen.toString(StandardCharsets.UTF_8));
            }
            seen.write(buf, 0, n);
        }
        String all = seen.toString(StandardCharsets.UTF_8);
        seen.reset();
        return all;
    }

    /**
     * Reads until the server ends the connection and returns what came before the end; fails
     * when the connection is still open after the read bound.
     */
    String readToEnd() throws IOException {
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                seen.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("still open; got " + seen.toString(StandardCharsets.UTF_8), e);
        } catch (SocketException e) {
            // reset by the server: closed too
        }
        String all = seen.toString(StandardCharsets.UTF_8);
        seen.reset();
        return all;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket that is gone already
        }
    }
}
