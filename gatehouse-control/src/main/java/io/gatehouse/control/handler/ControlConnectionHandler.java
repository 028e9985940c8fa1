package io.gatehouse.control.handler;

import com.google.protobuf.InvalidProtocolBufferException;
import io.gatehouse.control.codec.ControlBodies;
import io.gatehouse.control.command.CommandContext;
import io.gatehouse.control.command.ControlCommand;
import io.gatehouse.control.command.ControlCommands;
import io.gatehouse.control.message.AuthResponse;
import io.gatehouse.control.message.CloseCode;
import io.gatehouse.control.message.CommandCode;
import io.gatehouse.control.message.ControlMessage;
import io.gatehouse.control.message.ControlPacket;
import io.gatehouse.control.message.DecodeFailure;
import io.gatehouse.control.message.ErrorBody;
import io.gatehouse.control.message.Handshake;
import io.gatehouse.control.message.StatusCode;
import io.gatehouse.core.account.LoginResult;
import io.gatehouse.core.metrics.ClientFaults;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.session.Connection;
import io.gatehouse.core.session.Session;
import io.gatehouse.core.store.StoreBusyException;
import io.gatehouse.core.time.Cancellable;
import io.gatehouse.core.time.Deadline;
import io.gatehouse.core.transport.AddressText;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One control connection's state machine (spec 7.7), the same on TCP and WebSocket:
 * HANDSHAKE, UNAUTHENTICATED, AUTHENTICATING (store calls off the loop, input held back),
 * AUTHENTICATED, CLOSING. It switches on the state first and the packet second; every
 * refusal is the spec's answer (a status with an Error body, then a Close push).
 */
public final class ControlConnectionHandler extends SimpleChannelInboundHandler<ControlMessage> implements Connection {

    private static final Logger log = LoggerFactory.getLogger(ControlConnectionHandler.class);
    /** Packets a client may pipeline behind its auth request before the answer. */
    private static final int MAX_HELD = 64;
    /**
     * How long a closing connection may take to flush its Close push before it is closed
     * anyway: a client that does not read (a slow consumer, a stuck peer) would otherwise hold
     * its socket and its queued bytes for good.
     */
    public static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private enum State { HANDSHAKE, UNAUTHENTICATED, AUTHENTICATING, AUTHENTICATED, CLOSING }

    private final ControlServices services;
    private final ControlTransport transport;
    private final ControlCommands commands;
    private final Authenticator authenticator;
    private final ClientFaults faults;
    private final Set<String> topics = new LinkedHashSet<>();
    private final ArrayDeque<ControlMessage> held = new ArrayDeque<>();

    private ChannelHandlerContext ctx;
    /** The peer's address as text, once asked for ({@link #remoteAddress}, from any thread). */
    private volatile String remoteText;
    private State state = State.HANDSHAKE;
    private Deadline heartbeat;
    private Cancellable authDeadline = Cancellable.NONE;
    private Session session;
    private CommandContext commandContext;
    private CloseReason closeReason;
    private ClientFaults.Tracker faultsHere;

    /** {@code faults} counts and logs, at a bounded rate, what this client does wrong. */
    public ControlConnectionHandler(ControlServices services, ControlTransport transport, ControlCommands commands, ClientFaults faults) {
        super(false);
        this.services = services;
        this.transport = transport;
        this.commands = commands;
        this.authenticator = new Authenticator(services);
        this.faults = faults;
    }

    // ---- Connection (called by the core, from any thread) ------------------------------------

    @Override
    public String front() {
        return Authenticator.FRONT;
    }

    @Override
    public String remoteAddress() {
        String text = remoteText;
        if (text == null) {
            if (ctx == null) {
                return "?";
            }
            // a channel's peer does not change: written once, read by every login event and log line
            text = AddressText.of(ctx.channel().remoteAddress());
            remoteText = text;
        }
        return text;
    }

    @Override
    public void close(CloseReason reason, String detail) {
        ctx.executor().execute(() -> closeWith(reason, detail));
    }

