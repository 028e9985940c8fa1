package io.gatehouse.marauroa.handler;

import io.gatehouse.core.account.LoginResult;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.marauroa.crypto.SecureLogin;
import io.gatehouse.marauroa.message.LoginNackReason;
import io.gatehouse.marauroa.message.MarauroaMessage;
import io.gatehouse.marauroa.message.MarauroaMessage.LoginAck;
import io.gatehouse.marauroa.message.MarauroaMessage.LoginMessageNack;
import io.gatehouse.marauroa.message.MarauroaMessage.LoginNack;
import io.gatehouse.marauroa.message.MarauroaMessage.LoginRequestKey;
import io.gatehouse.marauroa.message.MarauroaMessage.LoginSendKey;
import io.gatehouse.marauroa.message.MarauroaMessage.LoginSendNonce;
import io.gatehouse.marauroa.message.MarauroaMessage.LoginSendNonceNameAndPassword;
import io.gatehouse.marauroa.message.MarauroaMessage.LoginSendNonceNamePasswordAndSeed;
import io.gatehouse.marauroa.message.MarauroaMessage.LoginSendPromise;
import io.gatehouse.marauroa.message.MarauroaMessage.LoginSendUsernameAndPassword;
import io.gatehouse.marauroa.message.MarauroaMessage.LoginWithToken;
import io.gatehouse.marauroa.message.MarauroaMessage.ServerInfo;
import java.net.InetAddress;
import java.time.ZoneId;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login handshake of one connection (docs/protocol/marauroa.md, section 5): the key, the
 * promise with its player place and client id, and the four logins, each decided off the event
 * loop and answered on it. The connection says which messages its state lets through; this
 * class tells it, through {@link Steps}, where the handshake has brought it.
 */
final class LoginHandshake {

    /** Where the handshake brings the connection; called on its event loop. */
    interface Steps {
        /** The promise is taken: CONNECTION_ACCEPTED. */
        void promised();

        /** The login was refused and the connection stays: NEW again. */
        void backToNew();

        /** The login was refused and the connection closes after the answer. */
        void refusedClosing();

        /** The login is accepted; S2C_LOGIN_ACK, the server info and the character list follow. */
        void loggedIn(LoginDecision.Accepted accepted);
    }

    private static final Logger log = LoggerFactory.getLogger(MarauroaConnection.class);

    private final MarauroaServices services;
    private final ClientLink link;
    private final SecureLoginCheck check;
    private final Steps steps;
    private byte[] serverNonce;
    private byte[] promise;
    private boolean placeTaken;
    private boolean pending;

    LoginHandshake(MarauroaServices services, ClientLink link, Characters characters, Steps steps) {
        this.services = services;
        this.link = link;
        this.steps = steps;
        this.check = new SecureLoginCheck(services.accounts(), services.tokens(), characters, services.logins(), services.key(),
                ZoneId.systemDefault(), services.metrics());
    }

    /** True while a login is being decided: the connection takes no other message of its state meanwhile. */
    boolean pending() {
        return pending;
    }

    /** C2S_LOGIN_REQUESTKEY: the key, with the client id of the request; GAME_MISMATCH for another game. */
    void requestKey(LoginRequestKey r, int theirClientId) {
        var c = services.config();
        boolean gameFits = (c.gameName().isEmpty() || c.gameName().equals(r.game()))
                && (c.gameVersion().isEmpty() || c.gameVersion().equals(r.version()));
        if (!gameFits) {
            link.sendWithoutId(new LoginNack(LoginNackReason.GAME_MISMATCH));
            return;
        }
        link.sendAs(new LoginSendKey(services.key().n().toByteArray(), services.key().e().toByteArray()), link.version(), theirClientId);
    }

    /** C2S_LOGIN_SENDPROMISE: a player place, a new client id and the server's nonce; SERVER_IS_FULL without a place. */
    void promise(LoginSendPromise p) {
        if (!placeTaken && !services.takePlace()) {
            link.sendWithoutId(new LoginNack(LoginNackReason.SERVER_IS_FULL));
            return;
        }
        placeTaken = true;
        link.clientId(services.newClientId());
        promise = p.nonceHash();
        serverNonce = SecureLogin.nonce();
        steps.promised();
        link.send(new LoginSendNonce(serverNonce));
    }

    /** C2S_LOGIN_SENDNONCENAMEANDPASSWORD: the secure login. */
    void secure(LoginSendNonceNameAndPassword l) {
        if (keptPromise(l.nonce())) {
            byte[] nonce = serverNonce;
            decide(l.username(), from -> check.decide(l.username(), l.encryptedPassword(), l.nonce(), nonce, from));
        }
    }

