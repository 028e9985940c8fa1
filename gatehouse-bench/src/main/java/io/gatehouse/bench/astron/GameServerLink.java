package io.gatehouse.bench.astron;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The benchmark's game server on the Message Director: blocking writes and reads of internal datagrams. */
final class GameServerLink implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    GameServerLink(InetSocketAddress md) throws IOException {
        socket = new Socket(md.getAddress(), md.getPort());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(60_000);
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        in = new DataInputStream(socket.getInputStream());
    }

    static ByteBuffer args(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Queues a datagram; {@link #flush()} sends what is queued. */
    void send(long to, long from, int type, ByteBuffer args) throws IOException {
        args.flip();
        ByteBuffer d = ByteBuffer.allocate(2 + 1 + 8 + 8 + 2 + args.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        d.putShort((short) (d.capacity() - 2)).put((byte) 1).putLong(to).putLong(from).putShort((short) type).put(args);
        out.write(d.array());
    }

    void subscribe(long channel) throws IOException {
        ByteBuffer d = ByteBuffer.allocate(21).order(ByteOrder.LITTLE_ENDIAN);
        d.putShort((short) 19).put((byte) 1).putLong(1).putShort((short) 9000).putLong(channel);
        out.write(d.array());
    }

    void flush() throws IOException {
        out.flush();
    }

    /** The message type of the next datagram received (the rest is skipped). */
    int receiveType() throws IOException {
        int length = in.readUnsignedByte() | in.readUnsignedByte() << 8;
        byte[] d = new byte[length];
        in.readFully(d);
        ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        b.position(1 + 8 * (d[0] & 0xFF) + 8);
        return b.getShort() & 0xFFFF;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