    @Override
    public String answerTo(CloseReason reason) {
        CloseCode code = CloseCode.of(reason);
        String answer = "Close " + code.displayName() + " (code " + code.wire() + ")";
        return "ws".equals(transport.name()) ? answer + ", then WebSocket close " + code.webSocketStatus() : answer;
    }

    /** Any inbound traffic: the heartbeat deadline moves. */
    public void touch() {
        Deadline d = heartbeat;
        if (d != null) {
            d.touch();
        }
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        services.metrics().connectionOpened();
        heartbeat = new Deadline(services.scheduler(), services.config().heartbeatTimeout(),
                () -> close(CloseReason.HEARTBEAT_TIMEOUT, "no heartbeat for " + services.config().heartbeatTimeout().toSeconds() + " s"))
                .start();
        authDeadline = services.scheduler().schedule(services.config().authTimeout(),
                () -> ctx.executor().execute(() -> {
                    if (state == State.HANDSHAKE || state == State.UNAUTHENTICATED) {
                        closeWith(CloseReason.AUTH_FAILED, "no auth within " + services.config().authTimeout().toMillis() + " ms");
                    }
                }));
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stopTimers();
        releaseSession();
        leaveTopics();
        services.metrics().connectionClosed(closeReason == null ? CloseReason.CLIENT_CLOSED : closeReason);
        state = State.CLOSING;
        super.channelInactive(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (!ctx.channel().isWritable() && state != State.CLOSING) {
            closeWith(CloseReason.SLOW_CONSUMER, "more than " + services.config().maxOutboundBytes() + " bytes queued");
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException bad) {
            faultAndClose(bad.closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG ? CloseReason.OVERSIZED : CloseReason.BAD_FRAME,
                    "websocket: " + bad.getMessage());
        } else if (cause instanceof TooLongFrameException tooLong) {
            // a fragmented WebSocket message that grew past the limit (the aggregator's check)
            faultAndClose(CloseReason.OVERSIZED, "websocket: " + tooLong.getMessage());
        } else if (cause instanceof DecoderException undecodable) {
            // bytes a decoder of the pipeline could not take: the client's doing
            faultAndClose(CloseReason.BAD_FRAME, "undecodable: " + undecodable);
        } else if (cause instanceof PrematureChannelClosureException) {
            // the client went away in the middle of a fragmented WebSocket message: no answer is due
            ctx.close();
        } else if (cause instanceof IOException) {
            if (closeReason == null) {
                closeReason = CloseReason.IO_ERROR;
            }
            ctx.close();
        } else {
            log.warn("control connection {} failed", remoteAddress(), cause);
            closeWith(CloseReason.SERVER_ERROR, "internal error");
        }
    }

    // ---- inbound -------------------------------------------------------------------------------

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ControlMessage msg) {
        if (state == State.AUTHENTICATING) {
            if (held.size() >= MAX_HELD) {
                faultAndClose(CloseReason.BAD_FRAME, "more than " + MAX_HELD + " packets before the auth answer");
            } else {
                held.add(msg);
            }
            return;
        }
        handle(msg);
    }

    private void handle(ControlMessage msg) {
        if (state == State.CLOSING) {
            return;
        }
        if (msg instanceof DecodeFailure f) {
            faultAndClose(f.reason(), f.detail());
        } else if (msg instanceof Handshake) {
            if (state == State.HANDSHAKE) {
                state = State.UNAUTHENTICATED;
                transport.started(ctx);
            }
        } else {
            services.metrics().packetIn();
            ControlPacket packet = (ControlPacket) msg;
            if (state == State.UNAUTHENTICATED) {
                beforeAuth(packet);
            } else if (state == State.AUTHENTICATED) {
                afterAuth(packet);
            } else {
                faultAndClose(CloseReason.BAD_FRAME, "packet before the handshake");
            }
        }
    }

