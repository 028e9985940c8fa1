package io.gatehouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.core.session.SessionPolicy;
import io.gatehouse.core.bus.Topics;
import io.gatehouse.core.account.AccountExistsException;
import io.gatehouse.core.account.IssuedToken;
import io.gatehouse.core.account.NoSuchAccountException;
import io.gatehouse.core.bus.BusMessage;
import io.gatehouse.core.limits.LoginThrottle;
import io.gatehouse.core.metrics.Refusals;
import io.gatehouse.core.session.AccountClosures;
import io.gatehouse.core.session.Kicked;
import io.gatehouse.core.session.LiveSession;
import io.gatehouse.core.transport.HostPort;
import io.gatehouse.core.transport.OpenSockets;
import io.gatehouse.core.front.CoreServices;
import io.gatehouse.server.config.HttpConfig;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The HTTP API on Javalin: health and Prometheus metrics, the admin calls (tokens, sessions,
 * publish here; accounts in {@link AccountsApi}; more mounted as {@link ApiRoutes}) behind the admin key, and the LongPort-compatible socket
 * token endpoint. JSON in and out; errors are {@code {"error": "..."}} with a fitting status.
 */
public final class HttpApi implements AutoCloseable {

    private static final int MAX_TTL_SECONDS = 86_400;

    /** How long /health waits for the store's answer before it says the store does not answer. */
    private static final Duration STORE_WAIT = Duration.ofSeconds(2);

    private final CoreServices services;
    private final StoreProbe store;
    private final SessionPolicy policy;
    private final Topics topics;
    private final AccountClosures closures;
    private final HttpConfig config;
    private final Refusals refusals;
    private final PrometheusMeterRegistry metrics;
    private final AdminAuth admin;
    private final SocketTokenEndpoint socketToken;
    private final ObjectMapper json = new ObjectMapper();
    private final long startedAt;
    private Javalin app;

    /**
     * {@code tokenRequests} limits socket-token requests per address (every request counts),
     * {@code adminFailures} failed admin-key checks per address; refusals, and connections cut
     * by {@code http.header_timeout}, are counted in {@code refusals}. Publishing goes through
     * {@code topics}, which answers how many control connections on this node it reached.
     */
    public HttpApi(CoreServices services, SessionPolicy policy, Topics topics, AccountClosures closures, PrometheusMeterRegistry metrics, String adminKey, HttpConfig config,
                   Refusals refusals, LoginThrottle tokenRequests, LoginThrottle adminFailures, BooleanSupplier storeAnswers,
                   Executor blocking) {
        this.services = services;
        this.store = new StoreProbe(storeAnswers, blocking, System::currentTimeMillis, STORE_WAIT);
        this.policy = policy;
        this.topics = topics;
        this.closures = closures;
        this.config = config;
        this.refusals = refusals;
        this.metrics = metrics;
        this.admin = new AdminAuth(adminKey, adminFailures);
        this.socketToken = new SocketTokenEndpoint(services, policy, config.signatureMaxSkew(), tokenRequests);
        this.startedAt = services.scheduler().nowMillis();
    }

