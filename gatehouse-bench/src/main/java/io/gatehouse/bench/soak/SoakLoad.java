package io.gatehouse.bench.soak;

import io.gatehouse.bench.support.ServerProcess;
import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.client.vcmi.VcmiLobbyClient;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One phase of the soak's load, on every front at once: the churn of well-behaved players,
 * the abusive clients (idle sockets, bad bytes, HTTP slowloris, slow readers) and the
 * publishers that keep the slow readers' queues filling. Started once, stopped once.
 */
final class SoakLoad {

    static final String SLOW_ACCOUNT = "soak-slow";
    static final String FIREHOSE_TOPIC = "soak-firehose";
    private static final int SMALL_RECEIVE_BUFFER = 4096;
    private static final long STOP_MILLIS = 30_000;

    private final SoakSettings settings;
    private final ServerProcess server;
    private final SoakGameServer gameServer;
    private final EventLoopGroup raw;
    private final Map<String, Listener> listeners = new LinkedHashMap<>();
    private final Map<String, SourceAddresses> sources = new LinkedHashMap<>();
    /** One visit at a time per player address: a vcmi game's four connections are the most one holds. */
    private final SourceAddresses players = SourceAddresses.players(1);
    private final List<Tally> tallies = new ArrayList<>();
    private final List<PacedLoop> loops = new ArrayList<>();
    private final List<HeldSockets> held = new ArrayList<>();
    private final List<BadBytes> bad = new ArrayList<>();
    private final SlowReaders slow;
    private final Tally firehoses = tally("publishers to slow readers");
    private final Tally abuseErrors = tally("abusive clients' own errors");
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, daemon("soak-timer"));
    private final ScheduledExecutorService firehoseTimer = Executors.newSingleThreadScheduledExecutor(daemon("soak-firehose"));
    private final ScheduledExecutorService slowTimer = Executors.newSingleThreadScheduledExecutor(daemon("soak-slow-readers"));
    private final AtomicLong slowNames = new AtomicLong();
    private VcmiLobbyClient chatter;
    private InetSocketAddress chatterAddress;
    /** Set once stopping: what fails after it (an interrupted publish, a connection closed under a task) is not counted. */
    private volatile boolean stopping;

    SoakLoad(SoakSettings settings, ServerProcess server, SoakGameServer gameServer, EventLoopGroup raw, EventLoopGroup clients,
             int marauroaAccounts, long seed) {
        this.settings = settings;
        this.server = server;
        this.gameServer = gameServer;
        this.raw = raw;
        listener("control tcp", server.control());
        listener("control ws", server.controlWebSocket());
        listener("astron client agent", server.astronClientAgent());
        listener("astron message director", server.astronMessageDirector());
        listener("marauroa", server.marauroa());
        listener("vcmi", server.vcmi());
        listener("http", server.http());

        Tally control = tally("control churn");
        churn("control", control, new ControlChurn(server, clients, control));
        Tally astron = tally("astron churn");
        churn("astron", astron, new AstronChurn(server.astronClientAgent(), astron));
        Tally md = tally("message director churn");
        churn("md", md, new MdChurn(server.astronMessageDirector(), md));
        Tally marauroa = tally("marauroa churn");
        churn("marauroa", marauroa, new MarauroaChurn(server.marauroa(), marauroaAccounts, marauroa));
        Tally vcmi = tally("vcmi churn");
        churn("vcmi", vcmi, new VcmiChurn(server.vcmi(), vcmi));

        BadPayloads payloads = new BadPayloads(seed);
        Tally badTally = tally("bad bytes");
        Map<String, List<BadBytes.Kind>> kinds = new LinkedHashMap<>();
        kinds.put("control tcp", payloads.controlTcp());
        kinds.put("control ws", payloads.controlWebSocket());
        kinds.put("astron client agent", payloads.astronClientAgent());
        kinds.put("astron message director", payloads.messageDirector());
        kinds.put("marauroa", payloads.marauroa());
        kinds.put("vcmi", payloads.vcmi());
        kinds.put("http", payloads.http());
        kinds.forEach((name, k) -> bad.add(new BadBytes(listeners.get(name), k, settings.badHoldMillis(), raw, sources.get(name), timer,
                badTally)));

        for (Listener l : listeners.values()) {
            held.add(new HeldSockets("idle", l, settings.idlePerListener(), settings.idleHoldMillis(), raw, sources.get(l.name()), c -> { }));
        }
        byte[] requestStart = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII);
        held.add(new HeldSockets("slowloris", listeners.get("http"), settings.slowloris(), settings.idleHoldMillis(), raw,
                sources.get("http"), c -> {
                    c.write(requestStart);
                    drip(c);
                }));

        slow = new SlowReaders(settings.slowReadersPerKind())
                .kind("control tcp subscriber", tally("slow control subscribers"), slot -> rawReader("control tcp",
                        WireBytes.controlSubscriber(Tokens.issue(server, SLOW_ACCOUNT), FIREHOSE_TOPIC)))
                .kind("astron client in the board's zone", tally("slow astron clients"), slot -> rawReader("astron client agent",
                        WireBytes.astronHelloAndLogin(SoakWorld.SLOW_USER)))
                .kind("message director participant", tally("slow message director participants"), slot -> rawReader(
                        "astron message director", MdWire.addChannel(SoakWorld.SLOW_MD_CHANNELS + slot)))
                .kind("vcmi lobby user", tally("slow vcmi lobby users"), slot -> vcmiReader())
                .kind("marauroa player", tally("slow marauroa players"), this::marauroaReader);
    }

    private void listener(String name, InetSocketAddress address) {
        listeners.put(name, new Listener(name, address));
        sources.put(name, SourceAddresses.abusive(settings.perAddress()));
    }

    private void churn(String name, Tally tally, PlayerCycle visit) {
        loops.add(new PacedLoop(name, settings.churnPerSecond(), settings.churnWorkers(), tally, PlayerCycle.from(players, visit)));
    }

    private Tally tally(String name) {
        Tally t = new Tally(name);
        tallies.add(t);
        return t;
    }

    private void drip(RawConnection c) {
        c.later(settings.slowlorisDripMillis(), () -> {
            c.write(new byte[] {'X'});
            drip(c);
        });
    }

    /** An address for one more abusive connection to {@code listener}. */
    private InetSocketAddress abusiveAddress(String listener) {
        InetSocketAddress local = sources.get(listener).acquire();
        if (local == null) {
            throw new IllegalStateException("no source address with room for " + listener);
        }
        return local;
    }

    /** A raw connection with a small receive buffer that never reads, after sending {@code hello}. */
    private SlowReaders.Reader rawReader(String listener, byte[] hello) throws Exception {
        InetSocketAddress local = abusiveAddress(listener);
        RawConnection c;
        try {
            c = RawConnection.open(raw, listeners.get(listener).address(), local, SMALL_RECEIVE_BUFFER, false).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            sources.get(listener).release(local);
            throw e;
        }
        c.closed().thenRun(() -> sources.get(listener).release(local));
        c.write(hello);
        return c;
    }

    private SlowReaders.Reader vcmiReader() throws Exception {
        InetSocketAddress local = abusiveAddress("vcmi");
        Runnable release = once(() -> sources.get("vcmi").release(local));
        try {
            VcmiLobbyClient c = VcmiLobbyClient.connect(server.vcmi(), local);
            SlowReaders.Reader r = reader(c::isOpen, () -> {
                c.close();
                release.run();
            });
            try {
                c.timeout(Duration.ofSeconds(10));
                c.greet("soakslow" + slowNames.incrementAndGet(), "1.5.0");
                c.takeThrough("currently playing ");
                c.reading(false);
                return r;
            } catch (Exception e) {
                r.close();
                throw e;
            }
        } catch (Exception e) {
            release.run();
            throw e;
        }
    }

    private SlowReaders.Reader marauroaReader(int slot) throws Exception {
        InetSocketAddress local = abusiveAddress("marauroa");
        Runnable release = once(() -> sources.get("marauroa").release(local));
        try {
            MarauroaClient c = MarauroaChurn.enter(server.marauroa(), local, MarauroaChurn.user("slow", slot));
            c.reading(false);
            return reader(c::isOpen, () -> {
                c.close();
                release.run();
            });
        } catch (Exception e) {
            release.run();
            throw e;
        }
    }

    private static Runnable once(Runnable r) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                r.run();
            }
        };
    }

    private static SlowReaders.Reader reader(java.util.function.BooleanSupplier open, Runnable close) {
        return new SlowReaders.Reader() {
            @Override
            public boolean isOpen() {
                return open.getAsBoolean();
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }

    void start() throws Exception {
        chatterAddress = players.acquire();
        chatter = VcmiLobbyClient.connect(server.vcmi(), chatterAddress);
        chatter.timeout(Duration.ofSeconds(10));
        chatter.greet("soakchatter", "1.5.0");
        chatter.takeThrough("currently playing ");
        loops.forEach(PacedLoop::start);
        long badPeriod = (long) (1e6 / settings.badPerSecond());
        for (BadBytes b : bad) {
            AtomicLong n = new AtomicLong();
            timer.scheduleAtFixedRate(safely(() -> b.fire(n.getAndIncrement())), badPeriod, badPeriod, TimeUnit.MICROSECONDS);
        }
        timer.scheduleWithFixedDelay(safely(() -> held.forEach(HeldSockets::tick)), 0, 1, TimeUnit.SECONDS);
        slowTimer.scheduleWithFixedDelay(safely(slow::tick), 0, 5, TimeUnit.SECONDS);
        byte[] push = "x".repeat(SoakSettings.CONTROL_PUSH_BYTES).getBytes(StandardCharsets.US_ASCII);
        firehoseTimer.scheduleAtFixedRate(guarded(() -> server.post("/api/v1/channels/" + FIREHOSE_TOPIC + "/publish",
                new String(push, StandardCharsets.US_ASCII))), 0, SoakSettings.CONTROL_PUSH_MILLIS, TimeUnit.MILLISECONDS);
        byte[] kib = new byte[1024];
        firehoseTimer.scheduleAtFixedRate(guarded(() -> {
            for (int i = 0; i < SoakSettings.BOARD_UPDATES_PER_TICK; i++) {
                gameServer.updateBoard(kib);
            }
            for (int slot = 0; slot < settings.slowReadersPerKind(); slot++) {
                for (int i = 0; i < SoakSettings.MD_DATAGRAMS_PER_TICK; i++) {
                    gameServer.sendTo(SoakWorld.SLOW_MD_CHANNELS + slot, kib);
                }
            }
        }), 0, SoakSettings.FIREHOSE_TICK_MILLIS, TimeUnit.MILLISECONDS);
        String line = "<MSG>" + "c".repeat(1000);
        firehoseTimer.scheduleAtFixedRate(guarded(() -> {
            chatter.send(line);
            chatter.send("<ALIVE>");
            int waiting = chatter.available();
            if (waiting > 0) {
                chatter.take(waiting);
            }
        }), 0, SoakSettings.CHAT_MILLIS, TimeUnit.MILLISECONDS);
    }

    @FunctionalInterface
    private interface Task {
        void run() throws Exception;
    }

    /** A periodic task that survives its own failure (an executor drops a task that throws); a failure is counted. */
    private Runnable safely(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                if (!stopping) {
                    abuseErrors.failed(e);
                }
            }
        };
    }

    private Runnable guarded(Task task) {
        return () -> {
            try {
                task.run();
                firehoses.ok();
            } catch (Exception e) {
                if (!stopping) {
                    firehoses.failed(e);
                }
            }
        };
    }

    /** Stops everything and closes every connection this phase opened; returns once the bad inputs' waits are over. */
    void stop() throws InterruptedException {
        stopping = true;
        loops.forEach(PacedLoop::stopStarting);
        bad.forEach(BadBytes::stop);
        firehoseTimer.shutdownNow();
        for (PacedLoop l : loops) {
            l.awaitStopped(STOP_MILLIS);
        }
        held.forEach(HeldSockets::closeAll);
        slowTimer.shutdownNow();
        slowTimer.awaitTermination(STOP_MILLIS, TimeUnit.MILLISECONDS);
        slow.closeAll();
        firehoseTimer.awaitTermination(STOP_MILLIS, TimeUnit.MILLISECONDS);
        if (chatter != null) {
            chatter.close();
            players.release(chatterAddress);
        }
        Thread.sleep(settings.badHoldMillis() + 1000);
        timer.shutdownNow();
    }

    List<Tally> tallies() {
        return tallies;
    }

    List<HeldSockets.Outcome> heldOutcomes() {
        return held.stream().map(HeldSockets::outcome).toList();
    }

    List<BadBytes.Outcome> badOutcomes() {
        return bad.stream().flatMap(b -> b.outcomes().stream()).toList();
    }

    List<SlowReaders.Outcome> slowOutcomes() {
        return slow.outcomes();
    }

    /** Connections the load opened in all. */
    long connectionsOpened() {
        return tallies.stream().mapToLong(Tally::connectionCount).sum() + heldOutcomes().stream().mapToLong(HeldSockets.Outcome::opened).sum();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