    /** C2S_LOGIN_SENDUSERNAMEANDPASSWORD: the password in clear, for clients behind TLS. */
    void plain(LoginSendUsernameAndPassword l) {
        decide(l.username(), from -> check.decidePlain(l.username(), l.password(), from));
    }

    /**
     * A browser connection, once upgraded (section 11.6): a player place, a client id and the
     * key with it, as if the promise were made; SERVER_IS_FULL and the close without a place.
     */
    void greetBrowser() {
        if (!services.takePlace()) {
            refuseAndClose(new LoginNack(LoginNackReason.SERVER_IS_FULL));
            return;
        }
        placeTaken = true;
        link.clientId(services.newClientId());
        steps.promised();
        link.send(new LoginSendKey(services.key().n().toByteArray(), services.key().e().toByteArray()));
    }

    /**
     * C2S_LOGIN_SENDUSERNAMEANDPASSWORD on a browser connection (section 11.6): the password
     * field carries a single-use token of the HTTP API (or, where configured, the password).
     */
    void browser(LoginSendUsernameAndPassword l) {
        boolean passwords = services.config().websocketPasswords();
        decide(l.username(), from -> check.decideToken(l.username(), l.password(), passwords, from));
    }

    /** C2S_LOGIN_SENDNONCENAMEPASSWORDANDSEED: Gatehouse keeps no web login seeds, so SEED_WRONG. */
    void seeded(LoginSendNonceNamePasswordAndSeed l) {
        if (keptPromise(l.nonce())) {
            decide(l.username(), from -> check.refuseUnverifiable(l.username(), LoginNackReason.SEED_WRONG, from));
        }
    }

    /** C2S_LOGIN_WITH_TOKEN: Gatehouse keeps no account links, so USERNAME_WRONG. */
    void token(LoginWithToken l) {
        if (keptPromise(l.nonce())) {
            decide(l.username(), from -> check.refuseUnverifiable(l.username(), LoginNackReason.USERNAME_WRONG, from));
        }
    }

    /** Gives the player place back (at logout, at a refusal, when the connection ends); once. */
    void releasePlace() {
        if (placeTaken) {
            placeTaken = false;
            services.releasePlace();
        }
    }

    /** False (and INVALID_NONCE sent, the login state dropped) when the nonce does not hash to the promise. */
    private boolean keptPromise(byte[] clientNonce) {
        if (SecureLogin.keepsPromise(clientNonce, promise)) {
            return true;
        }
        link.faults().report("bad_nonce", "the client nonce does not hash to its promise");
        link.sendWithoutId(new LoginNack(LoginNackReason.INVALID_NONCE));
        backToNew();
        return false;
    }

    /**
     * Runs a login decision off the event loop (an accepted one comes with the characters),
     * then answers it on the loop. A store failure is no decision: see {@link LoginDecision.StoreFailed}.
     */
    private void decide(String user, Function<InetAddress, LoginDecision> decision) {
        pending = true;
        String ip = link.address();
        InetAddress from = link.peer();
        services.blocking().execute(() -> {
            LoginDecision d;
            try {
                d = decision.apply(from);
            } catch (RuntimeException ex) {
                log.error("{}: login of {} failed in the store; not answered", ip, user, ex);
                d = new LoginDecision.StoreFailed();
            }
            LoginDecision done = d;
            link.onLoop(() -> decided(done));
        });
    }

    private void decided(LoginDecision d) {
        pending = false;
        if (d instanceof LoginDecision.StoreFailed) {
            services.metrics().auth(LoginResult.STORE_ERROR);
        }
        if (!link.isActive()) {
            return;
        }
        if (d instanceof LoginDecision.Accepted a) {
            steps.loggedIn(a);
            link.send(new LoginAck(a.previousLogins()));
            link.send(new ServerInfo(services.config().serverInfo(), services.game().classes()));
            link.send(Creations.characterList(a.characters()));
        } else if (d instanceof LoginDecision.Refused r) {
            if (r.disconnect()) {
                refuseAndClose(new LoginNack(r.reason()));
            } else {
                link.sendWithoutId(new LoginNack(r.reason()));
                if (link.transport() == Transport.TCP) {
                    backToNew();
                }
                // a browser keeps its place and client id: it has no promise to make again
            }
        } else if (d instanceof LoginDecision.RefusedWithMessage r) {
            refuseAndClose(new LoginMessageNack(r.text()));
        }
    }

    private void refuseAndClose(MarauroaMessage answer) {
        link.sendAndClose(answer, ClientLink.NO_CLIENT_ID, CloseReason.AUTH_FAILED);
        steps.refusedClosing();
        releasePlace();
    }

    private void backToNew() {
        steps.backToNew();
        link.clientId(ClientLink.NO_CLIENT_ID);
        promise = null;
        serverNonce = null;
        releasePlace();
    }
}
