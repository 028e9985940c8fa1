package io.gatehouse.server;

import io.gatehouse.cluster.NatsBus;
import io.gatehouse.cluster.NatsConnections;
import io.gatehouse.cluster.NatsNodeMail;
import io.gatehouse.cluster.relay.NatsRelay;
import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.account.ApiKeyService;
import io.gatehouse.core.account.Argon2idHasher;
import io.gatehouse.core.account.SecretSealer;
import io.gatehouse.core.account.TokenService;
import io.gatehouse.core.bus.Bus;
import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.bus.Topics;
import io.gatehouse.core.cluster.ClusterSessionRegistry;
import io.gatehouse.core.cluster.ClusterSessions;
import io.gatehouse.core.cluster.NodeMembership;
import io.gatehouse.core.config.ConfigException;
import io.gatehouse.core.front.CoreServices;
import io.gatehouse.core.front.Front;
import io.gatehouse.core.front.FrontConfig;
import io.gatehouse.core.front.Listener;
import io.gatehouse.core.limits.LoginThrottle;
import io.gatehouse.core.metrics.Refusal;
import io.gatehouse.core.metrics.Refusals;
import io.gatehouse.core.objects.ObjectStore;
import io.gatehouse.core.cluster.ClusterSessionRegistry;
import io.gatehouse.core.cluster.ClusterSessions;
import io.gatehouse.core.cluster.NodeMembership;
import io.gatehouse.core.cluster.Claims;
import io.gatehouse.core.cluster.NodeMail;
import io.gatehouse.core.cluster.Seniority;
import io.gatehouse.core.cluster.StoredClaims;
import io.gatehouse.core.cluster.StoredWills;
import io.gatehouse.core.cluster.Wills;
import io.gatehouse.core.relay.LocalRelay;
import io.gatehouse.core.relay.RelayFactory;
import io.gatehouse.core.journal.LoginJournal;
import io.gatehouse.core.session.AccountClosures;
import io.gatehouse.core.session.Handovers;
import io.gatehouse.core.session.JournaledSessionGrants;
import io.gatehouse.core.session.LocalSessionGrants;
import io.gatehouse.core.session.LocalSessionRegistry;
import io.gatehouse.core.session.Secrets;
import io.gatehouse.core.session.SessionGrants;
import io.gatehouse.core.session.SessionPolicy;
import io.gatehouse.core.session.SessionRegistry;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.store.DatabaseSettings;
import io.gatehouse.core.store.GroupCommitter;
import io.gatehouse.core.time.Cancellable;
import io.gatehouse.core.time.Scheduler;
import io.gatehouse.core.transport.OpenSockets;
import io.gatehouse.core.transport.Transports;
import io.gatehouse.server.config.DatabaseConfig;
import io.gatehouse.server.config.GatehouseConfig;
import io.gatehouse.server.http.ConsoleApi;
import io.gatehouse.server.http.HttpApi;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nats.client.Connection;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the core's services by hand from the config, checks every
 * enabled front's needs before anything binds, starts the fronts in the config's order on
 * those services, then the HTTP API, and stops them in reverse. It knows the fronts only as
 * {@link FrontConfig} and {@link Front}.
 */
