package io.gatehouse.server.http;

import io.gatehouse.astron.AstronFront;
import io.gatehouse.astron.AstronModule;
import io.gatehouse.astron.clientagent.ClientAgent;
import io.gatehouse.astron.clientagent.ClientStatus;
import io.gatehouse.astron.stateserver.ObjectStatus;
import io.gatehouse.core.front.Front;
import io.gatehouse.core.front.Listener;
import io.gatehouse.marauroa.MarauroaFront;
import io.gatehouse.marauroa.MarauroaModule;
import io.gatehouse.marauroa.handler.GameLoop;
import io.gatehouse.vcmi.VcmiFront;
import io.gatehouse.vcmi.VcmiModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The admin calls that show what the fronts hold: the fronts and their listeners, vcmi's rooms
 * and games, astron's objects by zone and its Client Agents' clients, marauroa's zones and turn.
 * Each reads the read-only view its front offers (on the front's own thread) and turns it into
 * JSON; a front that is off answers 404, one that does not answer within {@link #WAIT} 503.
 */
final class FrontsApi implements ApiRoutes {

    /** How long a call waits for a front's thread to answer. */
    static final Duration WAIT = Duration.ofSeconds(2);

    private final List<Front> fronts;
    private final String node;

    /** {@code node}: this node's name in its cluster, or null when it runs alone. */
    FrontsApi(List<Front> fronts, String node) {
        this.fronts = List.copyOf(fronts);
        this.node = node;
    }

    @Override
    public void mount(Javalin app) {
        app.get("/api/v1/fronts", ctx -> ctx.json(fronts()));
        app.get("/api/v1/vcmi/rooms", ctx -> answer(ctx, VcmiModule.NAME, VcmiFront.class, this::vcmi));
        app.get("/api/v1/astron/objects", ctx -> answer(ctx, AstronModule.NAME, AstronFront.class, this::astronObjects));
        app.get("/api/v1/astron/clients", ctx -> answer(ctx, AstronModule.NAME, AstronFront.class, this::astronClients));
        app.get("/api/v1/marauroa/zones", ctx -> answer(ctx, MarauroaModule.NAME, MarauroaFront.class, this::marauroa));
    }

    private void answer(Context ctx, String name, Class<? extends Front> type, Supplier<CompletableFuture<Map<String, Object>>> view) {
        if (front(type) == null) {
            ctx.status(HttpStatus.NOT_FOUND).json(JsonBodies.error("the " + name + " front is not running"));
            return;
        }
        ctx.future(() -> view.get().handle((body, failed) -> {
            if (failed != null) {
                ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(JsonBodies.error("the front did not answer within " + WAIT.toSeconds() + " s"));
            } else {
                ctx.json(body);
            }
            return null;
        }));
    }

    /** The node's name and every running front with its listeners. */
    Map<String, Object> fronts() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Front f : fronts) {
            List<Map<String, Object>> listeners = new ArrayList<>();
            for (Listener l : f.listeners()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", l.kind());
                m.put("address", l.address() == null ? null : l.address().getHostString() + ":" + l.address().getPort());
                m.put("shown", l.shown());
                listeners.add(m);
            }
            list.add(Map.of("name", f.name(), "listeners", listeners));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node", node);
        out.put("fronts", list);
        return out;
    }

    /** Every view of the running fronts, by front name, each null when its front did not answer in time. */
    CompletableFuture<Map<String, Object>> allViews() {
        Map<String, CompletableFuture<Map<String, Object>>> parts = new LinkedHashMap<>();
        if (front(VcmiFront.class) != null) {
            parts.put("vcmi", vcmi());
        }
        if (front(AstronFront.class) != null) {
            parts.put("astron", astronObjects().thenCombine(astronClients(), (objects, clients) -> {
                Map<String, Object> both = new LinkedHashMap<>(objects);
                both.putAll(clients);
                return both;
            }));
        }
        if (front(MarauroaFront.class) != null) {
            parts.put("marauroa", marauroa());
        }
        return CompletableFuture.allOf(parts.values().stream().map(p -> p.exceptionally(e -> null)).toArray(CompletableFuture[]::new))
                .thenApply(done -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    parts.forEach((name, p) -> out.put(name, p.exceptionally(e -> null).join()));
                    return out;
                });
    }

    private CompletableFuture<Map<String, Object>> vcmi() {
        return bounded(front(VcmiFront.class).status()).thenApply(s -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("at", JsonBodies.instant(s.atMillis()));
            out.put("rooms", s.rooms());
            out.put("games", s.games());
            return out;
        });
    }

    private CompletableFuture<Map<String, Object>> astronObjects() {
        return bounded(front(AstronFront.class).objects()).thenApply(objects -> {
            Map<String, Map<String, Object>> zones = new TreeMap<>();
            for (ObjectStatus o : objects) {
                Map<String, Object> z = zones.computeIfAbsent(String.format("%020d/%020d", o.parent(), o.zone()), k -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("parent", o.parent());
                    m.put("zone", o.zone());
                    m.put("objects", 0);
                    return m;
                });
                z.put("objects", (Integer) z.get("objects") + 1);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("zones", List.copyOf(zones.values()));
            out.put("objects", objects);
            return out;
        });
    }

    private CompletableFuture<Map<String, Object>> astronClients() {
        List<CompletableFuture<List<ClientStatus>>> each = front(AstronFront.class).clientAgents().stream()
                .map(ClientAgent::status).toList();
        return bounded(CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))).thenApply(done -> {
            List<ClientStatus> clients = new ArrayList<>();
            each.forEach(f -> clients.addAll(f.join()));
            return Map.of("clients", clients);
        });
    }

    private CompletableFuture<Map<String, Object>> marauroa() {
        return bounded(front(MarauroaFront.class).services().loop().status()).thenApply(s -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("turn_ms", s.turn().toMillis());
            out.put("turns", s.turns());
            out.put("last_turn_ms", s.lastTurnWork().toNanos() / 1e6);
            out.put("zones", s.zones().stream().map(FrontsApi::zone).toList());
            return out;
        });
    }

    private static Map<String, Object> zone(GameLoop.ZoneStatus z) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zone", z.zone());
        m.put("objects", z.objects());
        m.put("players", z.players());
        return m;
    }

    private static <T> CompletableFuture<T> bounded(CompletableFuture<T> f) {
        return f.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private <T extends Front> T front(Class<T> type) {
        return fronts.stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }
}
