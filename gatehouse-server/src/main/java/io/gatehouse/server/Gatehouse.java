package io.gatehouse.server;

import io.gatehouse.astron.AstronFront;
import io.gatehouse.astron.dc.DcSyntaxException;
import io.gatehouse.control.ControlConfig;
import io.gatehouse.control.ControlFront;
import io.gatehouse.control.handler.ControlServices;
import io.gatehouse.control.codec.ControlPacketEncoder;
import io.gatehouse.control.handler.TopicHub;
import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.account.ApiKeyService;
import io.gatehouse.core.account.Argon2idHasher;
import io.gatehouse.core.account.CharacterStore;
import io.gatehouse.core.account.CreationLog;
import io.gatehouse.core.account.SecretSealer;
import io.gatehouse.core.account.TokenService;
import io.gatehouse.core.bus.Bus;
import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.limits.LoginLimits;
import io.gatehouse.core.limits.LoginThrottle;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.metrics.Refusal;
import io.gatehouse.core.metrics.Refusals;
import io.gatehouse.core.objects.ObjectStore;
import io.gatehouse.core.session.LocalSessionGrants;
import io.gatehouse.core.session.LocalSessionRegistry;
import io.gatehouse.core.session.Secrets;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.store.DatabaseSettings;
import io.gatehouse.core.store.GroupCommitter;
import io.gatehouse.core.time.Cancellable;
import io.gatehouse.core.time.Scheduler;
import io.gatehouse.core.transport.Transports;
import io.gatehouse.marauroa.MarauroaConfig;
import io.gatehouse.marauroa.MarauroaFront;
import io.gatehouse.marauroa.crypto.RsaKey;
import io.gatehouse.marauroa.game.MarauroaGame;
import io.gatehouse.marauroa.handler.MarauroaServices;
import io.gatehouse.server.config.GatehouseConfig;
import io.gatehouse.server.http.HttpApi;
import io.gatehouse.vcmi.VcmiFront;
import io.gatehouse.vcmi.handler.VcmiStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
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
 * The composition root: builds every service by hand from the config, starts them in
 * dependency order (store, core services, fronts, HTTP) and stops them in reverse.
 */
