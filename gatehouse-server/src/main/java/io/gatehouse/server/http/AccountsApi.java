package io.gatehouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.core.account.Account;
import io.gatehouse.core.account.ApiKey;
import io.gatehouse.core.account.LoginEvent;
import io.gatehouse.core.account.NoSuchAccountException;
import io.gatehouse.core.front.CoreServices;
import io.gatehouse.core.session.AccountClosures;
import io.gatehouse.core.session.CloseReason;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The admin calls on accounts: create, find and search, API keys, ban and unban (closing the
 * account's live sessions on every node), and the login history.
 */
final class AccountsApi implements ApiRoutes {

    /** The longest ban with an end: ten years; longer is a ban without end. */
    private static final long MAX_BAN_SECONDS = 10L * 366 * 86_400;
    private static final int MAX_REASON_CHARS = 255;
    /** Accounts a search answers at most, and by default. */
    static final int MAX_FOUND = 200;
    private static final int DEFAULT_FOUND = 50;
    /** Login events a history answers at most, and by default. */
    static final int MAX_LOGINS = 500;
    private static final int DEFAULT_LOGINS = 50;

    private final CoreServices services;
    private final AccountClosures closures;

    AccountsApi(CoreServices services, AccountClosures closures) {
        this.services = services;
        this.closures = closures;
    }

    @Override
    public void mount(Javalin app) {
        app.post("/api/v1/accounts", this::create);
        app.get("/api/v1/accounts", this::search);
        app.get("/api/v1/accounts/{name}", this::show);
        app.get("/api/v1/accounts/{name}/logins", this::logins);
        app.post("/api/v1/accounts/{name}/api-keys", this::createApiKey);
        app.post("/api/v1/accounts/{name}/ban", this::ban);
        app.delete("/api/v1/accounts/{name}/ban", this::unban);
    }

    private void create(Context ctx) {
        JsonNode body = JsonBodies.object(ctx);
        String username = JsonBodies.text(body, "username");
        String password = JsonBodies.text(body, "password");
        Account a = services.accounts().create(username, password.toCharArray());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", a.id());
        out.put("username", a.username());
        out.put("status", a.status().name().toLowerCase());
        out.put("created_at", JsonBodies.instant(a.createdAtMillis()));
        ctx.status(HttpStatus.CREATED).json(out);
    }

    private void search(Context ctx) {
        String q = ctx.queryParam("q");
        int limit = JsonBodies.limit(ctx, "limit", DEFAULT_FOUND, MAX_FOUND);
        ctx.json(Map.of("accounts", services.accounts().search(q == null ? "" : q, limit).stream().map(AccountsApi::json).toList()));
    }

    private void show(Context ctx) {
        ctx.json(json(account(ctx)));
    }

    private void logins(Context ctx) {
        Account account = account(ctx);
        int limit = JsonBodies.limit(ctx, "limit", DEFAULT_LOGINS, MAX_LOGINS);
        ctx.json(Map.of("username", account.username(), "logins",
                services.accounts().loginHistory(account.id(), limit).stream().map(AccountsApi::json).toList()));
    }

    private void createApiKey(Context ctx) {
        ApiKey k = services.apiKeys().create(ctx.pathParam("name"));
        ctx.status(HttpStatus.CREATED).json(Map.of("app_key", k.appKey(), "app_secret", k.appSecret()));
    }

    private void ban(Context ctx) {
        JsonNode body = JsonBodies.object(ctx);
        String reason = JsonBodies.text(body, "reason");
        if (reason.length() > MAX_REASON_CHARS) {
            throw new HttpApi.BadRequest("\"reason\" is at most " + MAX_REASON_CHARS + " characters");
        }
        Long until = null;
        JsonNode seconds = body.get("seconds");
        if (seconds != null && !seconds.isNull()) {
            if (!seconds.isIntegralNumber() || seconds.asLong() < 1 || seconds.asLong() > MAX_BAN_SECONDS) {
                throw new HttpApi.BadRequest("seconds must be a whole number from 1 to " + MAX_BAN_SECONDS
                        + " (leave it out for a ban without end)");
            }
            until = services.scheduler().nowMillis() + seconds.asLong() * 1000;
        }
        Account account = account(ctx);
        services.accounts().ban(account.username(), reason, until);
        Long bannedUntil = until;
        ctx.future(() -> closures.close(account.id(), CloseReason.KICKED, "banned: " + reason).thenAccept(closed -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("username", account.username());
            out.put("status", "banned");
            out.put("reason", reason);
            out.put("until", JsonBodies.instant(bannedUntil));
            out.put("sessions_closed", closed);
            ctx.json(out);
        }));
    }

    private void unban(Context ctx) {
        Account account = account(ctx);
        services.accounts().reinstate(account.username());
        ctx.json(Map.of("username", account.username(), "status", "active"));
    }

    private Account account(Context ctx) {
        String name = ctx.pathParam("name");
        return services.accounts().find(name).orElseThrow(() -> new NoSuchAccountException(name));
    }

    private static Map<String, Object> json(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("username", a.username());
        m.put("status", a.status().name().toLowerCase());
        m.put("ban_reason", a.banReason());
        m.put("banned_until", JsonBodies.instant(a.bannedUntilMillis()));
        m.put("created_at", JsonBodies.instant(a.createdAtMillis()));
        return m;
    }

    private static Map<String, Object> json(LoginEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", JsonBodies.instant(e.atMillis()));
        m.put("address", e.address());
        m.put("front", e.front());
        m.put("result", e.result().tag());
        return m;
    }
}
