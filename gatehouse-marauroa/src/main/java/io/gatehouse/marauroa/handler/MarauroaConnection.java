package io.gatehouse.marauroa.handler;

import io.gatehouse.core.session.CloseReason;
import io.gatehouse.marauroa.MarauroaModule;
import io.gatehouse.marauroa.codec.MarauroaCodec.Envelope;
import io.gatehouse.marauroa.codec.MarauroaMessageDecoder.UnsupportedVersion;
import io.gatehouse.marauroa.codec.MarauroaMessageDecoder.Unreadable;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.message.AccountResult;
import io.gatehouse.marauroa.message.MarauroaMessage.*;
import io.gatehouse.marauroa.message.MarauroaMessage;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Marauroa client (docs/protocol/marauroa.md, sections 5 to 9) as one state machine on the
 * connection's event loop: it switches on the state first, and each state hands the messages
 * it allows to their handler; the login handshake is {@link LoginHandshake}, making accounts
 * and characters {@link Creations}, the rest (characters, the game, the logout) is here. A
 * message another state allows, or one that carries another client id, is ignored and counted
 * as a fault, as Marauroa ignores it (section 7). Store work runs on the blocking executor and
 * comes back to the loop.
 */
public final class MarauroaConnection extends ChannelInboundHandlerAdapter {

    /** Where a client stands, as Marauroa's player entries name it. */
    enum State { NEW, CONNECTION_ACCEPTED, LOGIN_COMPLETE, GAME_BEGIN, LOGOUT_ACCEPTED }

    private static final Logger log = LoggerFactory.getLogger(MarauroaConnection.class);

    private final MarauroaServices services;
    private final ClientLink link;
    private final LoginHandshake handshake;
    private final Characters characters;
    private final Creations creations;
    private State state = State.NEW;
    private String username;
    private long accountId;
    private String character;
    /** The silence limit of the current state; none before the promise. */
    private final SilenceWatch silence;
    private boolean keptAliveInGame;
    /** This connection as a session of the core's registry, once logged in; null before and after. */
    private PlayerSession session;
    /** This connection as the turn loop sees it. */
    private final GameView viewer;

    /** A connection on {@code transport}: TCP, or a WebSocket after its upgrade (section 11). */
    public MarauroaConnection(MarauroaServices services, Transport transport) {
        this.services = services;
        this.link = new ClientLink(services, transport);
        this.characters = new Characters(services.characters(), services.game().classes());
        this.handshake = new LoginHandshake(services, link, characters, new LoginHandshake.Steps() {
            @Override
            public void promised() {
                state = State.CONNECTION_ACCEPTED;
                silence.watch(services.config().preGameTimeout());
            }

            @Override
            public void backToNew() {
                silence.watch(services.config().preLoginTimeout());
                state = State.NEW;
            }

            @Override
            public void refusedClosing() {
                state = State.NEW;
            }

            @Override
            public void loggedIn(LoginDecision.Accepted a) {
                state = State.LOGIN_COMPLETE;
                username = a.username();
                accountId = a.accountId();
                startSession();
                log.info("{}: {} logged in (client id {})", link.address(), username, link.clientId());
            }
        });
        this.creations = new Creations(services, characters, link);
        this.viewer = new GameView(link, () -> state == State.GAME_BEGIN, () -> {
            // the character plays on in the new connection: nothing to leave or store here
            log.info("{}: {} plays {} on another connection now; disconnecting", link.address(), username, character);
            state = State.LOGOUT_ACCEPTED;
            link.close(CloseReason.DUPLICATE_LOGIN);
        });
        this.silence = new SilenceWatch(services.clock(), limit -> link.onLoop(() -> {
            log.info("{}: {} timed out (nothing for {} s); disconnecting", link.address(), username == null ? "a client" : username,
                    limit.toSeconds());
            link.close(CloseReason.HEARTBEAT_TIMEOUT);
        }));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        link.attach(ctx);
        if (link.transport() == Transport.WEBSOCKET) {
            // the client is greeted once the upgrade is done; until then it may only ask for pages
            silence.watch(services.config().preLoginTimeout());
            ctx.fireChannelActive();
            return;
        }
        if (services.config().bannedAddresses().contains(link.address())) {
            log.info("{}: a banned address; S2C_CONNECT_NACK", link.address());
            link.sendAndClose(new ConnectNack(), ClientLink.NO_CLIENT_ID, CloseReason.AUTH_FAILED);
            return;
        }
        silence.watch(services.config().preLoginTimeout());
        ctx.fireChannelActive();
    }

