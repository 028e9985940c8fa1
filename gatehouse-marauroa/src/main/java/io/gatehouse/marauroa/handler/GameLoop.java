package io.gatehouse.marauroa.handler;

import io.gatehouse.core.time.Cancellable;
import io.gatehouse.core.time.Scheduler;
import io.gatehouse.marauroa.game.Content;
import io.gatehouse.marauroa.game.MarauroaGame;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.game.World;
import io.gatehouse.marauroa.game.Zone;
import io.gatehouse.marauroa.message.MarauroaMessage.PerceptionMessage;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The turn loop (docs/protocol/marauroa.md, section 10): one thread owns the world and calls
 * the game. Every {@code turn} it runs the actions received since the last turn, the game's
 * end of turn, and sends each player in the game its perception — TOTAL on entering and after
 * C2S_OUTOFSYNC, else DELTA — then moves the world to the next turn.
 */
public final class GameLoop implements AutoCloseable {

    /** Where a player's perceptions and content offers go (its connection, which sends them on its own thread). */
    public interface Viewer {
        void perceive(PerceptionMessage m);

        /** The static content of the zone the player entered (S2C_TRANSFER_REQ). */
        void offer(List<Content> contents);

        /** Another connection of the same account took this player's character over: end quietly. */
        void displaced();
    }

    /** How a character came into the game (docs/protocol/marauroa.md, section 9). */
    public enum Arrival {
        /** It entered as it was loaded. */
        ENTERED,
        /** Another connection of the same account was playing it: that one is displaced and the character goes on as it was in the world. */
        TOOK_OVER,
        /** Another account's character of that name (ignoring case) is in the game. */
        REFUSED
    }

    /** The arrival, and the character this connection played before it (to be stored), or null. */
    public record Entry(Arrival arrival, RPObject left) {
    }

    /** One zone for an operator: its id, the objects in it and how many of them are players' characters. */
    public record ZoneStatus(String zone, int objects, int players) {
    }

    /**
     * The loop for an operator: the configured turn, the turns run, how long the last one's work
     * took, and the world's zones in the order they were made.
     */
    public record Status(Duration turn, long turns, Duration lastTurnWork, List<ZoneStatus> zones) {
    }

    private static final Logger log = LoggerFactory.getLogger(GameLoop.class);

    private final MarauroaGame game;
    private final Scheduler clock;
    private final Duration turn;
    private final int maxActionsPerTurn;
    private final World world = new World();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(new DefaultThreadFactory("marauroa-turns", true));
    private final Map<Viewer, Player> players = new LinkedHashMap<>();
    private final List<Runnable> actions = new ArrayList<>();
    private volatile Cancellable next = Cancellable.NONE;
    private volatile boolean closed;
    private final AtomicBoolean ticking = new AtomicBoolean();
    /** Turns that fell due while one was running; reported once that one ends. */
    private final AtomicLong skipped = new AtomicLong();
    private long turns;
    private volatile long lastTurnNanos;

    /** A player in the game: its character and account, its perception counter, whether it needs a TOTAL one. */
    private static final class Player {
        final RPObject object;
        final String name;
        final long accountId;
        int timestamp;
        boolean sync = true;
        /** Actions queued for the coming turn; those beyond the limit are dropped. */
        int actionsThisTurn;
        /** Content to offer at the next turn, before its perception (as Marauroa delivers transfers). */
        List<Content> offer = List.of();

        Player(RPObject object, String name, long accountId) {
            this.object = object;
            this.name = name;
            this.accountId = accountId;
        }
    }

    /** {@code maxActionsPerTurn}: a player's actions beyond this many in one turn are dropped. */
    public GameLoop(MarauroaGame game, Scheduler clock, Duration turn, int maxActionsPerTurn) {
        this.game = game;
        this.clock = clock;
        this.turn = turn;
        this.maxActionsPerTurn = maxActionsPerTurn;
    }

    public GameLoop start() {
        arm();
        return this;
    }

    /**
     * Arms the next turn when this one falls due, before its work, so that turns keep a fixed
     * rhythm; a turn still running when the next falls due makes that one skip.
     */
    private void arm() {
        if (!closed) {
            next = clock.schedule(turn, () -> {
                arm();
                if (ticking.compareAndSet(false, true)) {
                    run(this::tick);
                } else {
                    skipped.incrementAndGet();
                }
            });
        }
    }

    private void run(Runnable task) {
        if (!closed) {
            thread.execute(task);
        }
    }