public final class Gatehouse implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gatehouse.class);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);
    private static final long SHUTDOWN_GRACE_MILLIS = 5000;
    /** Auths written in one transaction at most. */
    private static final int GROUP_COMMIT_MAX = 256;
    /** Under data_dir: the key that seals API-key secrets in the store (SecretSealer). */
    static final String API_SECRETS_KEY_FILE = "api-secrets.key";

    private final GatehouseConfig config;
    private final Scheduler scheduler;
    private final List<AutoCloseable> stopOrder = new ArrayList<>();
    private Services services;
    private ControlFront control;
    private VcmiFront vcmi;
    private AstronFront astron;
    private MarauroaFront marauroa;
    private HttpApi http;
    private String adminKey;
    private volatile Cancellable purge = Cancellable.NONE;
    private volatile boolean closed;

    private Gatehouse(GatehouseConfig config, Scheduler scheduler) {
        this.config = config;
        this.scheduler = scheduler;
    }

    /** Starts everything the config enables; on failure, stops what had started and rethrows. */
    public static Gatehouse start(GatehouseConfig config, Scheduler scheduler) throws InterruptedException {
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
        String url = config.database().url().isEmpty() ? DatabaseSettings.embeddedUrl(config.dataDir()) : config.database().url();
        Database db = Database.open(new DatabaseSettings(url, blankToNull(config.database().user()),
                blankToNull(config.database().password()), config.database().poolSize()));
        stopOrder.add(0, db);

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
                .description("failed logins never written to the login history (queue full or write failed)").register(metrics);
        TokenService tokens = new TokenService(db, accounts, scheduler);
        ApiKeyService apiKeys = new ApiKeyService(db, accounts, scheduler,
                SecretSealer.loadOrCreate(config.dataDir().resolve(API_SECRETS_KEY_FILE)));
        int sealed = apiKeys.sealStoredSecrets();
        if (sealed > 0) {
            log.info("sealed {} API-key secret(s) stored in the clear by an earlier version", sealed);
        }
        ControlConfig cc = config.control();
        LocalSessionRegistry sessions = new LocalSessionRegistry(db, scheduler, cc.sessionTtl(), cc.duplicate());
        Bus bus = new LocalBus();
        services = new Services(scheduler, accounts, tokens, apiKeys, sessions, bus);

        EventLoopGroup io = Transports.group("gatehouse-io", 0);
        stopOrder.add(0, () -> io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly());

        if (cc.enabled()) {
            GroupCommitter commits = new GroupCommitter(db, GROUP_COMMIT_MAX);
            stopOrder.add(0, commits);
            FrontMetrics controlMetrics = new FrontMetrics(metrics, "control");
            ControlServices cs = new ControlServices(cc, new LocalSessionGrants(sessions, tokens, accounts, commits, scheduler, blocking),
                    sessions, bus, scheduler, controlMetrics, new TopicHub(bus, ControlPacketEncoder.gzipFrom(cc.gzipMinBytes())),
                    throttle(cc.logins(), controlMetrics.refusals(LoggerFactory.getLogger(ControlFront.class), scheduler::nowMillis)));
            control = new ControlFront(cs, io).start();
            stopOrder.add(0, () -> control.stop(SHUTDOWN_GRACE_MILLIS));
        }
        if (config.astron().enabled()) {
            try {
                astron = new AstronFront(config.astron(), new ObjectStore(db, "astron"), metrics, scheduler, sessions, io);
            } catch (DcSyntaxException e) {
                throw new IllegalStateException("astron.dc_files: " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("astron: " + e.getMessage(), e);
            }
            stopOrder.add(0, astron);
        }
        if (config.marauroa().enabled()) {
            MarauroaConfig mc = config.marauroa();
            Path keyFile = config.dataDir().resolve(mc.keyFile());
            RsaKey key;
            try {
                key = RsaKey.loadOrCreate(keyFile, mc.keyBits());
            } catch (IOException e) {
                throw new IllegalStateException("marauroa.key_file: cannot read or write " + keyFile + ": " + e.getMessage(), e);
            }
            MarauroaGame game;
            try {
                game = mc.newGame();
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("marauroa.game_class: " + e.getMessage(), e);
            }
            FrontMetrics marauroaMetrics = new FrontMetrics(metrics, "marauroa");
            LoginThrottle marauroaLogins = throttle(mc.loginLimits(),
                    marauroaMetrics.refusals(LoggerFactory.getLogger(MarauroaFront.class), scheduler::nowMillis));
            marauroa = new MarauroaFront(new MarauroaServices(mc, key, game, accounts,
                    new CharacterStore(db, scheduler, "marauroa"), new CreationLog(db, scheduler, "marauroa"), sessions, marauroaLogins,
                    blocking, scheduler, marauroaMetrics), io);
            stopOrder.add(0, marauroa);
        }
        if (config.vcmi().enabled()) {
            vcmi = new VcmiFront(config.vcmi(), scheduler, io, new FrontMetrics(metrics, "vcmi"), new VcmiStats(metrics), sessions).start();
            stopOrder.add(0, () -> vcmi.stop(SHUTDOWN_GRACE_MILLIS));
        }
        for (String front : List.of("control", "astron", "marauroa", "vcmi")) {
            Gauge.builder("gatehouse.sessions", sessions, r -> r.count(front)).tag("front", front)
                    .description("live sessions (the core's registry)").register(metrics);
        }
        if (config.http().enabled()) {
            adminKey = config.http().adminKey().isEmpty() ? generatedAdminKey(config.dataDir()) : config.http().adminKey();
            Refusals httpRefusals = new Refusals(metrics, "http", LoggerFactory.getLogger(HttpApi.class), scheduler::nowMillis);
            http = new HttpApi(services, cc, metrics, adminKey, config.http(), httpRefusals,
                    throttle(config.http().tokenRequests(), httpRefusals, "token requests"),
                    new LoginThrottle(config.http().adminFailures(), config.limits().exempt(), config.limits().maxTracked(),
                            scheduler::nowMillis, httpRefusals, "failed admin keys", Refusal.ADMIN_FAILURES_PER_ADDRESS),
                    db::answers, blocking)
                    .start(config.http().bind());
            stopOrder.add(0, http);
        }
        schedulePurge();
    }

    /** The core's throttle of one login path, with the config's exemptions and bound. */
    private LoginThrottle throttle(LoginLimits limits, Refusals refusals, String counted) {
        return new LoginThrottle(limits, config.limits().exempt(), config.limits().maxTracked(), scheduler::nowMillis, refusals, counted);
    }

    private LoginThrottle throttle(LoginLimits limits, Refusals refusals) {
        return throttle(limits, refusals, "failed logins");
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
        if (control != null) {
            lines.add("control  tcp  " + show(config.control().bind().host(), control.tcpAddress()));
            if (control.webSocketAddress() != null) {
                lines.add("control  ws   ws://" + show(config.control().websocket().host(), control.webSocketAddress())
                        + config.control().websocketPath()
                        + "?version=1&codec=1&platform=9");
            }
        }
        if (astron != null) {
            for (int i = 0; i < astron.clientAgents().size(); i++) {
                var ca = config.astron().clientAgents().get(i);
                var agent = astron.clientAgents().get(i);
                lines.add("astron   tcp  " + show(ca.bind().host(), agent.address()) + "  (Client Agent, version " + ca.version() + ")");
                if (agent.websocketAddress() != null) {
                    lines.add("astron   ws   ws://" + show(ca.websocket().host(), agent.websocketAddress()) + ca.websocketPath());
                }
            }
            lines.add("astron   md   " + show(config.astron().mdBind().host(), astron.mdAddress())
                    + "  (Message Director; State Servers " + config.astron().stateServers() + ")");
            if (config.astron().database().enabled()) {
                lines.add("astron   db   channel " + config.astron().database().channel() + "  (Database Server; objects in Gatehouse's store)");
            }
        }
        if (marauroa != null) {
            lines.add("marauroa tcp  " + show(config.marauroa().bind().host(), marauroa.address()));
        }
        if (vcmi != null) {
            lines.add("vcmi     tcp  " + show(config.vcmi().bind().host(), vcmi.address()));
        }
        if (http != null) {
            lines.add("http     api  http://" + config.http().bind().host() + ":" + http.port() + "/  (health, metrics, /api/v1)");
        }
        return lines;
    }

    /** The configured host (as the operator wrote it) with the port actually bound. */
    private static String show(String host, InetSocketAddress bound) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort();
    }

    public Services services() {
        return services;
    }

    public ControlFront control() {
        return control;
    }

    /** The astron front, or null when it is off. */
    public AstronFront astron() {
        return astron;
    }

    /** The vcmi front, or null when it is off. */
    /** The marauroa front, or null when it is off. */
    public MarauroaFront marauroa() {
        return marauroa;
    }

    public VcmiFront vcmi() {
        return vcmi;
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
