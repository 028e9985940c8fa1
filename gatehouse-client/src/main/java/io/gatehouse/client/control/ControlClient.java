package io.gatehouse.client.control;

import com.google.protobuf.InvalidProtocolBufferException;
import io.gatehouse.client.ClientSockets;
import io.gatehouse.control.codec.ControlBodies;
import io.gatehouse.control.codec.ControlFrameDecoder;
import io.gatehouse.control.codec.ControlPacketEncoder;
import io.gatehouse.control.codec.PacketReader;
import io.gatehouse.control.codec.WebSocketPacketFramer;
import io.gatehouse.control.message.AuthRequest;
import io.gatehouse.control.message.AuthResponse;
import io.gatehouse.control.message.Close;
import io.gatehouse.control.message.CommandCode;
import io.gatehouse.control.message.ControlPacket;
import io.gatehouse.control.message.Heartbeat;
import io.gatehouse.control.message.Notification;
import io.gatehouse.control.message.Publish;
import io.gatehouse.control.message.PublishResponse;
import io.gatehouse.control.message.ReconnectRequest;
import io.gatehouse.control.message.Subscribe;
import io.gatehouse.control.message.SubscribeResponse;
import io.gatehouse.control.message.Unsubscribe;
import io.gatehouse.control.message.UnsubscribeResponse;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A client of the {@code control} front over TCP or WebSocket, following
 * {@code shared/spec/longport-socket.md}: handshake, auth or reconnect, heartbeats with
 * measured round trips, topics, and raw bytes for tests of bad input. Server heartbeat
 * requests and WebSocket Pings are answered automatically.
 */
