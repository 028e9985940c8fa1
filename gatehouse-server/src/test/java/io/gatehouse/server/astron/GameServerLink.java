package io.gatehouse.server.astron;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A game server process (AI or UberDOG) on a Message Director, as tests play one: it writes and
 * reads internal datagrams (docs/protocol/astron.md, section 1), every one it sends from its own
 * channel.
 */
public final class GameServerLink implements AutoCloseable {

    /**
     * The DC file of the astron tests: classes LoginManager (0), Zone (1), Avatar (2) and
     * Account (3); fields login (0), setName (1), setXY (2), setHp (3) and setLevel (4).
     */
    public static final String DC = """
            dclass LoginManager {
                login(string user) clsend;
            };
            dclass Zone {
            };
            dclass Avatar {
                setName(string) required broadcast ram;
                setXY(int16 x, int16/10 y) required broadcast ram;
                setHp(uint8 (0-100)) broadcast clsend;
            };
            dclass Account {
                setLevel(uint16) db;
            };
            """;

    /** The State Server's control channel in Gatehouse's default config. */
    public static final long STATE_SERVER = 402_000;

    private final long channel;
    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    /** Connects to the Message Director at {@code md}; datagrams are sent from {@code channel}, reads wait 10 s at most. */
    public GameServerLink(InetSocketAddress md, long channel) throws IOException {
        this.channel = channel;
        socket = new Socket(md.getAddress(), md.getPort());
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** A datagram to one channel; {@code args} is flipped here. */
    public void send(long to, int type, ByteBuffer args) throws IOException {
        args.flip();
        ByteBuffer d = ByteBuffer.allocate(2 + 1 + 8 + 8 + 2 + args.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        d.putShort((short) (d.capacity() - 2)).put((byte) 1).putLong(to).putLong(channel).putShort((short) type).put(args);
        out.write(d.array());
        out.flush();
    }

    /** CONTROL_ADD_CHANNEL: a control message has no sender. */
    public void subscribe(long subscribed) throws IOException {
        ByteBuffer d = ByteBuffer.allocate(2 + 1 + 8 + 2 + 8).order(ByteOrder.LITTLE_ENDIAN);
        d.putShort((short) 19).put((byte) 1).putLong(1).putShort((short) 9000).putLong(subscribed);
        out.write(d.array());
        out.flush();
    }

    /**
     * CONTROL_ADD_POST_REMOVE: the Message Director routes {@code datagram} (no length tag) when
     * this link goes, filed under this link's channel.
     */
    public void addPostRemove(byte[] datagram) throws IOException {
        ByteBuffer d = ByteBuffer.allocate(2 + 1 + 8 + 2 + 8 + 2 + datagram.length).order(ByteOrder.LITTLE_ENDIAN);
        d.putShort((short) (d.capacity() - 2)).put((byte) 1).putLong(1).putShort((short) 9010).putLong(channel)
                .putShort((short) datagram.length).put(datagram);
        out.write(d.array());
        out.flush();
    }

    /** A datagram (no length tag) to one channel from {@code sender}, of {@code type} with no arguments. */
    public static byte[] datagram(long to, long sender, int type) {
        return ByteBuffer.allocate(1 + 8 + 8 + 2).order(ByteOrder.LITTLE_ENDIAN).put((byte) 1).putLong(to).putLong(sender)
                .putShort((short) type).array();
    }

    /** STATESERVER_CREATE_OBJECT_WITH_REQUIRED of a Zone (class 1 of {@link #DC}) at 0/0. */
    public void createZone(long doId) throws IOException {
        send(STATE_SERVER, 2000, args().putInt((int) doId).putInt(0).putInt(0).putShort((short) 1));
    }

    /**
     * STATESERVER_CREATE_OBJECT_WITH_REQUIRED of an Avatar (class 2 of {@link #DC}: setName, setXY) named
     * {@code name} at (x, y / 10) in the parent's zone.
     */
    public void createAvatar(long doId, long parent, long zone, String name, int x, int tenthsOfY) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        send(STATE_SERVER, 2000, args().putInt((int) doId).putInt((int) parent).putInt((int) zone).putShort((short) 2)
                .putShort((short) n.length).put(n).putShort((short) x).putShort((short) tenthsOfY));
    }

    /**
     * Waits until the Message Director has applied everything this link sent before: asks the
     * State Server for object {@code doId} (STATESERVER_OBJECT_GET_ALL) and reads the answer,
     * which is routed only after this link's earlier messages.
     */
    public void synced(long doId) throws IOException {
        send(doId, 2014, args().putInt(99).putInt((int) doId));
        ByteBuffer answer = receive();
        long sender = answer.getLong();
        int type = answer.getShort() & 0xFFFF;
        if (type != 2015 || answer.getInt() != 99) {
            throw new IOException("not the STATESERVER_OBJECT_GET_ALL_RESP of context 99 but a message of type " + type + " from " + sender);
        }
    }

    /** Waits for a client's field update to an UberDOG and returns the client's channel (its sender). */
    public long loginSender() throws IOException {
        for (;;) {
            ByteBuffer d = receive();
            long sender = d.getLong();
            if (d.getShort() == 2020) {
                return sender;
            }
        }
    }

    /** CLIENTAGENT_SET_STATE ESTABLISHED for the client on {@code client}. */
    public void establish(long client) throws IOException {
        send(client, 1000, args().putShort((short) 2));
    }

    /** The next datagram, positioned at its sender (then type and arguments). */
    public ByteBuffer receive() throws IOException {
        int length = in.readUnsignedByte() | in.readUnsignedByte() << 8;
        byte[] d = new byte[length];
        in.readFully(d);
        ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        b.position(1 + 8 * (d[0] & 0xFF));
        return b;
    }

    /** A buffer for a datagram's arguments, little-endian. */
    public static ByteBuffer args() {
        return ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