    /** Runs {@code work} with the game on the loop's thread; its result, later. */
    public <T> CompletableFuture<T> call(Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        run(() -> {
            try {
                f.complete(work.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /**
     * Runs {@code read} on the world on the loop's thread, between turns; its result, later.
     * For tools that look at the world (what a test or an operator checks); the result must not
     * keep references into the world.
     */
    public <T> CompletableFuture<T> inspect(Function<World, T> read) {
        return call(() -> read.apply(world));
    }

    /** What an operator sees of the loop, read between turns. */
    public CompletableFuture<Status> status() {
        return call(() -> {
            Map<Zone, Integer> playing = new LinkedHashMap<>();
            for (Player p : players.values()) {
                Zone z = world.zoneOf(p.object);
                if (z != null) {
                    playing.merge(z, 1, Integer::sum);
                }
            }
            List<ZoneStatus> zones = world.zones().stream()
                    .map(z -> new ZoneStatus(z.id(), z.objects().size(), playing.getOrDefault(z, 0))).toList();
            return new Status(turn, turns, Duration.ofNanos(lastTurnNanos), zones);
        });
    }

    /**
     * A player enters with its character {@code name} of account {@code accountId}; its first
     * perception is a TOTAL one. As Marauroa does: a character this connection already played
     * leaves first (and is handed back to be stored); the same character played on another
     * connection of the account is taken over as it is in the world, that connection being
     * displaced; another account's character of the same name (ignoring case) refuses entry.
     */
    public CompletableFuture<Entry> enter(Viewer viewer, String name, long accountId, RPObject character) {
        return call(() -> {
            Player previous = players.remove(viewer);
            RPObject left = null;
            if (previous != null) {
                game.onExit(previous.object, world);
                left = previous.object.copy();
            }
            RPObject entering = character;
            Arrival arrival = Arrival.ENTERED;
            Map.Entry<Viewer, Player> playing = playing(name);
            if (playing != null) {
                Player other = playing.getValue();
                if (other.accountId != accountId) {
                    return new Entry(Arrival.REFUSED, left);
                }
                players.remove(playing.getKey());
                playing.getKey().displaced();
                game.onExit(other.object, world);
                entering = other.object.copy();
                arrival = Arrival.TOOK_OVER;
            }
            game.onEnter(entering, world);
            Player p = new Player(entering, name, accountId);
            players.put(viewer, p);
            Zone zone = world.zoneOf(entering);
            p.offer = zone == null ? List.of() : game.contentOf(zone.id());
            return new Entry(arrival, left);
        });
    }

    private Map.Entry<Viewer, Player> playing(String name) {
        for (Map.Entry<Viewer, Player> e : players.entrySet()) {
            if (e.getValue().name.equalsIgnoreCase(name)) {
                return e;
            }
        }
        return null;
    }

    /**
     * An action, run at the start of the next turn; a player's actions beyond
     * {@code maxActionsPerTurn} in one turn are dropped (logged once per turn), so that a
     * flooding client cannot make the turn, or the queue, grow without end.
     */
    public void action(Viewer viewer, RPObject action) {
        run(() -> {
            Player p = players.get(viewer);
            if (p == null) {
                return;
            }
            if (++p.actionsThisTurn > maxActionsPerTurn) {
                if (p.actionsThisTurn == maxActionsPerTurn + 1) {
                    log.warn("{} sent more than {} actions in one turn; the rest of this turn's are dropped",
                            p.name, maxActionsPerTurn);
                }
                return;
            }
            actions.add(() -> {
                if (players.get(viewer) == p) {
                    game.onAction(p.object, action, world);
                }
            });
        });
    }

    /** C2S_OUTOFSYNC: the player's next perception is a TOTAL one. */
    public void resync(Viewer viewer) {
        run(() -> {
            Player p = players.get(viewer);
            if (p != null) {
                p.sync = true;
            }
        });
    }

    /**
     * The player asks to leave (or is gone, when {@code forced}): unless forced, the game may
     * refuse. The future holds the character's object when it left, or null when it stays.
     */
    public CompletableFuture<RPObject> leave(Viewer viewer, boolean forced) {
        return call(() -> {
            Player p = players.get(viewer);
            if (p == null) {
                return null;
            }
            if (!forced && !game.mayLogOut(p.object)) {
                return null;
            }
            game.onExit(p.object, world);
            players.remove(viewer);
            return p.object.copy();
        });
    }

    /**
     * Another node takes over the account's character {@code name}: if it plays here, it leaves
     * the game (as a forced leave) and its connection is displaced. The future holds the object
     * as it left, to be stored, or null when no connection of the account plays it here.
     */
    public CompletableFuture<RPObject> handOver(long accountId, String name) {
        return call(() -> {
            Map.Entry<Viewer, Player> playing = playing(name);
            if (playing == null || playing.getValue().accountId != accountId) {
                return null;
            }
            Player p = playing.getValue();
            players.remove(playing.getKey());
            playing.getKey().displaced();
            game.onExit(p.object, world);
            return p.object.copy();
        });
    }

    private void tick() {
        long began = System.nanoTime();
        try {
            List<Runnable> now = new ArrayList<>(actions);
            actions.clear();
            players.values().forEach(p -> p.actionsThisTurn = 0);
            now.forEach(Runnable::run);
            game.endTurn(world);
            Map<Zone, PerceptionMessage> deltas = new LinkedHashMap<>();
            Map<Zone, PerceptionMessage> totals = new LinkedHashMap<>();
            for (Map.Entry<Viewer, Player> e : players.entrySet()) {
                Player p = e.getValue();
                if (!p.offer.isEmpty()) {
                    e.getKey().offer(p.offer);
                    p.offer = List.of();
                }
                Zone zone = world.zoneOf(p.object);
                if (zone == null) {
                    continue;
                }
                PerceptionMessage m;
                if (p.sync) {
                    p.sync = false;
                    PerceptionMessage shared = totals.computeIfAbsent(zone, z -> new PerceptionMessage(z.total(), 0, null, null));
                    m = new PerceptionMessage(shared.perception(), p.timestamp++, OwnView.total(p.object), null, shared.shared());
                } else {
                    PerceptionMessage shared = deltas.computeIfAbsent(zone, z -> new PerceptionMessage(z.delta(), 0, null, null));
                    m = new PerceptionMessage(shared.perception(), p.timestamp++, OwnView.added(p.object, zone),
                            OwnView.deleted(p.object, zone), shared.shared());
                }
                e.getKey().perceive(m);
            }
            world.nextTurn();
            turns++;
        } catch (RuntimeException ex) {
            log.error("turn {} failed", turns, ex);
        } finally {
            long missed = skipped.getAndSet(0);
            if (missed > 0) {
                log.warn("turn {} took longer than {} ms; {} turn(s) skipped", turns, turn.toMillis(), missed);
            }
            lastTurnNanos = System.nanoTime() - began;
            ticking.set(false);
        }
    }

    @Override
    public void close() {
        closed = true;
        next.cancel();
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
