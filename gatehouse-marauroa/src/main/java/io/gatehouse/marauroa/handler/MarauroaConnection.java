package io.gatehouse.marauroa.handler;

import io.gatehouse.core.metrics.ClientFaults;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.transport.MeteredChannel;
import io.gatehouse.marauroa.codec.MarauroaCodec.Envelope;
import io.gatehouse.marauroa.codec.MarauroaCodec;
import io.gatehouse.marauroa.codec.MarauroaMessageDecoder.UnsupportedVersion;
import io.gatehouse.marauroa.codec.MarauroaMessageDecoder.Unreadable;
import io.gatehouse.marauroa.crypto.SecureLogin;
import io.gatehouse.marauroa.game.Content;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.message.AccountResult;
import io.gatehouse.marauroa.message.LoginNackReason;
import io.gatehouse.marauroa.message.MarauroaMessage.*;
import io.gatehouse.marauroa.message.MarauroaMessage;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Marauroa client (docs/protocol/marauroa.md, sections 5 to 9): the login handshake,
 * accounts, characters and the logout, as one state machine on the connection's event loop.
 * Account work runs on the blocking executor and comes back to the loop. Messages that do
 * not fit the state, or that carry another client id, are ignored with a warning, as
 * Marauroa ignores them.
 */
public final class MarauroaConnection extends ChannelInboundHandlerAdapter {

    /** Where a client stands, as Marauroa's player entries name it. */
    enum State { NEW, CONNECTION_ACCEPTED, LOGIN_COMPLETE, GAME_BEGIN, LOGOUT_ACCEPTED }

    private static final Logger log = LoggerFactory.getLogger(MarauroaConnection.class);
    private static final int NO_CLIENT_ID = -1;

    private final MarauroaServices services;
    private final SecureLoginCheck loginCheck;
    private ChannelHandlerContext ctx;
    private ClientFaults.Tracker faults;
    private State state = State.NEW;
    private int clientId = NO_CLIENT_ID;
    private int version = MarauroaCodec.VERSION;
    private byte[] serverNonce;
    private byte[] promise;
    private boolean placeTaken;
    private boolean loginPending;
    private String username;
    private long accountId;
    private String character;
    private final Characters characters;
    private final Creations creations;
    /** The silence limit of the current state; none before the promise. */
    private final SilenceWatch silence;
    private boolean keptAliveInGame;
    /** This connection as a session of the core's registry, once logged in; null before and after. */
    private PlayerSession session;
    /** Content went out since the last perception, so the next one is sent even when empty. */
    private boolean perceptionRequired;
    private final ContentOffers offered = new ContentOffers();
    /** This connection as the turn loop sees it: what it sends goes out on the connection's thread. */
    private final GameLoop.Viewer viewer = new GameLoop.Viewer() {
        @Override
        public void perceive(PerceptionMessage m) {
            onLoop(() -> {
                if (state != State.GAME_BEGIN) {
                    return;
                }
                // As Marauroa does: from version 34 an empty perception is not sent (its
                // timestamp is spent all the same), unless content went out since the last one.
                if (m.isEmpty() && version >= MarauroaCodec.FIRST_WITH_OMITTABLE_PERCEPTIONS && !perceptionRequired) {
                    return;
                }
                perceptionRequired = false;
                send(m, version, clientId);
            });
        }

        @Override
        public void displaced() {
            onLoop(() -> {
                // the character plays on in the new connection: nothing to leave or store here
                log.info("{}: {} plays {} on another connection now; disconnecting", address(), username, character);
                state = State.LOGOUT_ACCEPTED;
                close(CloseReason.DUPLICATE_LOGIN);
            });
        }

        @Override
        public void offer(List<Content> contents) {
            onLoop(() -> {
                if (state == State.GAME_BEGIN) {
                    offered.offer(contents);
                    send(new TransferReq(contents), version, clientId);
                    perceptionRequired = true;
                }
            });
        }
    };

