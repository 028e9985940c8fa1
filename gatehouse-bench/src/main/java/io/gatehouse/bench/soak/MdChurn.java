package io.gatehouse.bench.soak;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One short-lived participant of the Message Director (as an AI process that restarts): it
 * subscribes a channel of its own, asks the State Server for the board with that channel as
 * sender (STATESERVER_OBJECT_GET_ALL), reads the answer, and leaves.
 */
final class MdChurn implements PlayerCycle {

    private static final int GET_ALL = 2014;
    private static final int GET_ALL_RESP = 2015;
    private static final int MAX_SKIPPED = 1000;

    private final InetSocketAddress md;
    private final Tally tally;

    MdChurn(InetSocketAddress md, Tally tally) {
        this.md = md;
        this.tally = tally;
    }

    @Override
    public void run(long n, InetSocketAddress local) throws Exception {
        long channel = SoakWorld.CHURN_MD_CHANNELS + n % 1000;
        int context = (int) n;
        try (Socket s = new Socket(md.getAddress(), md.getPort(), local.getAddress(), 0)) {
            tally.connected();
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(MdWire.addChannel(channel));
            out.write(MdWire.datagram(SoakWorld.BOARD, channel, GET_ALL,
                    ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(context).putInt((int) SoakWorld.BOARD).array()));
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            for (int skipped = 0; skipped < MAX_SKIPPED; skipped++) {
                byte[] d = new byte[in.readUnsignedByte() | in.readUnsignedByte() << 8];
                in.readFully(d);
                ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
                b.position(1 + 8 * (d[0] & 0xFF) + 8);
                if ((b.getShort() & 0xFFFF) == GET_ALL_RESP && b.getInt() == context) {
                    return;
                }
            }
            throw new IllegalStateException("no STATESERVER_OBJECT_GET_ALL_RESP among " + MAX_SKIPPED + " datagrams");
        }
    }
}
