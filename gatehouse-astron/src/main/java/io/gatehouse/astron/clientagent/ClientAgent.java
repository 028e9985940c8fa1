package io.gatehouse.astron.clientagent;

import io.gatehouse.astron.dc.DcClass;
import io.gatehouse.astron.dc.DcFile;
import io.gatehouse.astron.eventlog.EventSender;
import io.gatehouse.astron.md.MessageDirector;
import io.gatehouse.core.limits.ConnectionCap;
import io.gatehouse.core.metrics.ClientFaults;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.session.SessionDirectory;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.time.Scheduler;
import io.gatehouse.core.transport.ConnectionCapHandler;
import io.gatehouse.core.transport.Listeners;
import io.gatehouse.core.transport.MeteredChannel;
import io.gatehouse.core.transport.WebSocketKeyCheck;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * A Client Agent (docs/protocol/astron.md, section 11): listens for game clients on TCP (and,
 * when configured, WebSocket), gives each a channel from its range and a {@link Client} state
 * machine attached to the Message Director. Its clients' time limits run on {@code scheduler};
 * what they do wrong is counted and logged through one {@link ClientFaults}.
 */
public final class ClientAgent implements AutoCloseable {

    /** Every client listens on this broadcast channel too. */
    public static final long ALL_CLIENTS = 10;

    private final MessageDirector md;
    private final SessionDirectory sessions;
    private final AtomicLong established;
    private final DcFile dc;
    private final ClientAgentConfig config;
    private final Map<Long, Uberdog> uberdogs = new HashMap<>();
    private final Map<Long, DcClass> uberdogClasses = new HashMap<>();
    private final ChannelAllocator channels;
    private final FrontMetrics metrics;
    private final Scheduler scheduler;
    private final ClientFaults faults;
    /** What game servers and the State Server send its clients' channels wrong (kind {@code truncated_server_message}). */
    private final ClientFaults serverFaults;
    private final MeteredChannel metered;
    /** First in every client pipeline. */
    private final ConnectionCapHandler cap;
    /** TLS on the listeners, or null. */
    private final SslContext tls;
    private final long hash;
    private final ChannelGroup connections = new DefaultChannelGroup("astron-clients", GlobalEventExecutor.INSTANCE);
    /** The clients that have a channel, from their start to their end. */
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final Channel tcp;
    private final Channel websocket;
    /** Where its clients' events go (astrond's client-connected, client-ejected, ...). */
    private final EventSender events;

    /**
     * Starts listening. Every UberDOG's class must exist in the DC files, and the TLS files
     * (when configured) must be readable and fit together; otherwise an
     * {@link IllegalArgumentException} names what is wrong. Its clients' events go to {@code events}.
     */
    public ClientAgent(MessageDirector md, DcFile dc, ClientAgentConfig config, List<Uberdog> uberdogs, FrontMetrics metrics,
                       Scheduler scheduler, SessionDirectory sessions, EventLoopGroup group, EventSender events) throws InterruptedException {
        this.md = md;
        this.events = events;
        this.sessions = sessions;
        this.metrics = metrics;
        this.established = metrics.gauge("gatehouse.astron.established", "clients a game server has ESTABLISHED");
        this.scheduler = scheduler;
        this.faults = metrics.clientFaults(LoggerFactory.getLogger(Client.class), scheduler::nowMillis);
        this.serverFaults = metrics.clientFaults(LoggerFactory.getLogger(GameServerControl.class), scheduler::nowMillis);
        this.metered = new MeteredChannel(metrics);
        this.cap = new ConnectionCapHandler(new ConnectionCap(config.connections(),
                metrics.refusals(LoggerFactory.getLogger(ClientAgent.class), scheduler::nowMillis)));
        this.tls = config.tls() == null ? null : config.tls().context();
        this.dc = dc;
        this.config = config;
        for (Uberdog u : uberdogs) {
            DcClass c = dc.classByName(u.className());
            if (c == null) {
                throw new IllegalArgumentException("UberDOG " + u.id() + ": no dclass named '" + u.className() + "' in the DC files");
            }
            this.uberdogs.put(u.id(), u);
            this.uberdogClasses.put(u.id(), c);
        }
        this.channels = new ChannelAllocator(config.channelMin(), config.channelMax());
        this.hash = config.manualDcHash() != 0 ? config.manualDcHash() : Integer.toUnsignedLong(dc.hash());
        this.tcp = Listeners.bind("astron Client Agent", group, config.bind().toSocketAddress(), config.maxOutboundBytes(),
                config.maxOutboundBytes() / 2, connections(this::initTcp));
        Channel ws = null;
        if (config.websocket() != null) {
            try {
                ws = Listeners.bind("astron Client Agent ws", group, config.websocket().toSocketAddress(), config.maxOutboundBytes(),
                        config.maxOutboundBytes() / 2, connections(this::initWebSocket));
            } catch (RuntimeException | InterruptedException e) {
                tcp.close().awaitUninterruptibly(2000);
                throw e;
            }
        }
        this.websocket = ws;
    }

