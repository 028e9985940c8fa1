package io.gatehouse.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.core.front.CoreServices;
import io.gatehouse.core.front.Front;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations console: its page ({@code /console}, plain HTML, CSS and JavaScript from the
 * server's resources, nothing from elsewhere) and the admin calls it reads besides the others:
 * the meters' last 15 minutes ({@code /api/v1/console/meters}) and a server-sent event stream
 * ({@code /api/v1/console/events}) that pushes the whole picture every {@link #PUSH_EVERY}:
 * fronts, sessions, each front's view and the newest meter sample. The page itself holds no
 * secret; every call it makes carries the admin key it was given.
 *
 * <p>At most {@link #MAX_STREAMS} streams are open at once (more are answered 503). The picture
 * is made and encoded once per push, on the console's own thread, whatever the number of streams.
 */
public final class ConsoleApi implements ApiRoutes, AutoCloseable {

    static final Duration PUSH_EVERY = Duration.ofSeconds(2);
    static final int MAX_STREAMS = 8;
    static final String EVENTS = "/api/v1/console/events";

    private static final Logger log = LoggerFactory.getLogger(ConsoleApi.class);
    /** The page's files: name, content type. */
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8");
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private final CoreServices services;
    private final FrontsApi fronts;
    private final MeterHistory history;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final List<SseClient> streams = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gatehouse-console");
        t.setDaemon(true);
        return t;
    });

    private ConsoleApi(CoreServices services, FrontsApi fronts, MeterHistory history) {
        this.services = services;
        this.fronts = fronts;
        this.history = history;
        FILES.keySet().forEach(name -> files.put(name, resource(name)));
        pusher.scheduleWithFixedDelay(this::pushAll, PUSH_EVERY.toMillis(), PUSH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The console on the core's services, showing {@code fronts}; {@code node} is this node's
     * name in its cluster, or null when it runs alone. Its meter history starts sampling now.
     */
    public static ConsoleApi start(CoreServices services, List<Front> fronts, String node) {
        return new ConsoleApi(services, new FrontsApi(fronts, node), new MeterHistory(services.meters(), services.scheduler()).start());
    }

    @Override
    public void mount(Javalin app) {
        fronts.mount(app);
        app.get("/console", ctx -> file(ctx, "index.html"));
        app.get("/console/", ctx -> file(ctx, "index.html"));
        app.get("/console/{file}", ctx -> file(ctx, ctx.pathParam("file")));
        app.get("/api/v1/console/meters", ctx -> ctx.json(Map.of("every_seconds", MeterHistory.EVERY.toSeconds(),
                "samples", history.samples().stream().map(ConsoleApi::sample).toList())));
        app.before(EVENTS, ctx -> {
            if (streams.size() >= MAX_STREAMS) {
                ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(JsonBodies.error("at most " + MAX_STREAMS + " console streams at once"));
                ctx.skipRemainingHandlers();
            }
        });
        app.sse(EVENTS, client -> {
            client.keepAlive();
            client.onClose(() -> streams.remove(client));
            pusher.execute(() -> {
                try {
                    client.sendEvent("history", encode(Map.of("every_seconds", MeterHistory.EVERY.toSeconds(),
                            "samples", history.samples().stream().map(ConsoleApi::sample).toList())));
                    picture().thenAccept(p -> client.sendEvent("snapshot", p)).join();
                    streams.add(client);
                } catch (RuntimeException e) {
                    log.debug("a console stream failed at its start", e);
                    client.close();
                }
            });
        });
    }

    private void file(Context ctx, String name) {
        byte[] body = files.get(name);
        if (body == null) {
            ctx.status(HttpStatus.NOT_FOUND).json(JsonBodies.error("no such file: " + name));
            return;
        }
        ctx.header("Content-Security-Policy", POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .contentType(FILES.get(name))
                .result(body);
    }

    /** One push to every open stream: the picture made and encoded once. */
    private void pushAll() {
        if (streams.isEmpty()) {
            return;
        }
        try {
            String p = picture().join();
            for (SseClient c : streams) {
                if (c.terminated()) {
                    streams.remove(c);
                } else {
                    c.sendEvent("snapshot", p);
                }
            }
        } catch (RuntimeException e) {
            log.warn("a console push failed", e);
        }
    }

    /** Everything the console shows, as JSON text. */
    private CompletableFuture<String> picture() {
        return services.sessions().live().orTimeout(FrontsApi.WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .thenCombine(fronts.allViews(), (live, views) -> {
                    Map<String, Object> out = new LinkedHashMap<>(fronts.fronts());
                    out.put("at", Instant.ofEpochMilli(services.scheduler().nowMillis()).toString());
                    out.put("sessions", live.stream().map(HttpApi::sessionJson).toList());
                    out.put("views", views);
                    MeterHistory.Sample latest = history.latest();
                    out.put("sample", latest == null ? null : sample(latest));
                    return encode(out);
                });
    }

    private String encode(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> sample(MeterHistory.Sample s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", s.atMillis());
        m.put("connections", s.connections());
        m.put("packets_in", s.packetsIn());
        m.put("packets_out", s.packetsOut());
        m.put("closes", s.closes());
        return m;
    }

    private static byte[] resource(String name) {
        try (InputStream in = ConsoleApi.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the console's " + name + " is missing from the server's resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        history.close();
        pusher.shutdownNow();
        streams.forEach(SseClient::close);
        streams.clear();
    }
}
