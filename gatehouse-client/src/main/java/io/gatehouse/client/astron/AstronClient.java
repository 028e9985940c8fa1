package io.gatehouse.client.astron;

import io.gatehouse.astron.dc.DcClass;
import io.gatehouse.astron.dc.DcField;
import io.gatehouse.astron.dc.DcFile;
import io.gatehouse.astron.dc.DcValues;
import io.gatehouse.astron.md.DatagramOverflowException;
import io.gatehouse.client.ClientSockets;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A game client of the {@code astron} Client Agent (docs/protocol/astron.md, sections 7 and
 * 11): the hello, a heartbeat loop, interests, and a view of the objects the client sees and
 * owns with their field values decoded through the DC file. Reads wait up to {@link #timeout}.
 */
public final class AstronClient implements AutoCloseable {

    private static final int HELLO = 1;
    private static final int HELLO_RESP = 2;
    private static final int DISCONNECT = 3;
    private static final int EJECT = 4;
    private static final int HEARTBEAT = 5;
    private static final int SET_FIELD = 120;
    private static final int SET_FIELDS = 121;
    private static final int LEAVING = 132;
    private static final int LOCATION = 140;
    private static final int LEAVING_OWNER = 161;
    private static final int ADD_INTEREST = 200;
    private static final int ADD_INTEREST_MULTIPLE = 201;
    private static final int REMOVE_INTEREST = 203;
    private static final int DONE_INTEREST = 204;

    private final DcFile dc;
    private final Channel channel;
    private final Map<Long, ViewObject> objects = new LinkedHashMap<>();
    private final Set<Long> doneContexts = new HashSet<>();
    private final Map<Integer, Integer> received = new HashMap<>();
    private Duration timeout = Duration.ofSeconds(10);
    private boolean helloAnswered;
    private AstronEjectedException ejected;
    private boolean closed;
    private long nextContext = 1;
    private ScheduledFuture<?> heartbeat;

    public AstronClient(InetSocketAddress agent, DcFile dc) throws InterruptedException {
        this(agent, null, dc);
    }

    /** A client connecting from {@code local} (null: any address). */
    public AstronClient(InetSocketAddress agent, InetSocketAddress local, DcFile dc) throws InterruptedException {
        this.dc = dc;
        this.channel = ClientSockets.connect(agent, local, pipeline -> pipeline
                .addLast(new LengthFieldBasedFrameDecoder(ByteOrder.LITTLE_ENDIAN, 0xFFFF + 2, 0, 2, 0, 2, true))
                .addLast(new Inbound()));
    }

    public AstronClient timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** Sends CLIENT_HELLO with the DC file's hash; returns once answered, or throws the eject. */
    public void hello(String version) throws InterruptedException, TimeoutException, AstronEjectedException {
        hello(Integer.toUnsignedLong(dc.hash()), version);
    }

    public void hello(long hash, String version) throws InterruptedException, TimeoutException, AstronEjectedException {
        byte[] v = version.getBytes(StandardCharsets.UTF_8);
        DatagramOverflowException.requireFits("version", v.length);
        send(frame(HELLO).writeIntLE((int) hash).writeShortLE(v.length).writeBytes(v));
        await(() -> helloAnswered, "CLIENT_HELLO_RESP");
    }

    /** Sends CLIENT_HEARTBEAT every {@code interval} until closed. */
    public synchronized void startHeartbeat(Duration interval) {
        if (heartbeat == null) {
            heartbeat = channel.eventLoop().scheduleAtFixedRate(() -> send(frame(HEARTBEAT)),
                    interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Opens (or changes) interest {@code id} in the zones of {@code parent}; returns its context. */
    public synchronized long addInterest(int id, long parent, long... zones) {
        long context = nextContext++;
        ByteBuf f = frame(zones.length == 1 ? ADD_INTEREST : ADD_INTEREST_MULTIPLE).writeIntLE((int) context).writeShortLE(id)
                .writeIntLE((int) parent);
        if (zones.length != 1) {
            f.writeShortLE(zones.length);
        }
        for (long z : zones) {
            f.writeIntLE((int) z);
        }
        send(f);
        return context;
    }

    public synchronized long removeInterest(int id) {
        long context = nextContext++;
        send(frame(REMOVE_INTEREST).writeIntLE((int) context).writeShortLE(id));
        return context;
    }

    /** Waits for CLIENT_DONE_INTEREST_RESP with that context. */
    public void awaitInterestDone(long context) throws InterruptedException, TimeoutException, AstronEjectedException {
        await(() -> doneContexts.contains(context), "the interest with context " + context + " to be done");
    }

    /** Sends CLIENT_OBJECT_SET_FIELD: the named field of the object's class, one value per parameter. */
    public void setField(long doId, String className, String fieldName, Object... values) {
        DcClass dclass = dc.classByName(className);
        DcField field = dclass == null ? null : dclass.field(fieldName);
        if (field == null) {
            throw new IllegalArgumentException("no field " + className + "." + fieldName + " in the DC file");
        }
        send(frame(SET_FIELD).writeIntLE((int) doId).writeShortLE(field.id()).writeBytes(DcValues.pack(field, List.of(values))));
    }

    /** Sends CLIENT_DISCONNECT; the agent closes the connection. */
    public void disconnect() {
        send(frame(DISCONNECT));
    }

    /** Sends one datagram as it is (the length tag is added); one longer than the tag can say is refused. */
    public void sendDatagram(byte[] datagram) {
        DatagramOverflowException.requireFits("client datagram", datagram.length);
        send(Unpooled.buffer(2 + datagram.length).writeShortLE(datagram.length).writeBytes(datagram));
    }

    /** The objects the client sees or owns now. */
    public synchronized Map<Long, ViewObject> objects() {
        return Map.copyOf(objects);
    }

    /** Waits until the view satisfies {@code condition}; returns the view then. */
    public Map<Long, ViewObject> awaitView(Predicate<Map<Long, ViewObject>> condition, String what)
            throws InterruptedException, TimeoutException, AstronEjectedException {
        await(() -> condition.test(objects), what);
        return objects();
    }

    /** How many messages of the type the client has received. */
    public synchronized int receivedCount(int messageType) {
        return received.getOrDefault(messageType, 0);
    }

    /** Waits until the agent closes the connection; returns its eject, or null when it closed without one. */
    public AstronEjectedException awaitClose() throws InterruptedException, TimeoutException {
        try {
            await(() -> closed, "the connection to close");
        } catch (AstronEjectedException e) {
            return e;
        }
        return ejected;
    }

    private synchronized void await(BooleanSupplier done, String what)
            throws InterruptedException, TimeoutException, AstronEjectedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (ejected != null) {
                throw ejected;
            }
            if (closed) {
                throw new TimeoutException("the connection closed while waiting for " + what);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("no " + what + " within " + timeout.toMillis() + " ms");
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    private static ByteBuf frame(int type) {
        return Unpooled.buffer(32).writeShortLE(0).writeShortLE(type);
    }

    /** Fills in the length tag of a {@link #frame}; a frame longer than the tag can say is refused, not sent. */
    private void send(ByteBuf frame) {
        if (frame.getUnsignedShortLE(0) == 0 && frame.readableBytes() > 2) {
            int length = frame.readableBytes() - 2;
            if (length > DatagramOverflowException.MAX_BYTES) {
                frame.release();
                throw new DatagramOverflowException("client datagram", length);
            }
            frame.setShortLE(0, length);
        }
        channel.writeAndFlush(frame);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
        }
        channel.close().awaitUninterruptibly(2000);
    }

    /** Turns the agent's datagrams into the view. */
    private final class Inbound extends SimpleChannelInboundHandler<ByteBuf> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf d) {
            synchronized (AstronClient.this) {
                int type = d.readUnsignedShortLE();
                received.merge(type, 1, Integer::sum);
                switch (type) {
                    case HELLO_RESP -> helloAnswered = true;
                    case EJECT -> {
                        int code = d.readUnsignedShortLE();
                        ejected = new AstronEjectedException(code, d.readCharSequence(d.readUnsignedShortLE(), StandardCharsets.UTF_8).toString());
                    }
                    case 142, 143, 172, 173 -> enter(d, type == 143 || type == 173, type >= 172);
                    case SET_FIELD -> update(d.readUnsignedIntLE(), d, 1);
                    case SET_FIELDS -> {
                        long doId = d.readUnsignedIntLE();
                        update(doId, d, d.readUnsignedShortLE());
                    }
                    case LEAVING, LEAVING_OWNER -> leave(d.readUnsignedIntLE(), type == LEAVING_OWNER);
                    case LOCATION -> {
                        long doId = d.readUnsignedIntLE();
                        ViewObject o = objects.get(doId);
                        if (o != null) {
                            objects.put(doId, new ViewObject(doId, d.readUnsignedIntLE(), d.readUnsignedIntLE(), o.className(), o.owned(), o.fields()));
                        }
                    }
                    case DONE_INTEREST -> doneContexts.add(d.readUnsignedIntLE());
                    default -> {
                        // other messages (ADD/REMOVE_INTEREST announcements, datagrams a game server forwards) only count
                    }
                }
                AstronClient.this.notifyAll();
            }
        }

        private void enter(ByteBuf d, boolean other, boolean owned) {
            long doId = d.readUnsignedIntLE();
            long parent = d.readUnsignedIntLE();
            long zone = d.readUnsignedIntLE();
            DcClass dclass = dc.classById(d.readUnsignedShortLE());
            Map<String, List<Object>> fields = new LinkedHashMap<>();
            if (dclass != null) {
                for (DcField f : dclass.fields()) {
                    if (f.hasKeyword("required") && !f.isMolecular()) {
                        fields.put(f.name(), DcValues.unpack(f, d));
                    }
                }
                if (other) {
                    int count = d.readUnsignedShortLE();
                    for (int i = 0; i < count; i++) {
                        DcField f = dc.field(d.readUnsignedShortLE());
                        fields.put(f.name(), DcValues.unpack(f, d));
                    }
                }
            }
            ViewObject before = objects.get(doId);
            boolean isOwned = owned || before != null && before.owned();
            objects.put(doId, new ViewObject(doId, parent, zone, dclass == null ? "?" : dclass.name(), isOwned, fields));
        }

        private void update(long doId, ByteBuf d, int count) {
            ViewObject o = objects.get(doId);
            Map<String, List<Object>> fields = o == null ? new LinkedHashMap<>() : new LinkedHashMap<>(o.fields());
            for (int i = 0; i < count; i++) {
                DcField f = dc.field(d.readUnsignedShortLE());
                fields.put(f.name(), DcValues.unpack(f, d));
            }
            if (o != null) {
                objects.put(doId, new ViewObject(doId, o.parent(), o.zone(), o.className(), o.owned(), fields));
            }
        }

        private void leave(long doId, boolean ownership) {
            ViewObject o = objects.get(doId);
            if (o == null) {
                return;
            }
            if (ownership || !o.owned()) {
                objects.remove(doId);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            synchronized (AstronClient.this) {
                closed = true;
                AstronClient.this.notifyAll();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
