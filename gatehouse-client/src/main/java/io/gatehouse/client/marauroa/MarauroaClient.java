package io.gatehouse.client.marauroa;

import io.gatehouse.client.ClientSockets;
import io.gatehouse.marauroa.codec.MarauroaCodec.Envelope;
import io.gatehouse.marauroa.codec.MarauroaCodec;
import io.gatehouse.marauroa.crypto.RsaKey;
import io.gatehouse.marauroa.crypto.SecureLogin;
import io.gatehouse.marauroa.game.Perception;
import io.gatehouse.marauroa.game.RPClasses;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.message.MarauroaMessage.*;
import io.gatehouse.marauroa.message.MarauroaMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client of the {@code marauroa} front (docs/protocol/marauroa.md) doing what Marauroa's
 * own client does: account creation, the secure login, logout and keep-alives. Replies are
 * read in order; {@link #next()} gives the next one the server sent.
 */
public final class MarauroaClient implements AutoCloseable {

    private final Channel channel;
    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final AtomicLong bytesReceived = new AtomicLong();
    /** Content offers and transfers, which come with the turns rather than as answers. */
    private final LinkedBlockingQueue<MarauroaMessage> transfers = new LinkedBlockingQueue<>();
    private final int version;
    private Duration timeout = Duration.ofSeconds(10);
    private int clientId = -1;
    /** The game's classes, from the server's S2C_SERVERINFO; objects are read with them. */
    private volatile RPClasses classes = new RPClasses();

    /** What a successful login brought: the previous logins, the server's lines, the characters and their objects. */
    public record Login(List<String> previousLogins, List<String> serverInfo, List<String> characters, List<RPObject> objects) {
    }

    /** A login the server refused: the NACK message it sent. */
    public static final class LoginRefused extends Exception {
        private final MarauroaMessage reply;

        LoginRefused(MarauroaMessage reply) {
            super("login refused: " + reply);
            this.reply = reply;
        }

        public MarauroaMessage reply() {
            return reply;
        }
    }

    public MarauroaClient(InetSocketAddress server) throws InterruptedException {
        this(server, null, MarauroaCodec.VERSION);
    }

    /** A client speaking the given protocol version. */
    public MarauroaClient(InetSocketAddress server, int version) throws InterruptedException {
        this(server, null, version);
    }

    /** A client connecting from {@code local} (null: any address). */
    public MarauroaClient(InetSocketAddress server, InetSocketAddress local) throws InterruptedException {
        this(server, local, MarauroaCodec.VERSION);
    }

    /** A client connecting from {@code local} (null: any address), speaking the given protocol version. */
    public MarauroaClient(InetSocketAddress server, InetSocketAddress local, int version) throws InterruptedException {
        this.version = version;
        this.channel = ClientSockets.connect(server, local, pipeline -> pipeline
                .addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        bytesReceived.addAndGet(((ByteBuf) msg).readableBytes());
                        ctx.fireChannelRead(msg);
                    }
                })
                .addLast(MarauroaCodec.frameDecoder(16 * 1024 * 1024))
                .addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
                        Envelope e = MarauroaCodec.decode(frame, false, classes);
                        if (e.message() instanceof ServerInfo info) {
                            classes = info.classes();
                        }
                        if (e.message() instanceof PerceptionMessage p) {
                            perceive(p);
                        } else if (e.message() instanceof TransferReq || e.message() instanceof Transfer) {
                            transfers.add(e.message());
                        } else {
                            inbox.add(e);
                        }
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        inbox.add(Closed.INSTANCE);
                    }
                }));
    }

    private enum Closed { INSTANCE }

    public MarauroaClient timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** The client id the server gave this client (−1 before the login handshake). */
    public int clientId() {
        return clientId;
    }

    public void send(MarauroaMessage m) {
        sendAs(clientId, m);
    }

    /** Sends a message with the given client id in its header (the client's own, or a wrong one on purpose). */
    public void sendAs(int id, MarauroaMessage m) {
        channel.writeAndFlush(MarauroaCodec.encode(new Envelope(version, id, (int) System.currentTimeMillis(), m), channel.alloc()));
    }

    /** Sends bytes as they are. */
    public void sendRaw(byte[] bytes) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }

    /** The next message from the server; a TimeoutException when none comes or the connection closed. */
    public Envelope next() throws InterruptedException, TimeoutException {
        Object o = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (o == null) {
            throw new TimeoutException("no message within " + timeout.toMillis() + " ms");
        }
        if (o == Closed.INSTANCE) {
            inbox.add(o);
            throw new TimeoutException("the server closed the connection");
        }
        return (Envelope) o;
    }

    /** True when the server closes the connection within the timeout without sending anything more. */
    public boolean closedByServer() throws InterruptedException {
        Object o = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return o == Closed.INSTANCE;
    }

    public MarauroaMessage createAccount(String username, String password, String email)
            throws InterruptedException, TimeoutException {
        send(new CreateAccount(username, password, email, "en"));
        return next().message();
    }

    /**
     * Marauroa's secure login: asks for the key, promises a nonce, sends the nonce, the name
     * and the masked, encrypted password hash, then collects the ACK, the server info and the
     * character list. A NACK of any kind is a {@link LoginRefused}.
     */
    public Login login(String username, String password, String game, String gameVersion)
            throws InterruptedException, TimeoutException, LoginRefused {
        send(new LoginRequestKey(game, gameVersion));
        MarauroaMessage keyReply = next().message();
        if (!(keyReply instanceof LoginSendKey key)) {
            throw new LoginRefused(keyReply);
        }
        RsaKey publicKey = new RsaKey(new BigInteger(key.modulus()), new BigInteger(key.exponent()), BigInteger.ZERO);
        byte[] clientNonce = SecureLogin.nonce();
        send(new LoginSendPromise(SecureLogin.md5(clientNonce), "en"));
        Envelope nonceReply = next();
        if (!(nonceReply.message() instanceof LoginSendNonce serverNonce)) {
            throw new LoginRefused(nonceReply.message());
        }
        clientId = nonceReply.clientId();
        send(new LoginSendNonceNameAndPassword(clientNonce, username,
                SecureLogin.encryptPassword(publicKey, password, clientNonce, serverNonce.nonce())));
        MarauroaMessage ack = next().message();
        if (!(ack instanceof LoginAck loginAck)) {
            throw new LoginRefused(ack);
        }
        ServerInfo info = (ServerInfo) next().message();
        CharacterList characters = (CharacterList) next().message();
        return new Login(loginAck.previousLogins(), info.contents(), characters.characters(), characters.objects());
    }

    // ---- the world as perceptions tell it ----

    private final Map<String, RPObject> view = new LinkedHashMap<>();
    private int perceptions;
    private int awaited;
    private boolean needSync = true;
    private int lastTimestamp = -1;
    private boolean dropNext;
    private int outOfSyncSent;
    private String myId;

    /**
     * Applies a perception to the view: a TOTAL one replaces it, a DELTA changes it, except
     * while a TOTAL one is awaited (before the first, and after {@link #resync}). Timestamps
     * may skip: from version 34 the server leaves out empty perceptions, so, like Marauroa's
     * client, this one does not treat a gap as lost data.
     */
    private synchronized void perceive(PerceptionMessage m) {
        if (dropNext) {
            dropNext = false;
            notifyAll();
            return;
        }
        var p = m.perception();
        if (p.type() == Perception.SYNC) {
            needSync = false;
            view.clear();
            p.added().forEach(o -> view.put(o.get("id"), copyOf(o)));
            if (m.myAdded() != null) {
                myId = m.myAdded().get("id");
                merge(m.myAdded());
            }
        } else if (needSync) {
            notifyAll();
            return;
        } else {
            // Marauroa's client order: what went, what changed (removals before additions), what came
            p.deleted().forEach(d -> view.remove(d.get("id")));
            p.modifiedDeleted().forEach(this::unset);
            p.modifiedAdded().forEach(this::merge);
            p.added().forEach(o -> view.put(o.get("id"), copyOf(o)));
            if (m.myDeleted() != null) {
                unset(m.myDeleted());
            }
            if (m.myAdded() != null) {
                merge(m.myAdded());
            }
        }
        lastTimestamp = m.timestamp();
        perceptions++;
        notifyAll();
    }

    private void unset(RPObject removed) {
        RPObject o = view.get(removed.get("id"));
        if (o != null) {
            ViewChanges.remove(o, removed);
        }
    }

    private void merge(RPObject changes) {
        RPObject o = view.get(changes.get("id"));
        if (o != null) {
            ViewChanges.add(o, changes);
        }
    }

    private static RPObject copyOf(RPObject o) {
        return o.copy();
    }

    /**
     * Waits until {@code count} more perceptions than the caller has awaited so far have been
     * applied (so one that came early still counts); the view then (a copy).
     */
    public synchronized Map<String, RPObject> awaitPerceptions(int count) throws InterruptedException, TimeoutException {
        awaited += count;
        int target = awaited;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (perceptions < target) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("only " + (perceptions - target + count) + " of " + count + " perceptions came");
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
        Map<String, RPObject> copy = new LinkedHashMap<>();
        view.forEach((id, o) -> copy.put(id, copyOf(o)));
        return copy;
    }

    /** The timestamp of the last perception applied, -1 before the first. */
    public synchronized int lastPerceptionTimestamp() {
        return lastTimestamp;
    }

    /** The player's own object id (from the first TOTAL perception), or null. */
    public synchronized String myId() {
        return myId;
    }

    /** Loses the next perception on purpose, so that the view goes stale (for testing out-of-sync recovery). */
    public synchronized void dropNextPerception() {
        dropNext = true;
    }

    /**
     * Asks for a TOTAL perception with C2S_OUTOFSYNC, as a Marauroa game does when it finds its
     * world wrong; DELTAs are ignored until the TOTAL one comes.
     */
    public synchronized void resync() {
        needSync = true;
        outOfSyncSent++;
        send(new OutOfSync());
    }

    /** How many times this client asked for a TOTAL perception. */
    public synchronized int outOfSyncSent() {
        return outOfSyncSent;
    }

    /** The next content offer or transfer the server sent (S2C_TRANSFER_REQ, S2C_TRANSFER). */
    public MarauroaMessage nextTransfer() throws InterruptedException, TimeoutException {
        MarauroaMessage m = transfers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new TimeoutException("no content offer or transfer within " + timeout.toMillis() + " ms");
        }
        return m;
    }

    /** Sends an action of the default class with the given attributes. */
    public void act(Map<String, String> attributes) {
        RPObject action = new RPObject(classes.get(""));
        attributes.forEach(action.attributes()::put);
        send(new Action(action, null));
    }

    /** Every byte the server has sent this client so far. */
    public long bytesReceived() {
        return bytesReceived.get();
    }

    /** How many perceptions have been applied to the view so far. */
    public synchronized int perceptions() {
        return perceptions;
    }

    /** The game's classes the server sent at login (empty before). */
    public RPClasses classes() {
        return classes;
    }

    /**
     * Asks for a new character made from a template of one of the game's classes; the reply
     * (S2C_CREATECHARACTER_ACK, after which the server sends the new character list, or _NACK).
     */
    public MarauroaMessage createCharacter(String character, RPObject template) throws InterruptedException, TimeoutException {
        send(new CreateCharacter(character, template));
        return next().message();
    }

    /** Enters the game with a character; S2C_CHOOSECHARACTER_ACK or _NACK. */
    public MarauroaMessage chooseCharacter(String character) throws InterruptedException, TimeoutException {
        send(new ChooseCharacter(character));
        return next().message();
    }

    /** Asks to log out; the server's answer (S2C_LOGOUT_ACK or _NACK). */
    public MarauroaMessage logout() throws InterruptedException, TimeoutException {
        send(new Logout(0));
        return next().message();
    }

    /** Stops or resumes reading from the socket: a client that stops reading is a slow consumer. */
    public void reading(boolean on) {
        channel.config().setAutoRead(on);
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2000);
    }
}
