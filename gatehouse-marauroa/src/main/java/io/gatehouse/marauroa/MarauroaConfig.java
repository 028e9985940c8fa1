package io.gatehouse.marauroa;

import io.gatehouse.core.config.WebSocketBind;
import io.gatehouse.core.front.CoreServices;
import io.gatehouse.core.front.Front;
import io.gatehouse.core.front.FrontConfig;
import io.gatehouse.core.limits.AddressSet;
import io.gatehouse.core.limits.ConnectionLimit;
import io.gatehouse.core.limits.LoginLimits;
import io.gatehouse.core.transport.HostPort;
import io.gatehouse.marauroa.game.MarauroaGame;
import java.time.Duration;
import java.util.List;

/**
 * The {@code marauroa} section of the config file (docs/protocol/marauroa.md, section 8).
 *
 * @param enabled               whether the front runs
 * @param bind                  the TCP listener
 * @param websocket             the WebSocket listener of browsers (section 11), {@link WebSocketBind#OFF} when off
 * @param websocketPasswords    whether a browser may sign in with the account's password where no token of it is given
 * @param keyFile               the RSA key file, relative to {@code data_dir}; made on first start
 * @param keyBits               the size of a new RSA key
 * @param gameClass             the game's class (a {@link MarauroaGame} with a public no-argument constructor)
 * @param gameName              the game name C2S_LOGIN_REQUESTKEY must carry; empty accepts any
 * @param gameVersion           the game version it must carry; empty accepts any
 * @param serverInfo            the lines of S2C_SERVERINFO
 * @param maxPlayers            logins beyond it are refused with SERVER_IS_FULL
 * @param maxMessageBytes       the largest frame a client may send
 * @param maxOutboundBytes      bytes queued to a client that does not read, past which it is dropped
 * @param failedLoginWindow     the time in which the failed-login limits refill
 * @param failedLoginsPerAccount failed logins at one account from one address before further attempts
 *                              there are refused (TOO_MANY_TRIES); 0 for no limit. Other addresses are
 *                              not affected, so a stranger cannot lock an account
 * @param failedLoginsPerAddress failed logins from one address, at any account, before further attempts
 *                              from it are refused; 0 for no limit
 * @param keepAliveTimeout      in the game, the most time between two client messages (four times
 *                              as long until the first C2S_KEEPALIVE in the game)
 * @param preLoginTimeout       before the login's promise (C2S_LOGIN_SENDPROMISE), the most time
 *                              without a message: from connecting, and again after a refused login
 * @param preGameTimeout        before the game, the most time without a C2S_KEEPALIVE
 * @param turn                  the length of a turn: actions run and perceptions go out once per turn
 * @param maxActionsPerTurn     a player's actions beyond this many in one turn are dropped
 * @param proxyCredentials      the secret a trusted proxy's P2S messages must carry; empty ignores them all
 * @param bannedAddresses       client addresses answered S2C_CONNECT_NACK and closed at once
 * @param creation              whether and how fast accounts and characters may be made
 * @param connections           open connections one address may hold
 */
public record MarauroaConfig(boolean enabled, HostPort bind, WebSocketBind websocket, boolean websocketPasswords, String keyFile, int keyBits, String gameClass, String gameName, String gameVersion,
                             List<String> serverInfo, int maxPlayers, int maxMessageBytes, int maxOutboundBytes, Duration failedLoginWindow,
                             int failedLoginsPerAccount, int failedLoginsPerAddress, Duration keepAliveTimeout,
                             Duration preLoginTimeout, Duration preGameTimeout, Duration turn, int maxActionsPerTurn, String proxyCredentials, List<String> bannedAddresses,
                             CreationRules creation, ConnectionLimit connections) implements FrontConfig {

    public MarauroaConfig {
        serverInfo = List.copyOf(serverInfo);
        bannedAddresses = List.copyOf(bannedAddresses);
    }

    @Override
    public String name() {
        return MarauroaModule.NAME;
    }

    /** The game class loads and makes a game. */
    @Override
    public List<String> check() {
        try {
            newGame();
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of("marauroa.game_class: " + e.getMessage());
        }
    }

    @Override
    public Front start(CoreServices core) throws InterruptedException {
        return MarauroaFront.start(this, core);
    }

    /** The failed-login limits, for the core's throttle. */
    public LoginLimits loginLimits() {
        return new LoginLimits(failedLoginsPerAddress, failedLoginsPerAccount, failedLoginWindow);
    }

    /** Makes the configured game; a clear IllegalArgumentException when the class cannot serve. */
    public MarauroaGame newGame() {
        try {
            Object game = Class.forName(gameClass).getConstructor().newInstance();
            if (game instanceof MarauroaGame g) {
                return g;
            }
            throw new IllegalArgumentException(gameClass + " is not a MarauroaGame");
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot make the game " + gameClass + ": " + e, e);
        }
    }

    public static MarauroaConfig defaults() {
        return new MarauroaConfig(true, new HostPort("0.0.0.0", 32160), WebSocketBind.OFF, false, "marauroa-rsa.key", 1024,
                "io.gatehouse.marauroa.example.WalkAndChat", "", "",
                List.of("Gatehouse", "marauroa front"), 128, 256 * 1024 + 64, 16 * 1024 * 1024, Duration.ofMinutes(10), 10, 30,
                Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMillis(300), 32, "", List.of(),
                CreationRules.defaults(), new ConnectionLimit(ConnectionLimit.DEFAULT_PER_ADDRESS, AddressSet.NONE));
    }
}
