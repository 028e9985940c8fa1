package io.gatehouse.core.account;

import io.gatehouse.core.session.Secrets;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.time.Scheduler;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * Per-account API keys. The secret is an HMAC key the server must read back to check a
 * signature, so unlike passwords and tokens it is stored as issued; protect the database.
 */
public final class ApiKeyService {

    private final Database db;
    private final AccountService accounts;
    private final Scheduler clock;

    public ApiKeyService(Database db, AccountService accounts, Scheduler clock) {
        this.db = db;
        this.accounts = accounts;
        this.clock = clock;
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
                ps.setString(3, key.appSecret());
                ps.setLong(4, clock.nowMillis());
                return ps.executeUpdate();
            }
        });
        return key;
    }

    /** The owner and secret of an app key, if it exists. */
    public Optional<ApiKeyOwner> find(String appKey) {
        if (appKey == null || appKey.isEmpty() || appKey.length() > 64) {
            return Optional.empty();
        }
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + AccountService.accountColumns("a")
                    + ", k.app_secret FROM api_keys k JOIN accounts a ON a.id = k.account_id WHERE k.app_key = ?")) {
                ps.setString(1, appKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new ApiKeyOwner(AccountService.read(rs), rs.getString(7))) : Optional.empty();
                }
            }
        });
    }
}