    private void beforeAuth(ControlPacket packet) {
        if (packet instanceof ControlPacket.Push) {
            faultAndClose(CloseReason.BAD_FRAME, "clients may not push");
            return;
        }
        if (!(packet instanceof ControlPacket.Request request)) {
            return; // a response: to one of our heartbeats, or to nothing; either way no answer is due
        }
        int cmd = request.cmd();
        if (cmd == CommandCode.HEARTBEAT.wire()) {
            echo(request);
        } else if (cmd == CommandCode.AUTH.wire()) {
            startAuth(request, body -> authenticator.auth(ControlBodies.decodeAuthRequest(body).token(), this, peer()));
        } else if (cmd == CommandCode.RECONNECT.wire()) {
            startAuth(request, body -> authenticator.reconnect(ControlBodies.decodeReconnectRequest(body).sessionId(), this, peer()));
        } else {
            fault("before_auth", "cmd " + cmd + " before auth");
            refuse(request, StatusCode.UNAUTHENTICATED, new ErrorBody(ErrorBody.UNAUTHENTICATED, "not authenticated"),
                    CloseReason.AUTH_FAILED);
        }
    }

    private void afterAuth(ControlPacket packet) {
        if (packet instanceof ControlPacket.Push) {
            faultAndClose(CloseReason.BAD_FRAME, "clients may not push");
            return;
        }
        if (!(packet instanceof ControlPacket.Request request)) {
            return;
        }
        int cmd = request.cmd();
        if (cmd == CommandCode.HEARTBEAT.wire()) {
            echo(request);
            return;
        }
        if (cmd == CommandCode.AUTH.wire() || cmd == CommandCode.RECONNECT.wire()) {
            send(errorResponse(request, StatusCode.BAD_REQUEST, new ErrorBody(ErrorBody.BAD_REQUEST, "already authenticated")));
            return;
        }
        ControlCommand command = commands.get(cmd);
        if (command == null) {
            fault("unknown_command", "unknown command " + cmd);
            send(errorResponse(request, StatusCode.BAD_REQUEST, new ErrorBody(ErrorBody.UNKNOWN_COMMAND, "unknown command " + cmd)));
            return;
        }
        try {
            send(command.handle(commandContext, request));
        } catch (InvalidProtocolBufferException e) {
            fault("bad_body", "cmd " + cmd + ": bad body: " + e.getMessage());
            send(errorResponse(request, StatusCode.BAD_REQUEST, new ErrorBody(ErrorBody.BAD_REQUEST, "bad body: " + e.getMessage())));
        } catch (RuntimeException e) {
            log.warn("command {} failed for {}", cmd, remoteAddress(), e);
            send(errorResponse(request, StatusCode.SERVER_INTERNAL_ERROR, new ErrorBody(ErrorBody.INTERNAL, "internal error")));
        }
    }

    /** Heartbeat (7.3): the same cmd and id, status 0, the body copied byte for byte. */
    private void echo(ControlPacket.Request request) {
        send(ControlPacket.Response.ok(request, request.body()));
    }

    // ---- auth and reconnect ----------------------------------------------------------------------

    /** Starts the store work of an auth or reconnect; the future completes once it has committed. */
    @FunctionalInterface
    private interface AuthWork {
        CompletableFuture<AuthOutcome> start(byte[] body) throws InvalidProtocolBufferException;
    }

    private void startAuth(ControlPacket.Request request, AuthWork work) {
        state = State.AUTHENTICATING;
        ctx.channel().config().setAutoRead(false);
        CompletableFuture<AuthOutcome> outcome;
        try {
            outcome = work.start(request.body());
        } catch (InvalidProtocolBufferException e) {
            outcome = CompletableFuture.completedFuture(new AuthOutcome.Refused(StatusCode.BAD_REQUEST,
                    new ErrorBody(ErrorBody.BAD_REQUEST, "malformed request body"), CloseReason.AUTH_FAILED, LoginResult.BAD_TOKEN));
        }
        outcome.whenCompleteAsync((o, error) -> finishAuth(request, o, error), ctx.executor());
    }