public final class ControlClient implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final byte[] TCP_HANDSHAKE = {0x11, 0x09};
    private static final int AUTH_TIMEOUT_FIELD = 5000;
    private static final int REQUEST_TIMEOUT_FIELD = 30000;

    private final Channel channel;
    private final ClientHandler handler;
    private final boolean webSocket;
    private final AtomicLong nextRequestId = new AtomicLong(1);
    private Duration timeout = DEFAULT_TIMEOUT;

    private ControlClient(Channel channel, ClientHandler handler, boolean webSocket) {
        this.channel = channel;
        this.handler = handler;
        this.webSocket = webSocket;
    }

    /** Connects over TCP and sends the handshake {@code 11 09}. */
    public static ControlClient tcp(InetSocketAddress server) throws InterruptedException {
        return tcp(server, null, ClientSockets.sharedGroup(), true);
    }

    /**
     * Connects over TCP from {@code local} (null: any) and, when {@code handshake}, sends the
     * standard handshake; without it the caller sends its own bytes with {@link #sendRaw}.
     */
    public static ControlClient tcp(InetSocketAddress server, InetSocketAddress local, EventLoopGroup group, boolean handshake)
            throws InterruptedException {
        ClientHandler handler = new ClientHandler();
        Bootstrap b = ClientSockets.bootstrap(group, pipeline -> pipeline
                .addLast(new ControlFrameDecoder(PacketReader.MAX_WIRE_BODY, false))
                .addLast(ControlPacketEncoder.PLAIN)
                .addLast(handler));
        Channel ch = (local == null ? b.connect(server) : b.connect(server, local)).sync().channel();
        if (handshake) {
            ch.writeAndFlush(Unpooled.wrappedBuffer(TCP_HANDSHAKE));
        }
        return new ControlClient(ch, handler, false);
    }

    /** Connects over WebSocket to {@code ws://host:port/path?version=1&codec=1&platform=9}. */
    public static ControlClient webSocket(URI uri) throws InterruptedException, TimeoutException {
        return webSocket(uri, ClientSockets.sharedGroup());
    }

    public static ControlClient webSocket(URI uri, EventLoopGroup group) throws InterruptedException, TimeoutException {
        return webSocket(uri, null, group);
    }

    /** Connects over WebSocket from {@code local} (null: any address). */
    public static ControlClient webSocket(URI uri, InetSocketAddress local, EventLoopGroup group)
            throws InterruptedException, TimeoutException {
        ClientHandler handler = new ClientHandler();
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .handleCloseFrames(false)
                .maxFramePayloadLength(PacketReader.MAX_WIRE_BODY + 64)
                .handshakeTimeoutMillis(5000)
                .build();
        Bootstrap b = ClientSockets.bootstrap(group, pipeline -> pipeline
                .addLast(new HttpClientCodec())
                .addLast(new HttpObjectAggregator(8192))
                .addLast(handler.pingCounter())
                .addLast(new WebSocketClientProtocolHandler(config))
                .addLast(new WebSocketFrameAggregator(PacketReader.MAX_WIRE_BODY + 64))
                .addLast(WebSocketPacketFramer.INSTANCE)
                .addLast(ControlPacketEncoder.PLAIN)
                .addLast(new ClientWebSocketDecoder())
                .addLast(handler));
        InetSocketAddress server = new InetSocketAddress(uri.getHost(), uri.getPort());
        Channel ch = (local == null ? b.connect(server) : b.connect(server, local)).sync().channel();
        ControlClient client = new ControlClient(ch, handler, true);
        try {
            handler.upgraded().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            ch.close();
            throw new IllegalStateException("websocket upgrade failed", e.getCause());
        }
        return client;
    }

    /** The URL of spec 4.2 for a server address and path. */
    public static URI webSocketUri(InetSocketAddress server, String path) {
        return URI.create("ws://" + server.getHostString() + ":" + server.getPort() + path + "?version=1&codec=1&platform=9");
    }

    public ControlClient timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    public boolean isWebSocket() {
        return webSocket;
    }

    // ---- requests ----------------------------------------------------------------------------

    /** Sends a request and returns the future of its response (any status). */
    public CompletableFuture<ControlPacket.Response> request(int cmd, byte[] body, int timeoutField) {
        long id = nextRequestId.getAndIncrement() & 0xFFFF_FFFFL;
        CompletableFuture<ControlPacket.Response> f = handler.expect(id);
        channel.writeAndFlush(new ControlPacket.Request(cmd, id, timeoutField, body));
        return f;
    }

    /** Sends a request and waits for a status-0 response's body; throws {@link ControlException} otherwise. */
    public byte[] call(int cmd, byte[] body) {
        return await(request(cmd, body, REQUEST_TIMEOUT_FIELD));
    }

    public AuthResponse auth(String token) {
        return parse(() -> ControlBodies.decodeAuthResponse(
                await(request(CommandCode.AUTH.wire(), ControlBodies.encode(new AuthRequest(token, Map.of())), AUTH_TIMEOUT_FIELD))));
    }

    public AuthResponse reconnect(String sessionId) {
        return parse(() -> ControlBodies.decodeAuthResponse(await(request(CommandCode.RECONNECT.wire(),
                ControlBodies.encode(new ReconnectRequest(sessionId, Map.of())), AUTH_TIMEOUT_FIELD))));
    }

    /** One heartbeat round trip (spec 7.3); returns the echoed body's age in milliseconds. */
    public long heartbeat() {
        byte[] body = ControlBodies.encode(new Heartbeat(System.currentTimeMillis(), null));
        byte[] echo = await(request(CommandCode.HEARTBEAT.wire(), body, 0));
        long sent = parse(() -> ControlBodies.decodeHeartbeat(echo)).timestampMillis();
        return System.currentTimeMillis() - sent;
    }

    /** Sends a heartbeat with exactly these body bytes and returns the echoed body. */
    public byte[] heartbeat(byte[] body) {
        return await(request(CommandCode.HEARTBEAT.wire(), body, 0));
    }

    public SubscribeResponse subscribe(String... topics) {
        byte[] r = call(CommandCode.SUBSCRIBE.wire(), ControlBodies.encode(new Subscribe(List.of(topics))));
        return parse(() -> ControlBodies.decodeSubscribeResponse(r));
    }

    public UnsubscribeResponse unsubscribe(String... topics) {
        byte[] r = call(CommandCode.UNSUBSCRIBE.wire(), ControlBodies.encode(new Unsubscribe(List.of(topics))));
        return parse(() -> ControlBodies.decodeUnsubscribeResponse(r));
    }

    public PublishResponse publish(String topic, byte[] data) {
        byte[] r = call(CommandCode.PUBLISH.wire(), ControlBodies.encode(new Publish(topic, data, Notification.CONTENT_UNKNOWN)));
        return parse(() -> ControlBodies.decodePublishResponse(r));
    }

    // ---- what the server sent ----------------------------------------------------------------

    /**
     * Hands pushes other than Close to {@code listener}, on the connection's event loop,
     * instead of queueing them (for load tools that only count).
     */
    public ControlClient onPush(Consumer<ControlPacket.Push> listener) {
        handler.pushListener(listener);
        return this;
    }

    /** Pushes other than Close, in arrival order. */
    public BlockingQueue<ControlPacket.Push> pushes() {
        return handler.pushes();
    }

    /** The next Notification push (cmd 18), waiting up to the client's timeout. */
    public Notification nextNotification() throws InterruptedException {
        ControlPacket.Push p = handler.pushes().poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (p == null) {
            throw new IllegalStateException("no push within " + timeout.toMillis() + " ms");
        }
        return parse(() -> ControlBodies.decodeNotification(p.body()));
    }

    /** Completes when the connection is closed, with what the server said about it. */
    public CompletableFuture<ClosedBy> closed() {
        return handler.closed();
    }

    /** Waits for the server to close the connection and returns its Close push (null if none). */
    public Close awaitClose() {
        try {
            return handler.closed().get(timeout.toMillis(), TimeUnit.MILLISECONDS).close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("connection not closed within " + timeout.toMillis() + " ms", e);
        }
    }

    /** WebSocket Pings received from the server. */
    public int pingsReceived() {
        return handler.pings();
    }

    /** Stops or resumes reading from the socket: a client that stops reading is a slow consumer. */
    public void reading(boolean on) {
        channel.config().setAutoRead(on);
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** Writes raw bytes (on WebSocket, as one binary message). */
    public void sendRaw(byte[] bytes) {
        Object msg = webSocket ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)) : Unpooled.wrappedBuffer(bytes);
        channel.writeAndFlush(msg);
    }

    /**
     * WebSocket only: sends one binary message in fragments, a binary frame with FIN=0 for the
     * first part, a continuation frame for each part after it, FIN=1 on the last.
     */
    public void sendFragmented(byte[]... parts) {
        if (!webSocket) {
            throw new IllegalStateException("fragments are a WebSocket thing");
        }
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            var data = Unpooled.wrappedBuffer(parts[i]);
            channel.write(i == 0 ? new BinaryWebSocketFrame(last, 0, data) : new ContinuationWebSocketFrame(last, 0, data));
        }
        channel.flush();
    }

    /** Sends a packet as given (a push, a response, a request with a chosen id). */
    public void send(ControlPacket packet) {
        channel.writeAndFlush(packet);
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2000);
    }

    private byte[] await(CompletableFuture<ControlPacket.Response> f) {
        ControlPacket.Response r;
        try {
            r = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("request failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no response within " + timeout.toMillis() + " ms", e);
        }
        if (r.status() != 0) {
            throw new ControlException(r.status(), parse(() -> ControlBodies.decodeError(r.body())));
        }
        return r.body();
    }

    @FunctionalInterface
    private interface Parse<T> {
        T run() throws InvalidProtocolBufferException;
    }

    private static <T> T parse(Parse<T> p) {
        try {
            return p.run();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("server sent an undecodable body", e);
        }
    }
}