public final class Gatehouse implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gatehouse.class);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    /** Logins written in one transaction at most. */
    private static final int GROUP_COMMIT_MAX = 256;
    /** How long a node waits for the others' answers to a listing or a kick. */
    private static final Duration CLUSTER_PATIENCE = Duration.ofSeconds(2);
    /** Under data_dir: the key that seals API-key secrets in the store (SecretSealer). */
    static final String API_SECRETS_KEY_FILE = "api-secrets.key";
    /** The login journal's folder under data_dir. */
    static final String JOURNAL_DIR = "journal";

    private final GatehouseConfig config;
    private final Scheduler scheduler;
    private final List<AutoCloseable> stopOrder = new ArrayList<>();
    private final List<Front> fronts = new ArrayList<>();
    private CoreServices services;
    private HttpApi http;
    private ClusterSessions clusterSessions;
    /** This node's cluster membership, which tells the eldest node; null on a node alone. */
    private Seniority seniority;
    private Wills wills = Wills.ALONE;
    private Claims claims = Claims.ALONE;
    private String adminKey;
    private volatile Cancellable purge = Cancellable.NONE;
    private volatile boolean closed;

    private Gatehouse(GatehouseConfig config, Scheduler scheduler) {
        this.config = config;
        this.scheduler = scheduler;
    }

    /**
     * Starts everything the config enables; on failure, stops what had started and rethrows. A
     * front whose files or classes are missing is a {@link ConfigException} naming every such
     * problem, thrown before anything is opened.
     */
    public static Gatehouse start(GatehouseConfig config, Scheduler scheduler) throws InterruptedException {
        List<String> problems = config.check();
        if (!problems.isEmpty()) {
            throw new ConfigException(config.source(), problems);
        }
        Gatehouse g = new Gatehouse(config, scheduler);
        try {
            g.startAll();
        } catch (RuntimeException | InterruptedException e) {
            g.close();
            throw e;
        }
        return g;
    }

    private void startAll() throws InterruptedException {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data_dir " + config.dataDir(), e);
        }
        // every listener of the process counts in one cap below its open-files limit
        OpenSockets.PROCESS.limit(config.limits().maxConnections());
        String url = config.database().url().isEmpty() ? DatabaseSettings.embeddedUrl(config.dataDir()) : config.database().url();
        Database db = Database.open(new DatabaseSettings(url, blankToNull(config.database().user()),
                blankToNull(config.database().password()), config.database().poolSize()));
        stopOrder.add(0, db);
        // before anything reads the store: what a killed run answered and left unapplied is applied first
        // (a node now without one, as in a cluster, still makes rows of what an earlier run's journal holds)
        Path journalDir = config.dataDir().resolve(JOURNAL_DIR);
        LoginJournal journal = null;
        if (config.database().journal() == DatabaseConfig.Journal.OFF) {
            LoginJournal.recover(journalDir, db, LocalSessionRegistry.ALONE, scheduler::nowMillis);
        } else {
            journal = LoginJournal.open(journalDir, db, LocalSessionRegistry.ALONE, config.database().journal() == DatabaseConfig.Journal.FSYNC,
                    LoginJournal.Bounds.DEFAULT, scheduler::nowMillis);
        }
        if (journal != null) {
            stopOrder.add(0, journal);
        }

        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        stopOrder.add(0, metrics::close);

        ExecutorService blocking = Executors.newFixedThreadPool(config.database().poolSize(), daemonThreads("gatehouse-store"));
        stopOrder.add(0, () -> {
            blocking.shutdown();
            blocking.awaitTermination(5, TimeUnit.SECONDS);
        });
        var a = config.accounts();
        AccountService accounts = new AccountService(db, new Argon2idHasher(a.argon2MemoryKib(), a.argon2Iterations(), a.argon2Parallelism()),
                scheduler, blocking);
        stopOrder.add(0, accounts::flushLoginEvents);
        FunctionCounter.builder("gatehouse.login.events.dropped", accounts, AccountService::droppedLoginEvents)
                .description("login events never written to the login history (queue full or write failed)").register(metrics);
        TokenService tokens = new TokenService(db, accounts, scheduler);
        ApiKeyService apiKeys = new ApiKeyService(db, accounts, scheduler,
                SecretSealer.loadOrCreate(config.dataDir().resolve(API_SECRETS_KEY_FILE)));
        int sealed = apiKeys.sealStoredSecrets();
        if (sealed > 0) {
            log.info("sealed {} API-key secret(s) stored in the clear by an earlier version", sealed);
        }
        SessionPolicy policy = config.sessionPolicy();
        Bus bus = bus();
        LocalSessionRegistry local;
        SessionRegistry sessions;
        if (config.cluster().enabled()) {
            local = clusterRegistry(db, bus, policy, blocking);
            sessions = new ClusterSessionRegistry(local, clusterSessions);
        } else {
            local = new LocalSessionRegistry(db, scheduler, policy.sessionTtl(), policy.duplicate(), config.cluster().node(), null);
            sessions = local;
        }

        EventLoopGroup io = Transports.group("gatehouse-io", 0);
        stopOrder.add(0, () -> io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly());
        GroupCommitter commits = new GroupCommitter(db, GROUP_COMMIT_MAX);
        stopOrder.add(0, commits);
        SessionGrants grants = new LocalSessionGrants(local, tokens, accounts, commits, scheduler, blocking);
        if (journal != null) {
            grants = new JournaledSessionGrants(local, tokens, accounts, journal, scheduler, grants);
            int known = tokens.loadLive();
            log.debug("login journal on ({}); {} live token(s) known in memory", config.database().journal().key(), known);
            FunctionCounter.builder("gatehouse.journal.refused", journal, LoginJournal::refused)
                    .description("logins refused because the login journal held as much as it may").register(metrics);
            FunctionCounter.builder("gatehouse.journal.skipped", journal, LoginJournal::skipped)
                    .description("login journal entries the store refused outright, skipped").register(metrics);
            Gauge.builder("gatehouse.journal.unapplied", journal, LoginJournal::unapplied)
                    .description("login journal entries written and not yet in the store").register(metrics);
            Gauge.builder("gatehouse.journal.held", journal, LoginJournal::heldBytes).baseUnit("bytes")
                    .description("login journal segments applied and kept as the record of unexpired spent tokens").register(metrics);
        }
        services = new CoreServices(scheduler, db, accounts, tokens, apiKeys, sessions, grants,
                clusterSessions == null ? Handovers.ALONE : clusterSessions, wills, claims, bus, metrics, io, blocking,
                config.limits(), config.dataDir(), relays(), seniority == null ? Seniority.alone(config.cluster().node()) : seniority, mail());

        // every node hears the bans made on the others, whether or not it serves the HTTP API
        AccountClosures closures = new AccountClosures(bus, sessions);
        stopOrder.add(0, closures);
        for (FrontConfig front : config.fronts()) {
            if (front.enabled()) {
                Front started = start(front);
                fronts.add(started);
                stopOrder.add(0, () -> started.stop(SHUTDOWN_GRACE));
            }
            Gauge.builder("gatehouse.sessions", sessions, r -> r.count(front.name())).tag("front", front.name())
                    .description("live sessions (the core's registry)").register(metrics);
        }
        if (config.http().enabled()) {
            adminKey = config.http().adminKey().isEmpty() ? generatedAdminKey(config.dataDir()) : config.http().adminKey();
            ConsoleApi console = ConsoleApi.start(services, fronts, config.cluster().enabled() ? config.cluster().node() : null);
            stopOrder.add(0, console);
            Refusals httpRefusals = new Refusals(metrics, "http", LoggerFactory.getLogger(HttpApi.class), scheduler::nowMillis);
            http = new HttpApi(services, policy, topics(bus), closures, metrics, adminKey, config.http(), httpRefusals,
                    services.throttle(config.http().tokenRequests(), httpRefusals, "token requests"),
                    new LoginThrottle(config.http().adminFailures(), config.limits().exempt(), config.limits().maxTracked(),
                            scheduler::nowMillis, httpRefusals, "failed admin keys", Refusal.ADMIN_FAILURES_PER_ADDRESS),
                    db::answers, blocking)
                    .start(config.http().bind(), List.of(console));
            stopOrder.add(0, http);
        }
        schedulePurge();
    }

    /**
     * This node's registry in a cluster: it joins the cluster's membership in the store (and
     * leaves it after the fronts have stopped), and asks the other nodes through the bus. The
     * fronts' wills are kept in the store too, and this node sends those of the nodes it judges gone;
     * what one node alone may serve is claimed there, and claimed again should the cluster judge
     * this node gone while it runs.
     */
    private LocalSessionRegistry clusterRegistry(Database db, Bus bus, SessionPolicy policy, ExecutorService blocking) {
        var c = config.cluster();
        LocalSessionRegistry[] registry = new LocalSessionRegistry[1];
        StoredClaims storedClaims = new StoredClaims(db, c.node());
        claims = storedClaims;
        NodeMembership membership = NodeMembership.join(db, c.node(), c.beat(), c.nodeTimeout(), () -> {
            registry[0].remarkAll();
            storedClaims.rejoined();
        });
        stopOrder.add(0, membership);
        seniority = membership;
        // closed after the fronts (which forget their sent wills as they stop) and before the store
        StoredWills storedWills = new StoredWills(db, c.node());
        stopOrder.add(0, storedWills);
        // the judge sends a gone node's wills; a node that sees the row go sends them when the judge serves no such front
        membership.whenGone(storedWills::nodeGone);
        membership.whenLeft(storedWills::nodeGone);
        wills = storedWills;
        clusterSessions = new ClusterSessions(bus, c.node(), membership::others, blocking, CLUSTER_PATIENCE);
        stopOrder.add(0, clusterSessions);
        registry[0] = new LocalSessionRegistry(db, scheduler, policy.sessionTtl(), policy.duplicate(), c.node(), clusterSessions);
        clusterSessions.serve(registry[0]);
        return registry[0];
    }

    /**
     * The in-process bus, or with {@code cluster.nats} the cluster's bus on NATS (closed after
     * the fronts, which still publish while they stop).
     */
    private Bus bus() throws InterruptedException {
        if (!config.cluster().enabled()) {
            return new LocalBus();
        }
        Connection nats;
        try {
            nats = NatsConnections.connect(config.cluster().nats(), config.cluster().node());
        } catch (IOException e) {
            throw new IllegalStateException("cluster.nats: " + e.getMessage(), e);
        }
        NatsBus bus = new NatsBus(nats, config.cluster().subjectPrefix());
        stopOrder.add(0, bus);
        log.info("node {} joined its cluster through {}", config.cluster().node(), String.join(", ", config.cluster().nats()));
        return bus;
    }

    /**
     * The fronts' relays: in-process alone; in a cluster, each on a NATS connection of its own
     * (so that pipe bytes do not queue in front of the bus's messages), beating at
     * {@code cluster.beat} and judging a silent node gone after {@code cluster.node_timeout},
     * closed after the fronts.
     */
    private RelayFactory relays() {
        var c = config.cluster();
        if (!c.enabled()) {
            return grace -> new LocalRelay(scheduler, grace);
        }
        return grace -> {
            Connection nats;
            try {
                nats = NatsConnections.connect(c.nats(), c.node() + "-relay");
            } catch (IOException e) {
                throw new IllegalStateException("cluster.nats: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while connecting the relay to NATS", e);
            }
            NatsRelay relay = new NatsRelay(nats, c.subjectPrefix(), scheduler, grace, c.beat(), c.nodeTimeout());
            stopOrder.add(0, relay);
            return relay;
        };
    }

    /**
     * What nodes say among themselves: in-process alone; in a cluster on a NATS connection of
     * its own, on subjects no front's client reaches, closed after the fronts.
     */
    private NodeMail mail() throws InterruptedException {
        var c = config.cluster();
        if (!c.enabled()) {
            return NodeMail.alone(c.node());
        }
        Connection nats;
        try {
            nats = NatsConnections.connect(c.nats(), c.node() + "-mail");
        } catch (IOException e) {
            throw new IllegalStateException("cluster.nats: " + e.getMessage(), e);
        }
        NatsNodeMail mail = new NatsNodeMail(nats, c.subjectPrefix(), c.node());
        stopOrder.add(0, mail);
        return mail;
    }

    /** The topics publishes through the HTTP API go to: the front's that has them, or the bare bus (nothing counted). */
    private Topics topics(Bus bus) {
        return fronts.stream().flatMap(f -> f.topics().stream()).findFirst().orElse(m -> {
            bus.publish(m);
            return 0;
        });
    }

    /** Starts one front; what it refuses to start with is named after it. */
    private Front start(FrontConfig front) throws InterruptedException {
        try {
            return front.start(services);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(front.name() + ": " + e.getMessage(), e);
        }
    }

    private void schedulePurge() {
        if (closed) {
            return;
        }
        purge = scheduler.schedule(PURGE_EVERY, () -> {
            try {
                int s = services.sessions().purgeExpired();
                int t = services.tokens().purgeExpired();
                log.debug("purged {} expired sessions and {} expired tokens", s, t);
            } catch (RuntimeException e) {
                log.warn("purging expired sessions and tokens failed", e);
            }
            schedulePurge();
        });
    }

    /** What listens where, one line per listener, for the console. */
    public List<String> listening() {
        List<String> lines = new ArrayList<>();
        for (Front f : fronts) {
            f.listeners().forEach(l -> lines.add(l.line()));
        }
        if (http != null) {
            lines.add(new Listener("http", "api", null, "http://" + config.http().bind().host() + ":" + http.port()
                    + "/  (health, metrics, /api/v1, /console)").line());
        }
        return lines;
    }

    public CoreServices services() {
        return services;
    }

    /** The running fronts, in the config's order. */
    public List<Front> fronts() {
        return List.copyOf(fronts);
    }

    /** The running front of that type, or null when it is off. */
    public <T extends Front> T front(Class<T> type) {
        return fronts.stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }

    public int httpPort() {
        return http.port();
    }

    public String adminKey() {
        return adminKey;
    }

    /** Stops in reverse order: HTTP, fronts (every client gets its close reason), I/O, workers, store. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        purge.cancel();
        for (AutoCloseable c : stopOrder) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("stopping {} failed", c, e);
            }
        }
        stopOrder.clear();
    }

    private static String generatedAdminKey(Path dataDir) {
        Path file = dataDir.resolve("admin.key");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String key = Secrets.random(32);
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the file keeps its default permissions
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
