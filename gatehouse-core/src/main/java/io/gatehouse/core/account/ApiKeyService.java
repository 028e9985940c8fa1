package io.gatehouse.core.account;

import io.gatehouse.core.session.Secrets;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.time.Scheduler;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-account API keys. The secret is an HMAC key the server must read back to check a
 * signature, so unlike passwords and tokens it cannot be stored as a hash: it is stored
 * sealed by a {@link SecretSealer} whose key lives outside the database.
 */
public final class ApiKeyService {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyService.class);

    private record ClearSecret(String appKey, String secret) {
    }

    private final Database db;
    private final AccountService accounts;
    private final Scheduler clock;
    private final SecretSealer sealer;

    public ApiKeyService(Database db, AccountService accounts, Scheduler clock, SecretSealer sealer) {
        this.db = db;
        this.accounts = accounts;
        this.clock = clock;
        this.sealer = sealer;
    }

    /** Creates a key pair for the account; committed when it returns. */
    public ApiKey create(String username) {
        Account account = accounts.find(username).orElseThrow(() -> new NoSuchAccountException(username));
        ApiKey key = new ApiKey(Secrets.randomHex(16), Secrets.randomHex(32));
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO api_keys (app_key, account_id, app_secret, created_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, key.appKey());
                ps.setLong(2, account.id());
                ps.setString(3, sealer.seal(key.appKey(), key.appSecret()));
                ps.setLong(4, clock.nowMillis());
                return ps.executeUpdate();
            }
        });
        return key;
    }

    /**
     * The owner and secret of an app key; empty when there is no such key, or when its secret
     * does not open with this server's sealing key (logged: the key was sealed under another).
     */
    public Optional<ApiKeyOwner> find(String appKey) {
        if (appKey == null || appKey.isEmpty() || appKey.length() > 64) {
            return Optional.empty();
        }
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + AccountService.accountColumns("a")
                    + ", k.app_secret FROM api_keys k JOIN accounts a ON a.id = k.account_id WHERE k.app_key = ?")) {
                ps.setString(1, appKey);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<ApiKeyOwner>empty();
                    }
                    Account owner = AccountService.read(rs);
                    Optional<String> secret = sealer.open(appKey, rs.getString(7));
                    if (secret.isEmpty()) {
                        log.error("the secret of app key {} does not open with this server's sealing key; issue the account a new key",
                                appKey);
                    }
                    return secret.map(s -> new ApiKeyOwner(owner, s));
                }
            }
        });
    }

    /**
     * Seals the secrets stored in the clear before sealing existed; run once at start.
     * Returns how many it sealed.
     */
    public int sealStoredSecrets() {
        return db.inTransaction(c -> {
            List<ClearSecret> clear = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT app_key, app_secret FROM api_keys WHERE app_secret NOT LIKE ?")) {
                ps.setString(1, SecretSealer.PREFIX + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        clear.add(new ClearSecret(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_keys SET app_secret = ? WHERE app_key = ?")) {
                for (ClearSecret row : clear) {
                    ps.setString(1, sealer.seal(row.appKey(), row.secret()));
                    ps.setString(2, row.appKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return clear.size();
        });
    }
}
