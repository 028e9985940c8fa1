package io.gatehouse.astron.md;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A test participant on a real socket: writes and reads length-tagged datagrams. */
public final class MdLink implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    public MdLink(InetSocketAddress md) throws IOException {
        this(md, 0);
    }

    /**
     * A link whose socket receive buffer is fixed at {@code receiveBuffer} bytes (0: the kernel's
     * default, which grows with the traffic), so that a test can make it a participant that does not read.
     */
    public MdLink(InetSocketAddress md, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(md, 10_000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** The far end of a director's own connection, accepted by the test (an upstream that a director joins). */
    public static MdLink accept(java.net.ServerSocket server) throws IOException {
        return new MdLink(server.accept());
    }

    private MdLink(Socket accepted) throws IOException {
        socket = accepted;
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** A datagram: recipients, sender, message type, payload (no length tag). */
    public static byte[] datagram(long[] recipients, long sender, int type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(1 + 8 * recipients.length + 8 + 2 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) recipients.length);
        for (long r : recipients) {
            b.putLong(r);
        }
        b.putLong(sender).putShort((short) type).put(payload);
        return b.array();
    }

    /** A control datagram: to channel 1, no sender. */
    public static byte[] control(ControlMessage m, byte[] args) {
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 2 + args.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 1).putLong(ControlMessage.CONTROL_CHANNEL).putShort((short) m.id()).put(args);
        return b.array();
    }

    public static byte[] longs(long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    public void send(byte[] datagram) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(2 + datagram.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) datagram.length).put(datagram);
        out.write(b.array());
        out.flush();
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next datagram this link receives (without its length tag). */
    public byte[] receive() throws IOException {
        int lo = in.readUnsignedByte();
        int hi = in.readUnsignedByte();
        byte[] d = new byte[lo | hi << 8];
        in.readFully(d);
        return d;
    }

    /** True when the server closed the link. */
    public boolean closedByServer() throws IOException {
        return in.read() < 0;
    }

    /** Reads until the server has closed the link; the bytes that came before the end. */
    public long drainUntilClosed() throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long got = 0;
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                got += n;
            }
        } catch (java.net.SocketTimeoutException stillOpen) {
            throw new AssertionError("the link was not closed (" + got + " bytes came)", stillOpen);
        } catch (java.net.SocketException reset) {
            // closed with bytes still unread
        }
        return got;
    }

    /** True when nothing comes and the link stays open for {@code millis}. */
    public boolean openAndQuietFor(int millis) throws IOException {
        int before = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            in.read();
            return false;
        } catch (java.net.SocketTimeoutException quiet) {
            return true;
        } finally {
            socket.setSoTimeout(before);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