    /** The WebSocket upgrade is done: a banned address gets S2C_CONNECT_NACK, any other the key (section 11.6). */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete && link.transport() == Transport.WEBSOCKET
                && state == State.NEW) {
            if (services.config().bannedAddresses().contains(link.address())) {
                log.info("{}: a banned address; S2C_CONNECT_NACK", link.address());
                link.sendAndClose(new ConnectNack(), ClientLink.NO_CLIENT_ID, CloseReason.AUTH_FAILED);
                return;
            }
            handshake.greetBrowser();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.NEW) {
            silence.touch();
        }
        if (msg instanceof Envelope e) {
            link.version(e.version());
            handle(e);
        } else if (msg instanceof UnsupportedVersion u) {
            link.faults().report("bad_version", u.detail());
            link.sendAs(new InvalidMessage("Invalid client version: Update client"), u.version(), ClientLink.NO_CLIENT_ID);
        } else if (msg instanceof Unreadable u) {
            link.faults().report("unreadable", "unreadable message ignored: " + u.detail());
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    /**
     * The dispatch: the state first, then the message. Each state names the step it takes for
     * each message it allows, run when the message carries this client's id; a message no
     * state of the connection's takes is either one every state allows or is ignored.
     */
    private void handle(Envelope e) {
        MarauroaMessage m = e.message();
        Runnable step = switch (state) {
            case NEW, LOGOUT_ACCEPTED -> null;
            case CONNECTION_ACCEPTED -> promised(m);
            case LOGIN_COMPLETE -> loggedIn(m);
            case GAME_BEGIN -> {
                Runnable playing = inGame(m);
                yield playing != null ? playing : loggedIn(m);
            }
        };
        if (step != null) {
            if (fromThisClient(e)) {
                step.run();
            }
        } else if (!anyState(e)) {
            ignore(e);
        }
    }

    /** CONNECTION_ACCEPTED: one of the four logins, or a keep-alive; null for any other message. */
    private Runnable promised(MarauroaMessage m) {
        if (m instanceof LoginSendNonceNameAndPassword l) {
            return () -> handshake.secure(l);
        } else if (m instanceof LoginSendUsernameAndPassword l) {
            return link.transport() == Transport.WEBSOCKET ? () -> handshake.browser(l) : () -> handshake.plain(l);
        } else if (m instanceof LoginSendNonceNamePasswordAndSeed l) {
            return () -> handshake.seeded(l);
        } else if (m instanceof LoginWithToken l) {
            return () -> handshake.token(l);
        } else if (m instanceof KeepAlive) {
            return this::keptAlive;
        }
        return null;
    }

    /** LOGIN_COMPLETE, and GAME_BEGIN too: the account's characters, the logout, a keep-alive; null for any other. */
    private Runnable loggedIn(MarauroaMessage m) {
        if (m instanceof CreateCharacter c) {
            return () -> creations.character(accountId, username, c.character(), c.template(), link.address());
        } else if (m instanceof ChooseCharacter c) {
            return () -> chooseCharacter(c.character());
        } else if (m instanceof Logout l) {
            return () -> logout(l);
        } else if (m instanceof KeepAlive) {
            return this::keptAlive;
        }
        return null;
    }

    /** GAME_BEGIN: the player's actions and its side of the perceptions and content transfers; null for any other. */
    private Runnable inGame(MarauroaMessage m) {
        if (m instanceof Action a) {
            return () -> {
                keptAlive();
                services.loop().action(viewer, a.action());
            };
        } else if (m instanceof TransferAck a) {
            return () -> viewer.answered(a.wanted());
        } else if (m instanceof OutOfSync) {
            return () -> services.loop().resync(viewer);
        }
        return null;
    }

    /** What every state allows, with any client id: the key and the promise, accounts, a proxy's requests. */
    private boolean anyState(Envelope e) {
        MarauroaMessage m = e.message();
        if (m instanceof LoginRequestKey r) {
            handshake.requestKey(r, e.clientId());
        } else if (m instanceof LoginSendPromise p) {
            handshake.promise(p);
        } else if (m instanceof CreateAccount c) {
            creations.account(c.username(), c.password(), link.address());
        } else if (m instanceof CreateAccountWithToken) {
            link.sendWithoutId(new CreateAccountNack(AccountResult.FAILED_EXCEPTION));
        } else if (m instanceof ProxyCreateAccount p) {
            if (trustedProxy(p.credentials())) {
                creations.account(p.username(), p.password(), p.forwardedFor());
            }
        } else if (m instanceof ProxyCreateCharacter p) {
            if (trustedProxy(p.credentials())) {
                creations.proxyCharacter(p.username(), p.character(), p.template(), p.forwardedFor());
            }
        } else if (m instanceof UpdateResponse u) {
            log.info("{}: update response: {}", link.address(), u.response());
        } else {
            return false;
        }
        return true;
    }

    /** A client message this state does not allow, or one only a server sends: ignored, and counted. */
    private void ignore(Envelope e) {
        if (e.message().type().sentByServer()) {
            link.faults().report("not_for_server", e.message().type() + " is not a message a client sends; ignored");
        } else {
            outOfState(e);
        }
    }

    /** True when the message carries this client's id and no login is being decided; else it is ignored. */
    private boolean fromThisClient(Envelope e) {
        if (e.clientId() != link.clientId() || handshake.pending()) {
            outOfState(e);
            return false;
        }
        return true;
    }

    private void outOfState(Envelope e) {
        link.faults().report("out_of_state", e.message().type() + " ignored (state " + state + ", client id " + e.clientId()
                + " for " + link.clientId() + ")");
    }

    /** True when the proxy's credentials match the configured ones (never when none are configured); else ignored. */
    private boolean trustedProxy(String credentials) {
        String expected = services.config().proxyCredentials();
        if (expected.isEmpty() || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                credentials.getBytes(StandardCharsets.UTF_8))) {
            link.faults().report("proxy_credentials", "a proxy message with wrong credentials is ignored");
            return false;
        }
        return true;
    }

    /**
     * One of the account's characters enters the game: S2C_CHOOSECHARACTER_ACK, else _NACK.
     * Choosing the character already played is ignored, as Marauroa ignores it; choosing
     * another one mid-game stores the first as it leaves (see {@link GameLoop#enter}).
     */
    private void chooseCharacter(String name) {
        if (state == State.GAME_BEGIN && name.equals(character)) {
            log.info("{}: {} chose {} again; ignored", link.address(), username, name);
            return;
        }
        long account = accountId;
        // a character in the game on another node of the cluster is stored there first, then loaded here
        services.handovers().takeOver(MarauroaModule.NAME, account, name).whenCompleteAsync((handedOver, unanswered) -> {
            Optional<RPObject> found;
            try {
                found = characters.find(account, name);
            } catch (RuntimeException e) {
                log.error("{}: loading character {} failed", link.address(), name, e);
                found = Optional.empty();
            }
            Optional<RPObject> loaded = found;
            link.onLoop(() -> {
                if (loaded.isEmpty()) {
                    link.send(new ChooseCharacterNack());
                    return;
                }
                services.loop().enter(viewer, name, account, loaded.get())
                        .whenComplete((entry, error) -> link.onLoop(() -> entered(name, entry, error)));
            });
        }, services.blocking());
    }

    private void entered(String name, GameLoop.Entry entry, Throwable error) {
        if (entry != null && entry.left() != null) {
            saveCharacter(character, entry.left(), () -> { });
        }
        if (error != null || entry.arrival() == GameLoop.Arrival.REFUSED) {
            if (error != null) {
                log.error("{}: the game failed to let {} in", link.address(), name, error);
            } else {
                log.warn("{}: {} chose {}, a name another account is playing; refused", link.address(), username, name);
            }
            state = State.LOGIN_COMPLETE;
            character = null;
            link.sendAndClose(new ChooseCharacterNack(), link.clientId(), CloseReason.DUPLICATE_LOGIN);
            return;
        }
        character = name;
        state = State.GAME_BEGIN;
        keptAliveInGame = false;
        silence.watch(services.config().keepAliveTimeout().multipliedBy(4));
        link.send(new ChooseCharacterAck());
        log.info("{}: {} plays {}{}", link.address(), username, name,
                entry.arrival() == GameLoop.Arrival.TOOK_OVER ? ", taken over from its other connection" : "");
    }

    /**
     * C2S_LOGOUT. Without a character there is nothing to refuse: S2C_LOGOUT_ACK. In the game,
     * the game decides; when it agrees, the character is stored first. A reason above 0 in the
     * game is Marauroa's client reporting its own crash: like Marauroa, it is taken as a timeout
     * (no answer, and the keep-alive limit ends the session).
     */
    private void logout(Logout l) {
        if (state != State.GAME_BEGIN) {
            logoutAccepted();
            return;
        }
        if (l.reason() > 0) {
            log.info("{}: {} reports a client crash (logout reason {})", link.address(), username, l.reason());
            return;
        }
        services.loop().leave(viewer, false).whenComplete((left, error) -> link.onLoop(() -> {
            if (error != null || left == null) {
                link.send(new LogoutNack());
                return;
            }
            state = State.LOGOUT_ACCEPTED;
            saveCharacter(character, left, () -> link.onLoop(this::logoutAccepted));
        }));
    }

    /** Stores the character as it left the game, off the event loop; then runs {@code then} there, stored or not. */
    private void saveCharacter(String name, RPObject left, Runnable then) {
        long account = accountId;
        services.blocking().execute(() -> {
            try {
                characters.save(account, name, left);
            } catch (RuntimeException e) {
                log.error("{}: storing character {} failed", link.address(), name, e);
            } finally {
                then.run();
            }
        });
    }

    private void logoutAccepted() {
        silence.stop();
        endSession();
        link.send(new LogoutAck());
        state = State.LOGOUT_ACCEPTED;
        handshake.releasePlace();
        log.info("{}: {} logged out", link.address(), username);
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

    /** Makes the logged-in player a core session once, however many logins one connection makes. */
    private void startSession() {
        if (session == null) {
            session = new PlayerSession(link.channel());
            services.sessions().attach(session, accountId, username);
        }
    }

    private void endSession() {
        if (session != null) {
            services.sessions().release(session);
            session = null;
        }
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
                saveCharacter(character, left, departures::end);
            });
        }
        handshake.releasePlace();
        ctx.fireChannelInactive();
    }

    /** A client that does not read is dropped once more than {@code max_outbound_bytes} wait for it. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable() && ctx.channel().isActive()) {
            log.warn("{}: more than {} bytes queued for a client that does not read; disconnecting", link.address(),
                    services.config().maxOutboundBytes());
            link.close(CloseReason.SLOW_CONSUMER);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("{}: connection error: {}", link.address(), cause.toString());
            link.close(CloseReason.IO_ERROR);
        } else if (cause instanceof TooLongFrameException) {
            log.info("{}: a message over max_message_bytes ({}); disconnecting", link.address(), cause.getMessage());
            link.close(CloseReason.OVERSIZED);
        } else {
            log.warn("{}: closing after an error: {}", link.address(), cause.toString());
            link.close(CloseReason.SERVER_ERROR);
        }
    }
}