    public MarauroaConnection(MarauroaServices services) {
        this.services = services;
        this.loginCheck = new SecureLoginCheck(services.accounts(), services.logins(), services.key(), ZoneId.systemDefault(),
                services.metrics());
        this.characters = new Characters(services.characters(), services.game().classes());
        this.creations = new Creations(services, characters, new Creations.Replies() {
            @Override
            public void reply(MarauroaMessage m, boolean withClientId) {
                send(m, version, withClientId ? clientId : NO_CLIENT_ID);
            }

            @Override
            public void onLoop(Runnable task) {
                MarauroaConnection.this.onLoop(task);
            }
        });
        this.silence = new SilenceWatch(services.clock(), limit -> onLoop(() -> {
            log.info("{}: {} timed out (nothing for {} s); disconnecting", address(), username == null ? "a client" : username,
                    limit.toSeconds());
            close(CloseReason.HEARTBEAT_TIMEOUT);
        }));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (services.config().bannedAddresses().contains(address())) {
            log.info("{}: a banned address; S2C_CONNECT_NACK", address());
            MeteredChannel.closing(ctx.channel(), CloseReason.AUTH_FAILED);
            ctx.writeAndFlush(MarauroaCodec.encode(new Envelope(MarauroaCodec.VERSION, NO_CLIENT_ID,
                    (int) services.clock().nowMillis(), new ConnectNack()), ctx.alloc())).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        silence.watch(services.config().preLoginTimeout());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.NEW) {
            silence.touch();
        }
        if (msg instanceof Envelope e) {
            version = e.version();
            handle(e);
        } else if (msg instanceof UnsupportedVersion u) {
            faults().report("bad_version", u.detail());
            send(new InvalidMessage("Invalid client version: Update client"), u.version(), NO_CLIENT_ID);
        } else if (msg instanceof Unreadable u) {
            faults().report("unreadable", "unreadable message ignored: " + u.detail());
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void handle(Envelope e) {
        MarauroaMessage m = e.message();
        if (m instanceof LoginRequestKey r) {
            requestKey(r, e.clientId());
        } else if (m instanceof LoginSendPromise p) {
            promise(p);
        } else if (m instanceof LoginSendNonceNameAndPassword l) {
            if (expect(e, State.CONNECTION_ACCEPTED)) {
                login(l);
            }
        } else if (m instanceof LoginSendUsernameAndPassword l) {
            if (expect(e, State.CONNECTION_ACCEPTED)) {
                decideLogin(l.username(), from -> loginCheck.decidePlain(l.username(), l.password(), from));
            }
        } else if (m instanceof LoginSendNonceNamePasswordAndSeed l) {
            if (expect(e, State.CONNECTION_ACCEPTED) && keptPromise(l.nonce())) {
                decideLogin(l.username(), from -> loginCheck.refuseUnverifiable(l.username(), LoginNackReason.SEED_WRONG, from));
            }
        } else if (m instanceof LoginWithToken l) {
            if (expect(e, State.CONNECTION_ACCEPTED) && keptPromise(l.nonce())) {
                decideLogin(l.username(), from -> loginCheck.refuseUnverifiable(l.username(), LoginNackReason.USERNAME_WRONG, from));
            }
        } else if (m instanceof CreateAccountWithToken c) {
            send(new CreateAccountNack(AccountResult.FAILED_EXCEPTION), version, NO_CLIENT_ID);
        } else if (m instanceof ProxyCreateAccount p) {
            if (trustedProxy(p.credentials())) {
                creations.account(p.username(), p.password(), p.forwardedFor());
            }
        } else if (m instanceof ProxyCreateCharacter p) {
            if (trustedProxy(p.credentials())) {
                creations.proxyCharacter(p.username(), p.character(), p.template(), p.forwardedFor());
            }
        } else if (m instanceof UpdateResponse u) {
            log.info("{}: update response: {}", address(), u.response());
        } else if (m instanceof CreateAccount c) {
            creations.account(c.username(), c.password(), address());
        } else if (m instanceof CreateCharacter c) {
            if (expect(e, State.LOGIN_COMPLETE, State.GAME_BEGIN)) {
                creations.character(accountId, username, c.character(), c.template(), address());
            }
        } else if (m instanceof ChooseCharacter c) {
            if (expect(e, State.LOGIN_COMPLETE, State.GAME_BEGIN)) {
                chooseCharacter(c.character());
            }
        } else if (m instanceof Logout l) {
            if (expect(e, State.LOGIN_COMPLETE, State.GAME_BEGIN)) {
                if (state == State.GAME_BEGIN && l.reason() > 0) {
                    // Marauroa's client reports its own crash this way; like Marauroa, treat it as a
                    // timeout: no answer, and the keep-alive limit ends the session
                    log.info("{}: {} reports a client crash (logout reason {})", address(), username, l.reason());
                } else {
                    logout();
                }
            }
        } else if (m instanceof Action a) {
            if (expect(e, State.GAME_BEGIN)) {
                keptAlive();
                services.loop().action(viewer, a.action());
            }
        } else if (m instanceof TransferAck a) {
            if (expect(e, State.GAME_BEGIN)) {
                List<Content> wanted = offered.answer(a.wanted());
                if (!wanted.isEmpty()) {
                    send(new Transfer(wanted), version, clientId);
                    perceptionRequired = true;
                }
            }
        } else if (m instanceof OutOfSync) {
            if (expect(e, State.GAME_BEGIN)) {
                services.loop().resync(viewer);
            }
        } else if (m instanceof KeepAlive) {
            if (expect(e, State.CONNECTION_ACCEPTED, State.LOGIN_COMPLETE, State.GAME_BEGIN)) {
                keptAlive();
            }
        } else {
            faults().report("not_for_server", m.type() + " is not a message a client sends; ignored");
        }
    }

    /** True when the proxy's credentials match the configured ones (never when none are configured); else ignored. */
    private boolean trustedProxy(String credentials) {
        String expected = services.config().proxyCredentials();
        if (expected.isEmpty() || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                credentials.getBytes(StandardCharsets.UTF_8))) {
            faults().report("proxy_credentials", "a proxy message with wrong credentials is ignored");
            return false;
        }
        return true;
    }

    /** True when the message fits the state and carries this client's id; else it is ignored. */
    private boolean expect(Envelope e, State... allowed) {
        if (!Arrays.asList(allowed).contains(state) || e.clientId() != clientId || loginPending) {
            faults().report("out_of_state", e.message().type() + " ignored (state " + state + ", client id " + e.clientId() + " for " + clientId + ")");
            return false;
        }
        return true;
    }

    private void requestKey(LoginRequestKey r, int theirClientId) {
        var c = services.config();
        boolean gameFits = (c.gameName().isEmpty() || c.gameName().equals(r.game()))
                && (c.gameVersion().isEmpty() || c.gameVersion().equals(r.version()));
        if (!gameFits) {
            send(new LoginNack(LoginNackReason.GAME_MISMATCH), version, NO_CLIENT_ID);
            return;
        }
        send(new LoginSendKey(services.key().n().toByteArray(), services.key().e().toByteArray()), version, theirClientId);
    }

    private void promise(LoginSendPromise p) {
        if (!placeTaken && !services.takePlace()) {
            send(new LoginNack(LoginNackReason.SERVER_IS_FULL), version, NO_CLIENT_ID);
            return;
        }
        placeTaken = true;
        clientId = services.newClientId();
        state = State.CONNECTION_ACCEPTED;
        promise = p.nonceHash();
        serverNonce = SecureLogin.nonce();
        silence.watch(services.config().preGameTimeout());
        send(new LoginSendNonce(serverNonce), version, clientId);
    }

    private void login(LoginSendNonceNameAndPassword l) {
        if (keptPromise(l.nonce())) {
            byte[] nonce = serverNonce;
            decideLogin(l.username(), from -> loginCheck.decide(l.username(), l.encryptedPassword(), l.nonce(), nonce, from));
        }
    }

    /** False (and INVALID_NONCE sent, the login state dropped) when the nonce does not hash to the promise. */
    private boolean keptPromise(byte[] clientNonce) {
        if (SecureLogin.keepsPromise(clientNonce, promise)) {
            return true;
        }
        faults().report("bad_nonce", "the client nonce does not hash to its promise");
        send(new LoginNack(LoginNackReason.INVALID_NONCE), version, NO_CLIENT_ID);
        backToNew();
        return false;
    }

    /** Runs a login decision off the event loop, then answers it (and loads the characters on success). */
    private void decideLogin(String user, Function<InetAddress, LoginDecision> decide) {
        loginPending = true;
        String ip = address();
        InetAddress from = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        services.blocking().execute(() -> {
            LoginDecision d;
            Map<String, RPObject> owned = Map.of();
            try {
                d = decide.apply(from);
                if (d instanceof LoginDecision.Accepted a) {
                    owned = characters.of(a.accountId());
                }
            } catch (RuntimeException ex) {
                log.error("{}: login of {} failed in the store", ip, user, ex);
                d = new LoginDecision.Refused(LoginNackReason.USERNAME_WRONG, true);
            }
            LoginDecision decision = d;
            Map<String, RPObject> list = owned;
            onLoop(() -> loginDecided(decision, list));
        });
    }

    private void loginDecided(LoginDecision d, Map<String, RPObject> owned) {
        loginPending = false;
        if (!ctx.channel().isActive()) {
            return;
        }
        if (d instanceof LoginDecision.Accepted a) {
            state = State.LOGIN_COMPLETE;
            username = a.username();
            accountId = a.accountId();
            startSession();
            send(new LoginAck(a.previousLogins()), version, clientId);
            send(new ServerInfo(services.config().serverInfo(), services.game().classes()), version, clientId);
            send(Creations.characterList(owned), version, clientId);
            log.info("{}: {} logged in (client id {})", address(), username, clientId);
        } else if (d instanceof LoginDecision.Refused r) {
            if (r.disconnect()) {
                sendAndClose(new LoginNack(r.reason()));
            } else {
                send(new LoginNack(r.reason()), version, NO_CLIENT_ID);
                backToNew();
            }
        } else if (d instanceof LoginDecision.RefusedWithMessage r) {
            sendAndClose(new LoginMessageNack(r.text()));
        }
    }

    private void backToNew() {
        silence.watch(services.config().preLoginTimeout());
        state = State.NEW;
        clientId = NO_CLIENT_ID;
        promise = null;
        serverNonce = null;
        releasePlace();
    }

    /**
     * One of the account's characters enters the game: S2C_CHOOSECHARACTER_ACK, else _NACK.
     * Choosing the character already played is ignored, as Marauroa ignores it; choosing
     * another one mid-game stores the first as it leaves (see {@link GameLoop#enter}).
     */
    private void chooseCharacter(String name) {
        if (state == State.GAME_BEGIN && name.equals(character)) {
            log.info("{}: {} chose {} again; ignored", address(), username, name);
            return;
        }
        long account = accountId;
        services.blocking().execute(() -> {
            Optional<RPObject> found;
            try {
                found = characters.find(account, name);
            } catch (RuntimeException e) {
                log.error("{}: loading character {} failed", address(), name, e);
                found = Optional.empty();
            }
            Optional<RPObject> loaded = found;
            onLoop(() -> {
                if (loaded.isEmpty()) {
                    send(new ChooseCharacterNack(), version, clientId);
                    return;
                }
                services.loop().enter(viewer, name, account, loaded.get())
                        .whenComplete((entry, error) -> onLoop(() -> entered(name, entry, error)));
            });
        });
    }

    private void entered(String name, GameLoop.Entry entry, Throwable error) {
        if (entry != null && entry.left() != null) {
            saveCharacterAs(character, entry.left(), () -> { });
        }
        if (error != null || entry.arrival() == GameLoop.Arrival.REFUSED) {
            if (error != null) {
                log.error("{}: the game failed to let {} in", address(), name, error);
            } else {
                log.warn("{}: {} chose {}, a name another account is playing; refused", address(), username, name);
            }
            state = State.LOGIN_COMPLETE;
            character = null;
            MeteredChannel.closing(ctx.channel(), CloseReason.DUPLICATE_LOGIN);
            ctx.writeAndFlush(MarauroaCodec.encode(new Envelope(version, clientId, (int) services.clock().nowMillis(),
                    new ChooseCharacterNack()), ctx.alloc())).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        character = name;
        state = State.GAME_BEGIN;
        keptAliveInGame = false;
        silence.watch(services.config().keepAliveTimeout().multipliedBy(4));
        send(new ChooseCharacterAck(), version, clientId);
        log.info("{}: {} plays {}{}", address(), username, name,
                entry.arrival() == GameLoop.Arrival.TOOK_OVER ? ", taken over from its other connection" : "");
    }

    /**
     * Without a character there is nothing to refuse: S2C_LOGOUT_ACK. In the game, the game
     * decides; when it agrees, the character is stored first.
     */
    private void logout() {
        if (state != State.GAME_BEGIN) {
            logoutAccepted();
            return;
        }
        services.loop().leave(viewer, false).whenComplete((left, error) -> onLoop(() -> {
            if (error != null || left == null) {
                send(new LogoutNack(), version, clientId);
                return;
            }
            state = State.LOGOUT_ACCEPTED;
            saveCharacter(left, this::logoutAccepted);
        }));
    }

    /** Stores the character as it left the game, then runs {@code then} on the connection's thread. */
    private void saveCharacter(RPObject left, Runnable then) {
        saveCharacterAs(character, left, then);
    }

    private void saveCharacterAs(String name, RPObject left, Runnable then) {
        long account = accountId;
        services.blocking().execute(() -> {
            try {
                characters.save(account, name, left);
            } catch (RuntimeException e) {
                log.error("{}: storing character {} failed", address(), name, e);
            }
            onLoop(then);
        });
    }

    private void logoutAccepted() {
        silence.stop();
        endSession();
        send(new LogoutAck(), version, clientId);
        state = State.LOGOUT_ACCEPTED;
        releasePlace();
        log.info("{}: {} logged out", address(), username);
    }

    /**
     * C2S_KEEPALIVE: the silence limit starts again; the first one in the game brings the
     * limit down from four times {@code keepalive_timeout} to it, as Marauroa does.
     */
    private void keptAlive() {
        if (state == State.GAME_BEGIN && !keptAliveInGame) {
            keptAliveInGame = true;
            silence.watch(services.config().keepAliveTimeout());
        } else {
            silence.touch();
        }
    }

    private void releasePlace() {
        if (placeTaken) {
            placeTaken = false;
            services.releasePlace();
        }
    }

    private void send(MarauroaMessage m, int toVersion, int toClientId) {
        ctx.writeAndFlush(MarauroaCodec.encode(new Envelope(toVersion, toClientId, (int) services.clock().nowMillis(), m), ctx.alloc()));
    }

    /** After a refused login: the answer, then the close. */
    private void sendAndClose(MarauroaMessage m) {
        MeteredChannel.closing(ctx.channel(), CloseReason.AUTH_FAILED);
        ctx.writeAndFlush(MarauroaCodec.encode(new Envelope(version, NO_CLIENT_ID, (int) services.clock().nowMillis(), m), ctx.alloc()))
                .addListener(ChannelFutureListener.CLOSE);
        state = State.NEW;
        releasePlace();
    }

    /** Makes the logged-in player a core session once, however many logins one connection makes. */
    private void startSession() {
        if (session == null) {
            session = new PlayerSession(ctx.channel());
            services.sessions().attach(session, accountId, username);
        }
    }

    private void endSession() {
        if (session != null) {
            services.sessions().release(session);
            session = null;
        }
    }

    private void close(CloseReason reason) {
        MeteredChannel.closing(ctx.channel(), reason);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        silence.stop();
        endSession();
        if (state == State.GAME_BEGIN) {
            state = State.LOGOUT_ACCEPTED;
            Departures departures = services.departures();
            departures.begin();
            services.loop().leave(viewer, true).whenComplete((left, error) -> {
                if (left == null) {
                    departures.end();
                    return;
                }
                String name = character;
                long account = accountId;
                services.blocking().execute(() -> {
                    try {
                        characters.save(account, name, left);
                    } catch (RuntimeException e) {
                        log.error("{}: storing character {} failed", address(), name, e);
                    } finally {
                        departures.end();
                    }
                });
            });
        }
        releasePlace();
        ctx.fireChannelInactive();
    }

    /** A client that does not read is dropped once more than {@code max_outbound_bytes} wait for it. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable() && ctx.channel().isActive()) {
            log.warn("{}: more than {} bytes queued for a client that does not read; disconnecting", address(),
                    services.config().maxOutboundBytes());
            close(CloseReason.SLOW_CONSUMER);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("{}: connection error: {}", address(), cause.toString());
            close(CloseReason.IO_ERROR);
        } else if (cause instanceof TooLongFrameException) {
            log.info("{}: a message over max_message_bytes ({}); disconnecting", address(), cause.getMessage());
            close(CloseReason.OVERSIZED);
        } else {
            log.warn("{}: closing after an error: {}", address(), cause.toString());
            close(CloseReason.SERVER_ERROR);
        }
    }

    /** Runs on the connection's event loop; dropped (the server is stopping) when the loop is gone. */
    private void onLoop(Runnable task) {
        try {
            ctx.executor().execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("{}: the event loop is gone; a late task is dropped", address());
        }
    }

    /** This connection's faults (made on first use, when the address is known). */
    private ClientFaults.Tracker faults() {
        if (faults == null) {
            faults = services.faults().connection(address());
        }
        return faults;
    }

    private String address() {
        return ctx != null && ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "?";
    }
}
