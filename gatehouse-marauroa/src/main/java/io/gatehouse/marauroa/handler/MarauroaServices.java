package io.gatehouse.marauroa.handler;

import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.account.CharacterStore;
import io.gatehouse.core.account.TokenService;
import io.gatehouse.core.account.CreationLog;
import io.gatehouse.core.limits.LoginThrottle;
import io.gatehouse.core.metrics.ClientFaults;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.session.Handovers;
import io.gatehouse.core.session.SessionDirectory;
import io.gatehouse.core.time.Scheduler;
import io.gatehouse.marauroa.MarauroaConfig;
import io.gatehouse.marauroa.crypto.RsaKey;
import io.gatehouse.marauroa.game.MarauroaGame;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * What every marauroa connection shares: the config, the server's RSA key, the game, the
 * core's accounts, characters, creation log (called on {@code blocking}, never on an event loop) and sessions,
 * the core's throttle of failed logins, the clock, the front's meters, the client ids and the count of
 * players logged in.
 */
public final class MarauroaServices implements AutoCloseable {

    private final MarauroaConfig config;
    private final RsaKey key;
    private final AccountService accounts;
    private final TokenService tokens;
    private final CharacterStore characters;
    private final CreationLog creations;
    private final SessionDirectory sessions;
    private final Handovers handovers;
    private final LoginThrottle logins;
    private final MarauroaGame game;
    private final Executor blocking;
    private final Scheduler clock;
    private final FrontMetrics metrics;
    private final ClientFaults faults;
    private final GameLoop loop;
    private final AtomicInteger nextClientId = new AtomicInteger(1);
    private final AtomicInteger players = new AtomicInteger();
    private final Departures departures = new Departures();

    public MarauroaServices(MarauroaConfig config, RsaKey key, MarauroaGame game, AccountService accounts, TokenService tokens,
                            CharacterStore characters, CreationLog creations, SessionDirectory sessions, Handovers handovers,
                            LoginThrottle logins, Executor blocking, Scheduler clock, FrontMetrics metrics) {
        this.handovers = handovers;
        this.creations = creations;
        this.sessions = sessions;
        this.logins = logins;
        this.config = config;
        this.key = key;
        this.game = game;
        this.accounts = accounts;
        this.tokens = tokens;
        this.characters = characters;
        this.blocking = blocking;
        this.clock = clock;
        this.metrics = metrics;
        this.faults = metrics.clientFaults(LoggerFactory.getLogger(MarauroaConnection.class), clock::nowMillis);
        this.loop = new GameLoop(game, clock, config.turn(), config.maxActionsPerTurn()).start();
    }

    /** The turn loop, which owns the world and every call of the game. */
    public GameLoop loop() {
        return loop;
    }

    @Override
    public void close() {
        loop.close();
    }

    /** Players leaving the game whose character is being stored. */
    public Departures departures() {
        return departures;
    }

    /** What clients do wrong, counted and logged at a bounded rate. */
    public ClientFaults faults() {
        return faults;
    }

    public FrontMetrics metrics() {
        return metrics;
    }

    public MarauroaConfig config() {
        return config;
    }

    public RsaKey key() {
        return key;
    }

    public MarauroaGame game() {
        return game;
    }

    public CharacterStore characters() {
        return characters;
    }

    /** The accounts and characters made, by address. */
    public CreationLog creations() {
        return creations;
    }

    /** Failed logins per address and per account from one address. */
    public LoginThrottle logins() {
        return logins;
    }

    public AccountService accounts() {
        return accounts;
    }

    /** The single-use tokens of the HTTP API, with which browsers sign in. */
    public TokenService tokens() {
        return tokens;
    }

    /** The core's registry, where every logged-in player is a session. */
    public SessionDirectory sessions() {
        return sessions;
    }

    /** How a login here takes over a character in the game on another node of the cluster. */
    public Handovers handovers() {
        return handovers;
    }

    public Executor blocking() {
        return blocking;
    }

    public Scheduler clock() {
        return clock;
    }

    int newClientId() {
        return nextClientId.getAndIncrement();
    }

    /** Takes a player place; false (and nothing taken) when the server is full. */
    boolean takePlace() {
        while (true) {
            int now = players.get();
            if (now >= config.maxPlayers()) {
                return false;
            }
            if (players.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void releasePlace() {
        players.decrementAndGet();
    }

    /** Players holding a place (a login under way or done). */
    public int players() {
        return players.get();
    }
}
