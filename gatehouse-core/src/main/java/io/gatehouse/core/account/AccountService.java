package io.gatehouse.core.account;

import io.gatehouse.core.store.Database;
import io.gatehouse.core.store.PendingWrites;
import io.gatehouse.core.store.StoreException;
import io.gatehouse.core.time.Scheduler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts, their passwords, bans and login history. Every method blocks on the store;
 * fronts call it from a worker, never from an event loop.
 */
public final class AccountService {

    /** Letters, digits, {@code _ . -}; 1 to 64 characters. */
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    public static final int MAX_PASSWORD_CHARS = 1024;

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);
    private static final String COLUMNS = "id, username, status, ban_reason, banned_until, created_at";
    private static final String INSERT_EVENT =
            "INSERT INTO login_events (account_id, username, occurred_at, address, front, result) VALUES (?, ?, ?, ?, ?, ?)";
    /** How long a queued login event waits in memory, at most, before it is written with those that came after it. */
    public static final Duration FLUSH_AFTER = Duration.ofSeconds(1);
    /** Queued login events written in one transaction at most. */
    static final int FLUSH_BATCH = 500;
    /** Login events waiting to be written at most; more are dropped. */
    static final int MAX_QUEUED_EVENTS = 10_000;

    private final Database db;
    private final PasswordHasher hasher;
    private final Scheduler clock;
    private final Executor flushes;
    /** Hash of a random password, checked when the user is unknown so that timing tells nothing. */
    private final String decoyHash;
    private final PendingLoginEvents pending = new PendingLoginEvents(MAX_QUEUED_EVENTS);
    /** Told after an account's status changed (a ban, a reinstatement) has committed. */
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    /** Login events acknowledged and not yet in the store (a login journal's), awaited before the history is read. */
    private volatile PendingWrites unwritten = PendingWrites.NONE;
    /** An account's login events, newest first: login_events_newest_first walked backwards (named to H2's planner). */
    private final String selectEvents;
    /** The newest of them. */
    final String selectLatestEvent;

    /**
     * Accounts whose queued login events are written on {@code flushes} (a worker: it blocks on
     * the store), {@link #FLUSH_AFTER} after the first of them.
     */
    public AccountService(Database db, PasswordHasher hasher, Scheduler clock, Executor flushes) {
        this.db = db;
        this.hasher = hasher;
        this.clock = clock;
        this.flushes = flushes;
        this.decoyHash = hasher.hash("decoy-password-never-matches".toCharArray());
        this.selectEvents = "SELECT account_id, username, occurred_at, address, front, result FROM login_events"
                + (db.isH2() ? " USE INDEX (login_events_newest_first)" : "")
                + " WHERE account_id = ? ORDER BY account_id DESC, occurred_at DESC, id DESC";
        this.selectLatestEvent = selectEvents + " FETCH FIRST 1 ROWS ONLY";
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
     * Accounts whose name contains {@code text}, ignoring case (every account for empty text),
     * ordered by name, at most {@code limit}: what an operator looks for.
     */
    public List<Account> search(String text, int limit) {
        String pattern = "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM accounts WHERE LOWER(username) LIKE ? ESCAPE '\\' ORDER BY LOWER(username), username")) {
                ps.setString(1, pattern);
                ps.setMaxRows(limit);
                List<Account> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(read(rs));
                    }
                }
                return found;
            }
        });
    }

    /**
     * A login that costs one store transaction, for a front whose login commits nothing else
     * (it opens no stored session and spends no token). That transaction reads the account with
     * its password hash and status, its latest stored login event, and what {@code alsoRead}
     * reads for the account (a front's characters, say; it runs before the password is known,
     * and only for a known name). The password is checked after the transaction has ended, so
     * no connection is held while hashing; unknown users cost the same hash as known ones.
     *
     * <p>The attempt is recorded as by {@link #recordLogin}, except that a success too joins the
     * next batch of the login history ({@link #flushLoginEvents}, within {@link #FLUSH_AFTER})
     * instead of being written before this returns: nothing a later login is decided on waits
     * for it (the ban is read here, the throttle of failed logins is in memory), and until it is
     * written the account's next login finds it in memory as its previous one. It is lost if the
     * process dies before that batch; a stop writes it.
     */
    public <T> CheckedLogin<T> loginInOneRead(String username, char[] password, String address, String front, AccountRead<T> alsoRead) {
        Optional<LoginEvent> waiting = waitingLogin(username);
        Read<T> read = db.inTransaction(c -> {
            Optional<StoredAccount> stored = findStored(c, username);
            if (stored.isEmpty()) {
                return new Read<T>(null, Optional.empty(), null);
            }
            Account account = stored.get().account();
            return new Read<>(stored.get(), previousLogin(c, account, waiting), alsoRead.read(c, account));
        });
        if (read.stored() == null) {
            hasher.verify(password, decoyHash);
            return new CheckedLogin<>(new LoginOutcome(LoginResult.UNKNOWN_USER, null), Optional.empty(), null);
        }
        Account account = read.stored().account();
        LoginResult result;
        if (!hasher.verify(password, read.stored().passwordHash())) {
            result = LoginResult.BAD_PASSWORD;
        } else if (account.isBlocked(clock.nowMillis())) {
            result = account.blockedResult();
        } else {
            result = LoginResult.SUCCESS;
        }
        queue(new LoginEvent(account.id(), username, clock.nowMillis(), address, front, result));
        return new CheckedLogin<>(new LoginOutcome(result, account), read.previous(), read.alsoRead());
    }

    /**
     * The newest waiting login event of {@code username}: look it up before the transaction in
     * which {@link #previousLogin} reads the stored one, so that an event whose batch commits
     * in between is found in one place or the other.
     */
    Optional<LoginEvent> waitingLogin(String username) {
        return pending.latest(username);
    }

    /** The account's latest login event, of those stored (read in {@code c}) and {@code waiting} (from {@link #waitingLogin}). */
    Optional<LoginEvent> previousLogin(Connection c, Account account, Optional<LoginEvent> waiting) throws SQLException {
        Optional<LoginEvent> stored = events(c, selectLatestEvent, account.id(), 1).stream().findFirst();
        return newer(waiting.filter(e -> e.accountId() == account.id()), stored);
    }

    /** The later of a waiting event and a stored one; the waiting one on a tie, as it is written after. */
    private static Optional<LoginEvent> newer(Optional<LoginEvent> waiting, Optional<LoginEvent> stored) {
        if (waiting.isEmpty()) {
            return stored;
        }
        if (stored.isEmpty()) {
            return waiting;
        }
        return stored.get().atMillis() > waiting.get().atMillis() ? stored : waiting;
    }

    /** What a front reads for a known account inside {@link #loginInOneRead}'s transaction. */
    @FunctionalInterface
    public interface AccountRead<T> {
        T read(Connection c, Account account) throws SQLException;
    }

    /** What {@link #loginInOneRead}'s transaction found: nothing for an unknown name. */
    private record Read<T>(StoredAccount stored, Optional<LoginEvent> previous, T alsoRead) {
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
        changed();
    }

    /** Lifts a ban or a disable. */
    public void reinstate(String username) {
        int n = db.inTransaction(c -> update(c,
                "UPDATE accounts SET status = 'ACTIVE', ban_reason = NULL, banned_until = NULL WHERE username = ?", username));
        if (n == 0) {
            throw new NoSuchAccountException(username);
        }
        changed();
    }

    /** Runs {@code listener} after every committed change of an account's status (for what keeps accounts in memory). */
    public void whenChanged(Runnable listener) {
        changeListeners.add(listener);
    }

    /** Login events that are acknowledged before they are in the store: the history waits for them before it is read. */
    public void readsAfter(PendingWrites pendingEvents) {
        this.unwritten = pendingEvents;
    }

    private void changed() {
        changeListeners.forEach(Runnable::run);
    }

    /**
     * Records one login attempt; {@code accountId} is null when no account was identified. A
     * success is written at once, together with the failures waiting to be written. A failure
     * of a known account joins its login history in the next batch ({@link #flushLoginEvents}),
     * so that failed attempts cost no write each; a failure that names no account is in no
     * account's history and is not stored (fronts count it in their meters).
     */
    public void recordLogin(Long accountId, String username, String address, String front, LoginResult result) {
        if (result == LoginResult.SUCCESS) {
            db.inTransaction(c -> {
                recordLogin(c, accountId, username, address, front, result);
                return null;
            });
        } else {
            recordFailure(accountId, username, address, front, result);
        }
    }

    /**
     * {@link #recordLogin(Long, String, String, String, LoginResult)} with a success written
     * inside the caller's open transaction, so that it commits with what the login bought (a
     * session, a spent token); the failures waiting (up to {@value #FLUSH_BATCH}) are written
     * in it first, so that the history keeps the order of the attempts. They are lost if that
     * transaction does not commit, and a login's look for its previous one (in
     * {@link #loginInOneRead}) misses them until it has. A failure is queued, never written in {@code c}.
     */
    public void recordLogin(Connection c, Long accountId, String username, String address, String front, LoginResult result)
            throws SQLException {
        if (result != LoginResult.SUCCESS) {
            recordFailure(accountId, username, address, front, result);
            return;
        }
        List<LoginEvent> waiting = pending.take(FLUSH_BATCH);
        pending.settled(waiting);
        List<LoginEvent> events = new ArrayList<>(waiting);
        events.add(new LoginEvent(accountId, username, clock.nowMillis(), address, front, result));
        insertEvents(c, events);
    }

    private void recordFailure(Long accountId, String username, String address, String front, LoginResult result) {
        if (accountId != null) {
            queue(new LoginEvent(accountId, username, clock.nowMillis(), address, front, result));
        }
    }

    /** Queues an event of a known account for the next batch, arranging that batch when the queue was empty. */
    private void queue(LoginEvent event) {
        if (pending.add(event)) {
            clock.schedule(FLUSH_AFTER, () -> {
                try {
                    flushes.execute(this::flushLoginEvents);
                } catch (RejectedExecutionException stopping) {
                    // the server is stopping; it flushes what waits as its last step before the store
                }
            });
        }
    }

    /**
     * Writes the queued login events, {@value #FLUSH_BATCH} to a transaction: {@link #FLUSH_AFTER}
     * after the first of them, and when the server stops; reading a login history calls it
     * first, and a success written at once takes some along. Events whose
     * write fails are dropped (and counted in {@link #droppedLoginEvents}).
     */
    public void flushLoginEvents() {
        for (List<LoginEvent> batch; !(batch = pending.take(FLUSH_BATCH)).isEmpty(); ) {
            List<LoginEvent> events = batch;
            try {
                db.inTransaction(c -> {
                    insertEvents(c, events);
                    return null;
                });
            } catch (StoreException e) {
                pending.lost(events.size());
                log.warn("writing {} login events failed; they are dropped", events.size(), e);
            } finally {
                pending.settled(events);
            }
        }
    }

    /** Login events of known accounts waiting for {@link #flushLoginEvents}: failures, and successes of {@link #loginInOneRead}. */
    public int queuedLoginEvents() {
        return pending.size();
    }

    /** Login events never written: the queue was full ({@value #MAX_QUEUED_EVENTS} events), or their write failed. */
    public long droppedLoginEvents() {
        return pending.dropped();
    }

    /** Inserts the events into the login history in the caller's transaction, as one batch. */
    public static void insertEvents(Connection c, List<LoginEvent> events) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT)) {
            for (LoginEvent e : events) {
                bindEvent(ps, e);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void bindEvent(PreparedStatement ps, LoginEvent e) throws SQLException {
        if (e.accountId() == null) {
            ps.setNull(1, Types.BIGINT);
        } else {
            ps.setLong(1, e.accountId());
        }
        ps.setString(2, truncate(e.username(), 64));
        ps.setLong(3, e.atMillis());
        ps.setString(4, truncate(e.address(), 128));
        ps.setString(5, e.front());
        ps.setString(6, e.result().name());
    }

    /** The account's most recent login events, newest first (queued failures written first). */
    public List<LoginEvent> loginHistory(long accountId, int limit) {
        flushLoginEvents();
        unwritten.awaitApplied();
        return db.inTransaction(c -> events(c, selectEvents, accountId, limit));
    }

    /** Up to {@code limit} of an account's events as {@code sql} ({@link #selectEvents} or {@link #selectLatestEvent}) selects them. */
    private static List<LoginEvent> events(Connection c, String sql, long accountId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
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
