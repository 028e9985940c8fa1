package io.gatehouse.astron.clientagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.astron.message.ClientMessageType;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A game client on a plain socket that writes and reads client datagrams byte for byte. */
final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    RawClient(InetSocketAddress ca) throws IOException {
        this(ca, 0);
    }

    /**
     * A client whose socket receive buffer is fixed at {@code receiveBuffer} bytes (0: the
     * kernel's default, which grows with the traffic), so that a test can make it a slow reader.
     */
    RawClient(InetSocketAddress ca, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(ca, 10_000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** A client on a socket already connected (a TLS one, say). */
    RawClient(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** The port of the client's end, which the Client Agent sees as the client's. */
    int localPort() {
        return socket.getLocalPort();
    }

    /** Writes one datagram (the length tag is added). */
    void send(byte[] datagram) throws IOException {
        out.write(ByteBuffer.allocate(2 + datagram.length).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) datagram.length).put(datagram).array());
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next datagram, without its length tag. */
    byte[] receive() throws IOException {
        int lo = in.readUnsignedByte();
        int hi = in.readUnsignedByte();
        byte[] d = new byte[lo | hi << 8];
        in.readFully(d);
        return d;
    }

    /** Sends CLIENT_HELLO and expects CLIENT_HELLO_RESP. */
    void hello(long hash, String version) throws IOException {
        send(Bytes.le().u16(ClientMessageType.HELLO.id()).u32(hash).string(version).array());
        assertThat(receive()).containsExactly(2, 0);
    }

    /** Expects CLIENT_EJECT with the code, then the end of the stream; returns the reason. */
    String expectEject(int code) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(receive()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getShort() & 0xFFFF).as("message type").isEqualTo(ClientMessageType.EJECT.id());
        int got = b.getShort() & 0xFFFF;
        byte[] reason = new byte[b.getShort() & 0xFFFF];
        b.get(reason);
        String text = new String(reason, StandardCharsets.UTF_8);
        assertThat(got).as("eject code, reason '%s'", text).isEqualTo(code);
        assertThat(b.hasRemaining()).isFalse();
        assertThat(closedByServer()).as("closed after the eject").isTrue();
        return text;
    }

    /** True when the server closed the connection (and sent nothing more). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (EOFException | SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