    /** Each connection: counted among the agent's, its transport's pipeline, TLS and the PROXY header in front when configured. */
    private ChannelInitializer<SocketChannel> connections(Consumer<SocketChannel> init) {
        return new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        init.accept(ch);
                        if (tls != null) {
                            ch.pipeline().addFirst(tls.newHandler(ch.alloc()));
                        }
                        if (config.haproxy()) {
                            ProxyHeaderReader.install(ch);
                        }
                        ch.pipeline().addFirst(cap);
                    }
                };
    }

    private void initTcp(SocketChannel ch) {
        ch.pipeline()
                .addLast(new FlushConsolidationHandler(256, true))
                .addLast(new ClientFrameDecoder(config.maxDatagramSize()))
                .addLast(metered)
                .addLast(new ClientConnection(this, frame -> frame));
    }

    private void initWebSocket(SocketChannel ch) {
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(config.websocketPath())
                .dropPongFrames(true)
                .decoderConfig(WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(config.maxDatagramSize())
                        .allowExtensions(false).build())
                .build();
        ch.pipeline()
                .addLast(new FlushConsolidationHandler(256, true))
                .addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(8192))
                .addLast(WebSocketKeyCheck.INSTANCE)
                .addLast(new WebSocketServerProtocolHandler(ws))
                .addLast(new WebSocketFrameAggregator(config.maxDatagramSize()))
                .addLast(new BinaryFrames())
                .addLast(metered)
                .addLast(new ClientConnection(this, frame -> new BinaryWebSocketFrame(frame.skipBytes(2))));
    }

    /** A binary WebSocket message is one datagram, without the length tag; text messages are ignored. */
    private static final class BinaryFrames extends MessageToMessageDecoder<BinaryWebSocketFrame> {
        @Override
        protected void decode(ChannelHandlerContext ctx, BinaryWebSocketFrame frame, List<Object> out) {
            ByteBuf content = frame.content();
            out.add(content.retain());
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) tcp.localAddress();
    }

    /** The WebSocket listener's address, or null when there is none. */
    public InetSocketAddress websocketAddress() {
        return websocket == null ? null : (InetSocketAddress) websocket.localAddress();
    }

    /** Every client with a channel, each read on its own thread, by channel; the answer once all have answered. */
    public CompletableFuture<List<ClientStatus>> status() {
        List<CompletableFuture<ClientStatus>> each = clients.stream().map(Client::status).toList();
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(done -> each.stream()
                .map(CompletableFuture::join).filter(Objects::nonNull)
                .sorted(Comparator.comparingLong(ClientStatus::channel)).toList());
    }

    Set<Client> clients() {
        return clients;
    }

    /** The DC hash CLIENT_HELLO must carry. */
    public long hash() {
        return hash;
    }

    EventSender events() {
        return events;
    }

    MessageDirector md() {
        return md;
    }

    DcFile dc() {
        return dc;
    }

    ClientAgentConfig config() {
        return config;
    }

    Map<Long, Uberdog> uberdogs() {
        return uberdogs;
    }

    Map<Long, DcClass> uberdogClasses() {
        return uberdogClasses;
    }

    ChannelAllocator channels() {
        return channels;
    }

    FrontMetrics metrics() {
        return metrics;
    }

    /** Clients in ESTABLISHED now, the gauge {@code gatehouse_astron_established}. */
    AtomicLong established() {
        return established;
    }

    /** The core's sessions: every client after its HELLO is one. */
    SessionDirectory sessions() {
        return sessions;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    ClientFaults faults() {
        return faults;
    }

    ClientFaults serverFaults() {
        return serverFaults;
    }

    /**
     * Stops listening, ejects every client with {@link io.gatehouse.astron.message.EjectCode#SERVER_SHUTDOWN} and
     * closes it (each runs its end: session objects, post-removes); a connection still open
     * after the grace is closed without a word.
     */
    @Override
    public void close() {
        tcp.close().awaitUninterruptibly(2000);
        if (websocket != null) {
            websocket.close().awaitUninterruptibly(2000);
        }
        connections.forEach(ch -> {
            ClientConnection c = ch.pipeline().get(ClientConnection.class);
            if (c != null) {
                c.serverShutdown();
            } else {
                MeteredChannel.closing(ch, CloseReason.SERVER_SHUTDOWN);
                ch.close();
            }
        });
        connections.newCloseFuture().awaitUninterruptibly(2000);
        connections.forEach(ch -> MeteredChannel.closing(ch, CloseReason.SERVER_SHUTDOWN));
        connections.close().awaitUninterruptibly(2000);
    }
}