    /** Whether an auth failed only because the store's write queue was full (a completion may wrap it). */
    static boolean busy(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof StoreBusyException) {
                return true;
            }
        }
        return false;
    }

    private void finishAuth(ControlPacket.Request request, AuthOutcome outcome, Throwable error) {
        if (state != State.AUTHENTICATING || !ctx.channel().isActive()) {
            if (outcome instanceof AuthOutcome.Granted) {
                services.sessions().release(this);
            }
            return;
        }
        state = State.UNAUTHENTICATED;
        if (error != null && busy(error)) {
            // the group committer counts and logs these; one line per refused client would flood the log
            refuse(request, StatusCode.SERVER_INTERNAL_ERROR, new ErrorBody(ErrorBody.INTERNAL, "server busy, retry later"), CloseReason.SERVER_ERROR);
        } else if (error != null) {
            log.error("auth failed internally for {}", remoteAddress(), error);
            refuse(request, StatusCode.SERVER_INTERNAL_ERROR, new ErrorBody(ErrorBody.INTERNAL, "internal error"), CloseReason.SERVER_ERROR);
        } else if (outcome instanceof AuthOutcome.Refused r) {
            services.metrics().auth(r.result());
            refuse(request, r.status(), r.error(), r.close());
        } else {
            AuthOutcome.Granted g = (AuthOutcome.Granted) outcome;
            session = g.session();
            commandContext = new CommandContext(ctx.channel(), session, topics, services.hub(), services.config().maxTopics());
            state = State.AUTHENTICATED;
            authDeadline.cancel();
            services.metrics().auth(LoginResult.SUCCESS);
            AuthResponse body = new AuthResponse(session.id(), session.expiresAtMillis(), g.limit(), g.online());
            send(ControlPacket.Response.ok(request, ControlBodies.encode(body)));
        }
        while (!held.isEmpty() && state != State.CLOSING && state != State.AUTHENTICATING) {
            handle(held.poll());
        }
        if (state != State.AUTHENTICATING) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    // ---- outbound and closing --------------------------------------------------------------------

    private void send(ControlPacket packet) {
        services.metrics().packetOut();
        ctx.writeAndFlush(packet, ctx.voidPromise());
    }

    private static ControlPacket.Response errorResponse(ControlPacket.Request to, StatusCode status, ErrorBody error) {
        return new ControlPacket.Response(to.cmd(), to.requestId(), status.wire(), ControlBodies.encode(error));
    }

    /** Answers a request with an error status, then closes the connection with the reason. */
    private void refuse(ControlPacket.Request request, StatusCode status, ErrorBody error, CloseReason reason) {
        send(errorResponse(request, status, error));
        closeWith(reason, reason.text() + ": " + error.msg());
    }

    /** Counts and logs (at a bounded rate) what the client did wrong; {@code kind} names it in the meters. */
    private void fault(String kind, String what) {
        if (faultsHere == null) {
            faultsHere = faults.connection(remoteAddress());
        }
        faultsHere.report(kind, what);
    }

    /** A client fault that ends the connection: counted as its close reason, then the close. */
    private void faultAndClose(CloseReason reason, String text) {
        if (state != State.CLOSING) {
            fault(reason.tag(), text);
        }
        closeWith(reason, text);
    }

    /** The client's address (without the port), or null when the channel has none. */
    private InetAddress peer() {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    private void closeWith(CloseReason reason, String text) {
        if (state == State.CLOSING) {
            return;
        }
        state = State.CLOSING;
        closeReason = reason;
        held.clear();
        stopTimers();
        releaseSession();
        leaveTopics();
        transport.close(ctx, CloseCode.of(reason), text);
        services.scheduler().schedule(CLOSE_GRACE, () -> ctx.channel().close());
    }

    /** Nothing more is fanned out to this connection. */
    private void leaveTopics() {
        for (String topic : topics) {
            services.hub().leave(topic, ctx.channel());
        }
        topics.clear();
    }

    private void stopTimers() {
        authDeadline.cancel();
        if (heartbeat != null) {
            heartbeat.stop();
        }
        transport.stopped();
    }

    private void releaseSession() {
        if (session != null) {
            services.sessions().release(this);
            session = null;
        }
    }

    /** Closes with ServerShutdown; the front calls it on every connection when the server stops. */
    public void shutdown() {
        close(CloseReason.SERVER_SHUTDOWN, "server shutting down");
    }
}
