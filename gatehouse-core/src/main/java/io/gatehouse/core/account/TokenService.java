package io.gatehouse.core.account;

import io.gatehouse.core.session.Secrets;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.time.Scheduler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Short-lived single-use auth tokens (the control front's one-time passwords). Consuming
 * is one conditional UPDATE, so a token is used at most once even across several nodes
 * sharing a database.
 *
 * <p>A node alone also keeps the tokens it issued in memory ({@link #claimLive}), so that a
 * login journal can spend them without reading the store. A spend through the store forgets the
 * token in memory first, and refuses a token spent in memory whose spend the store does not
 * have yet, so the two ways of spending never spend one token twice.
 */
public final class TokenService {

    /**
     * Tokens kept in memory at most (about 200 bytes each), spent or not until they expire; past
     * that a token is known to the store only, and its login spends it there.
     */
    public static final int MAX_LIVE = 250_000;
    private static final int TOKEN_BYTES = 24;

    private final Database db;
    private final AccountService accounts;
    private final Scheduler clock;
    private final LiveTokens live = new LiveTokens(MAX_LIVE);

    public TokenService(Database db, AccountService accounts, Scheduler clock) {
        this.db = db;
        this.accounts = accounts;
        this.clock = clock;
        accounts.whenChanged(live::accountsChanged);
    }

    /**
     * Issues a token for the named account; committed when it returns.
     *
     * @throws NoSuchAccountException when there is no such account
     */
    public IssuedToken issue(String username, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("token ttl " + ttl.toSeconds() + " s (must be positive)");
        }
        long generation = live.generation();
        Account account = accounts.find(username).orElseThrow(() -> new NoSuchAccountException(username));
        String token = Secrets.random(TOKEN_BYTES);
        long now = clock.nowMillis();
        long expires = now + ttl.toMillis();
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO auth_tokens (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, Secrets.hash(token));
                ps.setLong(2, account.id());
                ps.setLong(3, now);
                ps.setLong(4, expires);
                return ps.executeUpdate();
            }
        });
        live.add(Secrets.hash(token), account, expires, generation, now);
        return new IssuedToken(token, expires);
    }

    /** What {@link #claimLive} found: see its cases. */
    public sealed interface LiveClaim {
        /**
         * The token was live and is spent in memory now, where it stays until it expires; journal
         * {@code hash} as spent (live until {@code expiresAtMillis}), and the login has {@code account}.
         */
        record Claimed(String hash, Account account, long expiresAtMillis) implements LiveClaim {
        }

        /** Spent or expired: a bad token, and nothing to write. */
        record Refused() implements LiveClaim {
        }

        /** Ask the store ({@link #consume(Connection, String)}): the token is not known in memory, or its account may have changed. */
        record AskTheStore() implements LiveClaim {
        }
    }

    /**
     * Spends a token in memory when this node knows it to be live, without touching the store:
     * the caller makes the spend durable (a login journal) before it answers, and gives the
     * token back with {@link #unclaim} when it refuses the login before writing anything.
     */
    public LiveClaim claimLive(String token) {
        if (token == null || token.isEmpty() || token.length() > 512) {
            return new LiveClaim.Refused();
        }
        LiveTokens.Claim c = live.claim(Secrets.hash(token), clock.nowMillis());
        if (c instanceof LiveTokens.Claim.Claimed claimed) {
            return new LiveClaim.Claimed(claimed.hash(), claimed.account(), claimed.expiresAtMillis());
        }
        return c instanceof LiveTokens.Claim.Refused ? new LiveClaim.Refused() : new LiveClaim.AskTheStore();
    }

    /** Makes a token claimed with {@link #claimLive} live again (nothing was written for it). */
    public void unclaim(LiveClaim.Claimed claimed) {
        live.unclaim(claimed.hash());
    }

    /** The spend of the token with this hash is in the store now: memory need not remember it. */
    public void spendApplied(String tokenHash) {
        live.applied(tokenHash);
    }

    /** Learns the live tokens in the store (at start, after the login journal is applied); how many. */
    public int loadLive() {
        long generation = live.generation();
        long now = clock.nowMillis();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + AccountService.accountColumns("a")
                    + ", t.token_hash, t.expires_at FROM auth_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.used_at IS NULL AND t.expires_at > ?")) {
                ps.setLong(1, now);
                ps.setMaxRows(MAX_LIVE);
                int n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (live.add(rs.getString(7), AccountService.read(rs), rs.getLong(8), generation, now)) {
                            n++;
                        }
                    }
                }
                return n;
            }
        });
    }

    /** Tokens kept in memory now, spent or not. */
    public int liveInMemory() {
        return live.size();
    }

    /**
     * Uses up a token. Returns its account when the token exists, is unexpired and unused;
     * afterwards the token is spent whatever the caller does next.
     */
    public Optional<Account> consume(String token) {
        return db.inTransaction(c -> consume(c, token));
    }

    /**
     * {@link #consume(String)} inside the caller's open transaction, so that using a token
     * and what it buys (a session, a login event) commit together.
     */
    public Optional<Account> consume(Connection c, String token) throws SQLException {
        if (token == null || token.isEmpty() || token.length() > 512) {
            return Optional.empty();
        }
        String hash = Secrets.hash(token);
        // forgotten in memory first: a claim made while this transaction commits asks the store, which has it spent
        if (!live.handToStore(hash)) {
            return Optional.empty();
        }
        // read after: a spent token memory forgot as expired is expired by this time too
        long now = clock.nowMillis();
        {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE auth_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")) {
                ps.setLong(1, now);
                ps.setString(2, hash);
                ps.setLong(3, now);
                if (ps.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT " + AccountService.accountColumns("a")
                    + " FROM auth_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = ?")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(AccountService.read(rs)) : Optional.empty();
                }
            }
        }
    }

    /**
     * A login with a token in one store transaction, for a front whose login writes nothing
     * else: the token is spent; when it was live and is {@code username}'s account's, the same
     * transaction reads the account's latest login event and (for an account that may log in)
     * what {@code alsoRead} reads, and records the attempt as {@link AccountService#recordLogin}
     * does — a success written in it, so that it commits with the spent token; a ban or
     * disable queued. Empty when the token was not live or named another account (spent all
     * the same, and nothing recorded: the caller decides what the attempt was).
     */
    public <T> Optional<CheckedLogin<T>> login(String token, String username, String address, String front,
                                               AccountService.AccountRead<T> alsoRead) {
        Optional<LoginEvent> waiting = accounts.waitingLogin(username);
        return db.inTransaction(c -> {
            Optional<Account> spent = consume(c, token);
            if (spent.isEmpty() || !spent.get().username().equals(username)) {
                return Optional.empty();
            }
            Account a = spent.get();
            LoginResult result = a.isBlocked(clock.nowMillis()) ? a.blockedResult() : LoginResult.SUCCESS;
            Optional<LoginEvent> previous = accounts.previousLogin(c, a, waiting);
            T read = result == LoginResult.SUCCESS ? alsoRead.read(c, a) : null;
            accounts.recordLogin(c, a.id(), username, address, front, result);
            return Optional.of(new CheckedLogin<>(new LoginOutcome(result, a), previous, read));
        });
    }

    /** Deletes tokens that expired before now; returns how many. */
    public int purgeExpired() {
        long now = clock.nowMillis();
        live.purge(now);
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM auth_tokens WHERE expires_at <= ?")) {
                ps.setLong(1, now);
                return ps.executeUpdate();
            }
        });
    }
}
