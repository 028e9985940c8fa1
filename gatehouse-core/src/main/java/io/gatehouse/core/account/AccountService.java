package io.gatehouse.core.account;

import io.gatehouse.core.store.Counts;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.store.StoreException;
import io.gatehouse.core.time.Scheduler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Accounts, their passwords, bans and login history. Every method blocks on the store;
 * fronts call it from a worker, never from an event loop.
 */
public final class AccountService {

    /** Letters, digits, {@code _ . -}; 1 to 64 characters. */
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    public static final int MAX_PASSWORD_CHARS = 1024;

    private static final String COLUMNS = "id, username, status, ban_reason, banned_until, created_at";

    private final Database db;
    private final PasswordHasher hasher;
    private final Scheduler clock;
    /** Hash of a random password, checked when the user is unknown so that timing tells nothing. */
    private final String decoyHash;

    public AccountService(Database db, PasswordHasher hasher, Scheduler clock) {
        this.db = db;
        this.hasher = hasher;
        this.clock = clock;
        this.decoyHash = hasher.hash("decoy-password-never-matches".toCharArray());
    }

    /**
     * Creates an active account; committed when it returns.
     *
     * @throws IllegalArgumentException for a name or password outside the rules
     * @throws AccountExistsException when the name is taken
     */
    public Account create(String username, char[] password) {
        validateUsername(username);
        if (password.length == 0 || password.length > MAX_PASSWORD_CHARS) {
            throw new IllegalArgumentException("password of " + password.length + " characters (expected 1 to " + MAX_PASSWORD_CHARS + ")");
        }
        String hash = hasher.hash(password);
        long now = clock.nowMillis();
        try {
            long id = db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO accounts (username, password_hash, status, created_at) VALUES (?, ?, ?, ?)",
                        new String[] {"id"})) {
                    ps.setString(1, username);
                    ps.setString(2, hash);
                    ps.setString(3, AccountStatus.ACTIVE.name());
                    ps.setLong(4, now);
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        return keys.getLong(1);
                    }
                }
            });
            return new Account(id, username, AccountStatus.ACTIVE, null, null, now);
        } catch (StoreException e) {
            if (e.isUniqueViolation()) {
                throw new AccountExistsException(username);
            }
            throw e;
        }
    }

    public Optional<Account> find(String username) {
        return db.inTransaction(c -> findBy(c, "username = ?", ps -> ps.setString(1, username)));
    }

    public Optional<Account> find(long id) {
        return db.inTransaction(c -> findBy(c, "id = ?", ps -> ps.setLong(1, id)));
    }

    /**
     * Checks a password and records the attempt as a login event, in one transaction.
     * Unknown users cost the same hash as known ones.
     */
    public LoginOutcome login(String username, char[] password, String address, String front) {
        Optional<StoredAccount> stored = db.inTransaction(c -> findStored(c, username));
        LoginOutcome outcome;
        if (stored.isEmpty()) {
            hasher.verify(password, decoyHash);
            outcome = new LoginOutcome(LoginResult.UNKNOWN_USER, null);
        } else {
            Account account = stored.get().account();
            boolean match = hasher.verify(password, stored.get().passwordHash());
            if (!match) {
                outcome = new LoginOutcome(LoginResult.BAD_PASSWORD, account);
            } else if (account.isBlocked(clock.nowMillis())) {
                outcome = new LoginOutcome(account.blockedResult(), account);
            } else {
                outcome = new LoginOutcome(LoginResult.SUCCESS, account);
            }
        }
        recordLogin(outcome.account() == null ? null : outcome.account().id(), username, address, front, outcome.result());
        return outcome;
    }

    /** Replaces an account's password. */
    public void changePassword(String username, char[] newPassword) {
        String hash = hasher.hash(newPassword);
        int n = db.inTransaction(c -> update(c, "UPDATE accounts SET password_hash = ? WHERE username = ?", hash, username));
        if (n == 0) {
            throw new NoSuchAccountException(username);
        }
    }

    /** Bans an account until {@code untilMillis}, or for good when it is null. */
    public void ban(String username, String reason, Long untilMillis) {
        int n = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE accounts SET status = ?, ban_reason = ?, banned_until = ? WHERE username = ?")) {
                ps.setString(1, AccountStatus.BANNED.name());
                ps.setString(2, reason);
                if (untilMillis == null) {
                    ps.setNull(3, Types.BIGINT);
                } else {
                    ps.setLong(3, untilMillis);
                }
                ps.setString(4, username);
                return ps.executeUpdate();
            }
        });
        if (n == 0) {
            throw new NoSuchAccountException(username);
        }
    }

    /** Lifts a ban or a disable. */
    public void reinstate(String username) {
        int n = db.inTransaction(c -> update(c,
                "UPDATE accounts SET status = 'ACTIVE', ban_reason = NULL, banned_until = NULL WHERE username = ?", username));
        if (n == 0) {
            throw new NoSuchAccountException(username);
        }
    }

    /** Records one login attempt; {@code accountId} is null when no account was identified. */
    public void recordLogin(Long accountId, String username, String address, String front, LoginResult result) {
        db.inTransaction(c -> {
            recordLogin(c, accountId, username, address, front, result);
            return null;
        });
    }

    /** {@link #recordLogin(Long, String, String, String, LoginResult)} inside the caller's open transaction. */
    public void recordLogin(Connection c, Long accountId, String username, String address, String front, LoginResult result)
            throws SQLException {
        long now = clock.nowMillis();
        {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO login_events (account_id, username, occurred_at, address, front, result) VALUES (?, ?, ?, ?, ?, ?)")) {
                if (accountId == null) {
                    ps.setNull(1, Types.BIGINT);
                } else {
                    ps.setLong(1, accountId);
                }
                ps.setString(2, truncate(username, 64));
                ps.setLong(3, now);
                ps.setString(4, truncate(address, 128));
                ps.setString(5, front);
                ps.setString(6, result.name());
                ps.executeUpdate();
            }
        }
        if (result != LoginResult.SUCCESS) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO login_failures (username, address, front, occurred_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, truncate(username, 64));
                ps.setString(2, truncate(address, 128));
                ps.setString(3, front);
                ps.setLong(4, now);
                ps.executeUpdate();
            }
        }
    }

    /** Failed login attempts since a moment: those naming a username, and those from an address on a front. */
    public record FailedLogins(int forUsername, int fromAddress) {
    }

    /**
     * Counts the failed attempts (any result but success) recorded since {@code sinceMillis}
     * for {@code username} on any front, and from {@code address} on {@code front}.
     */
    public FailedLogins failedLoginsSince(String username, String address, String front, long sinceMillis) {
        return db.inTransaction(c -> new FailedLogins(
                Counts.count(c, "SELECT count(*) FROM login_failures WHERE username = ? AND occurred_at > ?",
                        truncate(username, 64), sinceMillis),
                Counts.count(c, "SELECT count(*) FROM login_failures WHERE address = ? AND occurred_at > ? AND front = ?",
                        truncate(address, 128), sinceMillis, front)));
    }

    /** The account's most recent login events, newest first. */
    public List<LoginEvent> loginHistory(long accountId, int limit) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT account_id, username, occurred_at, address, front, result FROM login_events"
                            + " WHERE account_id = ? ORDER BY occurred_at DESC, id DESC")) {
                ps.setLong(1, accountId);
                ps.setMaxRows(limit);
                List<LoginEvent> events = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(new LoginEvent(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                                rs.getString(5), LoginResult.valueOf(rs.getString(6))));
                    }
                }
                return events;
            }
        });
    }

    static void validateUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username '" + username + "' (expected 1 to 64 of A-Z a-z 0-9 _ . -)");
        }
    }

    private record StoredAccount(Account account, String passwordHash) {
    }

    private Optional<StoredAccount> findStored(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", password_hash FROM accounts WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredAccount(read(rs), rs.getString(7))) : Optional.empty();
            }
        }
    }

    private Optional<Account> findBy(Connection c, String where, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM accounts WHERE " + where)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Reads an account from columns 1 to 6 of the current row, as {@link #accountColumns} selects them. */
    public static Account read(ResultSet rs) throws SQLException {
        long until = rs.getLong(5);
        Long bannedUntil = rs.wasNull() ? null : until;
        return new Account(rs.getLong(1), rs.getString(2), AccountStatus.valueOf(rs.getString(3)), rs.getString(4),
                bannedUntil, rs.getLong(6));
    }

    /** The six account columns, qualified by a table alias, in the order {@link #read} expects. */
    public static String accountColumns(String alias) {
        return alias + ".id, " + alias + ".username, " + alias + ".status, " + alias + ".ban_reason, "
                + alias + ".banned_until, " + alias + ".created_at";
    }

    private static int update(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }
}