    /** Starts the listener with the API's own calls and {@code routes}' (the console's, say). */
    public HttpApi start(HostPort bind, List<ApiRoutes> routes) {
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.jsonMapper(new JavalinJackson(json, false));
            cfg.http.maxRequestSize = 1024 * 1024;
            cfg.jetty.addConnector((server, httpConfig) -> connector(server, httpConfig, bind));
        });
        app.get("/health", this::health);
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        app.get("/v1/socket/token", socketToken::handle);
        app.get("/v2/socket/token", socketToken::handle);
        app.before("/api/*", ctx -> {
            if (!admin.check(ctx)) {
                ctx.skipRemainingHandlers();
            }
        });
        new AccountsApi(services, closures).mount(app);
        app.post("/api/v1/tokens", this::issueToken);
        app.get("/api/v1/sessions", this::listSessions);
        app.delete("/api/v1/sessions/{id}", this::kickSession);
        app.post("/api/v1/channels/{name}/publish", this::publish);
        routes.forEach(r -> r.mount(app));
        app.exception(BadRequest.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(JsonBodies.error(e.getMessage())));
        app.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(JsonBodies.error(e.getMessage())));
        app.exception(NoSuchAccountException.class, (e, ctx) -> ctx.status(HttpStatus.NOT_FOUND).json(JsonBodies.error(e.getMessage())));
        app.exception(AccountExistsException.class, (e, ctx) -> ctx.status(HttpStatus.CONFLICT).json(JsonBodies.error(e.getMessage())));
        app.error(HttpStatus.NOT_FOUND, ctx -> {
            if (ctx.result() == null) {
                ctx.json(JsonBodies.error("no such endpoint: " + ctx.method() + " " + ctx.path()));
            }
        });
        app.start();
        return this;
    }

    /**
     * The listener: {@code http.idle_timeout} on every connection, {@code http.header_timeout}
     * through {@link HeaderDeadline}, and each connection counted in the process's
     * {@code limits.max_connections} ({@link CountedConnections}).
     */
    private ServerConnector connector(Server server, HttpConfiguration httpConfig, HostPort bind) {
        ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
        c.setHost(bind.host());
        c.setPort(bind.port());
        c.setIdleTimeout(config.idleTimeout().toMillis());
        c.addBean(new CountedConnections(OpenSockets.PROCESS));
        c.addBean(new HeaderDeadline(config.headerTimeout(), c.getScheduler(), refusals));
        return c;
    }

    /** The client's address, or null when it is not an IP address. */
    static InetAddress peer(Context ctx) {
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(ctx.req().getRemoteAddr());
        try {
            return ip == null ? null : InetAddress.getByAddress(ip);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** 429 with Retry-After: the answer to a request over its address's limit. */
    static void tooMany(Context ctx, LoginThrottle.Attempt attempt, Object body) {
        ctx.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", String.valueOf(attempt.retryAfterSeconds())).json(body);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }

    /** 200 {@code "ok"}, or 503 {@code "store_unavailable"} when the store does not answer (a load balancer should stop sending players). */
    private void health(Context ctx) throws InterruptedException {
        boolean storeUp = store.storeAnswers();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", storeUp ? "ok" : "store_unavailable");
        body.put("store", storeUp ? "ok" : "not answering");
        body.put("uptime_seconds", (services.scheduler().nowMillis() - startedAt) / 1000);
        Map<String, Integer> byFront = services.sessions().countByFront();
        body.put("sessions", byFront.values().stream().mapToInt(Integer::intValue).sum());
        body.put("sessions_by_front", byFront);
        ctx.status(storeUp ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
    }

    private void issueToken(Context ctx) {
        JsonNode body = JsonBodies.object(ctx);
        String username = JsonBodies.text(body, "username");
        long ttl = policy.tokenTtl().toSeconds();
        JsonNode t = body.get("ttl_seconds");
        if (t != null && !t.isNull()) {
            if (!t.isIntegralNumber() || t.asLong() < 1 || t.asLong() > MAX_TTL_SECONDS) {
                throw new BadRequest("ttl_seconds must be a whole number from 1 to " + MAX_TTL_SECONDS);
            }
            ttl = t.asLong();
        }
        IssuedToken token = services.tokens().issue(username, Duration.ofSeconds(ttl));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", token.token());
        out.put("expires_at", Instant.ofEpochMilli(token.expiresAtMillis()).toString());
        ctx.status(HttpStatus.CREATED).json(out);
    }

    private void listSessions(Context ctx) {
        String front = ctx.queryParam("front");
        ctx.future(() -> services.sessions().live().thenAccept(live -> ctx.json(Map.of("sessions", live.stream()
                .filter(l -> front == null || front.equals(l.front()))
                .map(HttpApi::sessionJson).toList()))));
    }

    /** A session as the API lists it. */
    static Map<String, Object> sessionJson(LiveSession l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id());
        m.put("front", l.front());
        m.put("account", l.account());
        m.put("address", l.address());
        m.put("since", Instant.ofEpochMilli(l.sinceMillis()).toString());
        m.put("expires_at", l.expiresAtMillis() == null ? null : Instant.ofEpochMilli(l.expiresAtMillis()).toString());
        m.put("node", l.node());
        return m;
    }

    private void kickSession(Context ctx) {
        ctx.future(() -> services.sessions().kick(ctx.pathParam("id")).thenAccept(kicked -> {
            if (kicked.isPresent()) {
                Kicked k = kicked.get();
                ctx.json(Map.of("kicked", k.sessionId(), "front", k.front(), "answer", k.answer()));
            } else {
                ctx.status(HttpStatus.NOT_FOUND).json(JsonBodies.error("no such session"));
            }
        }));
    }

    private void publish(Context ctx) {
        String channel = ctx.pathParam("name");
        if (channel.isEmpty() || channel.length() > 128) {
            throw new BadRequest("channel name must be 1 to 128 characters");
        }
        if (Topics.reserved(channel)) {
            throw new BadRequest("channel names beginning with '" + Topics.RESERVED_PREFIX + "' are the server's own");
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        BusMessage.ContentType ct = type.startsWith("application/json") ? BusMessage.ContentType.JSON
                : type.startsWith("application/x-protobuf") || type.startsWith("application/protobuf")
                ? BusMessage.ContentType.PROTOBUF : BusMessage.ContentType.UNKNOWN;
        int delivered = topics.publish(new BusMessage(channel, ct, ctx.bodyAsBytes()));
        ctx.status(HttpStatus.ACCEPTED).json(Map.of("channel", channel, "delivered", delivered));
    }

    /** A request the API cannot take as it is: 400. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
