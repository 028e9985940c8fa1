package io.gatehouse.bench.support;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The cheapest client there is for "connect, one request, one answer, close": a blocking
 * socket, so that a scenario and its baseline pay exactly the same client cost.
 */
public final class OneShotClient {

    /** Reads the whole answer from the stream; throws when it is not the expected one. */
    @FunctionalInterface
    public interface Answer {
        void read(DataInputStream in) throws IOException;
    }

    private OneShotClient() {
    }

    /** Connects, writes {@code request}, reads the answer, closes. */
    public static void once(InetSocketAddress server, byte[] request, Answer answer) throws IOException {
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(10_000);
            s.connect(server, 10_000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = s.getInputStream();
            answer.read(new DataInputStream(in));
        }
    }

    /** An answer of exactly {@code n} bytes (an echo). */
    public static Answer bytes(int n) {
        return in -> in.readFully(new byte[n]);
    }
}
