package io.gatehouse.bench.soak;

import static io.gatehouse.bench.soak.SoakWorld.BOARD;
import static io.gatehouse.bench.soak.SoakWorld.GAME_SERVER;
import static io.gatehouse.bench.soak.SoakWorld.LOGIN;
import static io.gatehouse.bench.soak.SoakWorld.STATE_SERVER;
import static io.gatehouse.bench.soak.SoakWorld.ZONE;
import static io.gatehouse.bench.soak.SoakWorld.ZONE_PARENT;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak's game server on the Message Director: it makes the world, answers logins on the
 * UberDOG (a churning client is made established and sent a welcome datagram; a slow one is
 * given interest in the zone), and sends the field updates and datagrams that slow readers
 * are fed with. A thread of its own reads everything the director sends it.
 */
final class SoakGameServer implements AutoCloseable {

    private static final int CREATE_OBJECT = 2000;
    private static final int GET_ALL = 2014;
    private static final int GET_ALL_RESP = 2015;
    private static final int SET_FIELD = 2020;
    private static final int SET_STATE = 1000;
    private static final int SEND_DATAGRAM = 1002;
    private static final int ADD_INTEREST = 1200;
    private static final int ESTABLISHED = 2;

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final Thread reader;
    private final ConcurrentHashMap<Integer, CompletableFuture<Void>> answers = new ConcurrentHashMap<>();
    private final AtomicLong logins = new AtomicLong();
    private volatile boolean closing;

    SoakGameServer(InetSocketAddress md) throws IOException {
        socket = new Socket(md.getAddress(), md.getPort());
        socket.setTcpNoDelay(true);
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        in = new DataInputStream(socket.getInputStream());
        reader = new Thread(this::read, "soak-game-server");
        reader.setDaemon(true);
        reader.start();
    }

    /** Subscribes to its channels and makes the zone and the board; returns once the State Server has them. */
    void createWorld() throws Exception {
        synchronized (out) {
            subscribe(GAME_SERVER);
            subscribe(LOGIN);
            write(STATE_SERVER, GAME_SERVER, CREATE_OBJECT, args(14).putInt((int) ZONE_PARENT).putInt(0).putInt(0)
                    .putShort((short) SoakWorld.DC.classByName("Zone").id()));
            write(STATE_SERVER, GAME_SERVER, CREATE_OBJECT, args(14).putInt((int) BOARD).putInt((int) ZONE_PARENT).putInt((int) ZONE)
                    .putShort((short) SoakWorld.DC.classByName("Board").id()));
            out.flush();
        }
        CompletableFuture<Void> known = new CompletableFuture<>();
        answers.put(1, known);
        send(BOARD, GET_ALL, args(8).putInt(1).putInt((int) BOARD));
        known.get(30, TimeUnit.SECONDS);
    }

    /** One update of the board's broadcast field, {@code bytes} long, to every client with interest in its zone. */
    void updateBoard(byte[] bytes) throws IOException {
        send(BOARD, SET_FIELD, args(8 + bytes.length).putInt((int) BOARD).putShort((short) SoakWorld.boardField())
                .putShort((short) bytes.length).put(bytes));
    }

    /** A datagram of {@code bytes} arguments to a channel (a slow reader's). */
    void sendTo(long channel, byte[] bytes) throws IOException {
        send(channel, 0x7FFF, args(bytes.length).put(bytes));
    }

    /** Logins answered so far. */
    long logins() {
        return logins.get();
    }

    private void send(long to, int type, ByteBuffer args) throws IOException {
        synchronized (out) {
            write(to, GAME_SERVER, type, args);
            out.flush();
        }
    }

    private void write(long to, long from, int type, ByteBuffer args) throws IOException {
        args.flip();
        byte[] a = new byte[args.remaining()];
        args.get(a);
        out.write(MdWire.datagram(to, from, type, a));
    }

    private void subscribe(long channel) throws IOException {
        out.write(MdWire.addChannel(channel));
    }

    private static ByteBuffer args(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void read() {
        try {
            while (true) {
                int length = in.readUnsignedByte() | in.readUnsignedByte() << 8;
                byte[] d = new byte[length];
                in.readFully(d);
                ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
                b.position(1 + 8 * (d[0] & 0xFF));
                long sender = b.getLong();
                int type = b.getShort() & 0xFFFF;
                if (type == GET_ALL_RESP) {
                    CompletableFuture<Void> f = answers.remove(b.getInt());
                    if (f != null) {
                        f.complete(null);
                    }
                } else if (type == SET_FIELD && (b.getInt() & 0xFFFF_FFFFL) == LOGIN) {
                    b.getShort();
                    byte[] user = new byte[b.getShort() & 0xFFFF];
                    b.get(user);
                    login(sender, new String(user, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            if (!closing) {
                System.err.println("soak: the game server's Message Director link ended: " + e);
            }
        }
    }

    private void login(long client, String user) throws IOException {
        logins.incrementAndGet();
        if (user.equals(SoakWorld.SLOW_USER)) {
            send(client, ADD_INTEREST, args(10).putShort((short) 1).putInt((int) ZONE_PARENT).putInt((int) ZONE));
        } else {
            synchronized (out) {
                write(client, GAME_SERVER, SET_STATE, args(2).putShort((short) ESTABLISHED));
                write(client, GAME_SERVER, SEND_DATAGRAM, args(4).putShort((short) 2).putShort((short) SoakWorld.WELCOME));
                out.flush();
            }
        }
    }

    @Override
    public void close() throws IOException {
        closing = true;
        socket.close();
    }
}
