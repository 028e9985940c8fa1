package io.gatehouse.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.gatehouse.core.account.Argon2idHasher;
import io.gatehouse.core.config.ConfigException;
import io.gatehouse.core.config.ConfigFiles;
import io.gatehouse.core.config.ConfigSection;
import io.gatehouse.core.front.ConfigContext;
import io.gatehouse.core.front.FrontConfig;
import io.gatehouse.core.front.FrontModule;
import io.gatehouse.core.limits.AddressSet;
import io.gatehouse.core.limits.LimitsConfig;
import io.gatehouse.core.limits.LoginLimits;
import io.gatehouse.core.transport.HostPort;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the YAML config file: the core's sections here, each front's section by its module
 * ({@link FrontModules}). The whole tree is checked before anything starts, and every problem
 * (bad value, unknown key) is reported in one {@link ConfigException}. Relative paths resolve
 * against the config file's folder (against the working directory when there is no file).
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** The defaults: what {@code ./gatehouse serve} runs with when no file is given. */
    public static GatehouseConfig defaults() {
        return read(MissingNode.getInstance(), Path.of("").toAbsolutePath(), "defaults");
    }

    public static GatehouseConfig load(Path file) {
        Path base = file.toAbsolutePath().getParent();
        return read(ConfigFiles.readYaml(file), base, file.toString());
    }

    /** Parses YAML text as if it were a file in {@code base}: for tests and tools. */
    public static GatehouseConfig parse(String yaml, Path base) {
        return read(ConfigFiles.parseYaml(yaml, "config"), base, "config");
    }

    private static GatehouseConfig read(JsonNode tree, Path base, String source) {
        List<String> problems = new ArrayList<>();
        ConfigSection root = ConfigSection.root(tree, problems);

        Path dataDir = base.resolve(root.string("data_dir", "./data")).normalize();

        ConfigSection db = root.section("database");
        boolean journalGiven = db.has("journal");
        DatabaseConfig database = new DatabaseConfig(db.string("url", ""), db.string("user", ""), db.string("password", ""),
                db.integer("pool_size", 10, 1, 200), journal(db));
        db.finish();

        LimitsConfig limits = limits(root.section("limits"));

        ConfigSection h = root.section("http");
        HttpConfig http = new HttpConfig(h.bool("enabled", true), h.hostPort("bind", new HostPort("127.0.0.1", 8080)),
                h.string("admin_key", ""), h.duration("signature_max_skew", Duration.ofMinutes(5)),
                h.duration("header_timeout", HttpConfig.DEFAULT_HEADER_TIMEOUT),
                h.duration("idle_timeout", HttpConfig.DEFAULT_IDLE_TIMEOUT),
                attempts(h, "token_requests_per_address", HttpConfig.DEFAULT_TOKEN_REQUESTS_PER_ADDRESS, "token_request_window"),
                attempts(h, "admin_failures_per_address", HttpConfig.DEFAULT_ADMIN_FAILURES_PER_ADDRESS, "admin_failure_window"));
        h.finish();

        ConfigSection a = root.section("accounts");
        AccountsConfig accounts = new AccountsConfig(
                a.integer("argon2_memory_kib", Argon2idHasher.DEFAULT_MEMORY_KIB, 8, 4 * 1024 * 1024),
                a.integer("argon2_iterations", Argon2idHasher.DEFAULT_ITERATIONS, 1, 100),
                a.integer("argon2_parallelism", Argon2idHasher.DEFAULT_PARALLELISM, 1, 64));
        a.finish();

        ClusterConfig cluster = cluster(root.section("cluster"), database);
        if (!cluster.nats().isEmpty()) {
            if (journalGiven && database.journal() != DatabaseConfig.Journal.OFF) {
                problems.add("database.journal: " + database.journal().key()
                        + " is for a node alone; a cluster's nodes write every login to their shared store (leave it out, or off)");
            }
            database = new DatabaseConfig(database.url(), database.user(), database.password(), database.poolSize(),
                    DatabaseConfig.Journal.OFF);
        }

        ConfigContext context = new ConfigContext(base, limits, !cluster.nats().isEmpty());
        List<FrontConfig> fronts = new ArrayList<>();
        for (FrontModule module : FrontModules.ALL) {
            fronts.add(module.read(root.section(module.name()), context));
        }
        root.finish();
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return new GatehouseConfig(source, dataDir, database, http, accounts, limits, cluster, fronts);
    }

    /**
     * The config {@code ./gatehouse astrond} runs: every front and the HTTP API off but the one
     * given, Gatehouse's own data under {@code dataDir}.
     */
    public static GatehouseConfig only(FrontConfig front, Path dataDir) {
        StringBuilder yaml = new StringBuilder("http: {enabled: false}\n");
        for (FrontModule module : FrontModules.ALL) {
            yaml.append(module.name()).append(": {enabled: false}\n");
        }
        return parse(yaml.toString(), dataDir).withFront(front).withDataDir(dataDir);
    }

    /** {@code database.journal}: write (the default), fsync or off (YAML's bare {@code off} included). */
    private static DatabaseConfig.Journal journal(ConfigSection db) {
        try {
            return DatabaseConfig.Journal.parse(db.textOrOff("journal", DatabaseConfig.Journal.WRITE.key()));
        } catch (IllegalArgumentException e) {
            db.problem("journal", e.getMessage());
            return DatabaseConfig.Journal.WRITE;
        }
    }

    /**
     * {@code cluster.nats} is one URL or a list of them; a node of a cluster keeps its sessions,
     * accounts and objects where the other nodes see them, so its store must be PostgreSQL.
     */
    private static ClusterConfig cluster(ConfigSection c, DatabaseConfig database) {
        List<String> nats = c.oneOrMore("nats");
        String node = c.string("node", localHostName());
        String prefix = c.string("subject_prefix", ClusterConfig.DEFAULT_SUBJECT_PREFIX);
        Duration beat = c.duration("beat", ClusterConfig.DEFAULT_BEAT);
        Duration nodeTimeout = c.duration("node_timeout", ClusterConfig.DEFAULT_NODE_TIMEOUT);
        if (nodeTimeout.compareTo(beat.multipliedBy(2)) < 0) {
            c.problem("node_timeout", nodeTimeout.toMillis() + " ms is less than two beats (" + beat.toMillis()
                    + " ms each): a node would be judged gone between two of its beats");
        }
        if (node.length() > 64) {
            c.problem("node", "at most 64 characters");
        }
        for (String url : nats) {
            if (!url.matches("(nats|tls)://[^\\s/]+(:\\d+)?")) {
                c.problem("nats", "'" + url + "' is not a NATS URL (expected nats://host:port)");
            }
        }
        if (node.isBlank()) {
            c.problem("node", "a node needs a name unique in its cluster");
        }
        if (!prefix.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
            c.problem("subject_prefix", "'" + prefix + "' is not a NATS subject prefix (letters, digits, - and _, parts joined by .)");
        }
        if (!nats.isEmpty() && !database.url().startsWith("jdbc:postgresql:")) {
            c.problem("nats", "a cluster's nodes share one store: database.url must be PostgreSQL (jdbc:postgresql://host:5432/db), not "
                    + (database.url().isEmpty() ? "the embedded H2" : "'" + database.url() + "'"));
        }
        c.finish();
        return new ClusterConfig(nats, node, prefix, beat, nodeTimeout);
    }

    /** This machine's host name, the default name of its node. */
    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "gatehouse";
        }
    }

    /** {@code limits.max_connections}: auto, 0 or a positive count. */
    private static int maxConnections(String v) {
        if (v.equals("auto")) {
            return LimitsConfig.AUTO;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("auto, 0 (no cap) or a number of connections, not '" + v + "'");
    }

    private static LimitsConfig limits(ConfigSection l) {
        AddressSet exempt = AddressSet.NONE;
        try {
            exempt = AddressSet.parse(l.strings("exempt", List.of()));
        } catch (IllegalArgumentException e) {
            l.problem("exempt", e.getMessage());
        }
        int maxConnections = l.parsed("max_connections", LimitsConfig.AUTO, ConfigLoader::maxConnections,
                "auto, 0 (no cap) or a number of connections", n -> { });
        LimitsConfig limits = new LimitsConfig(exempt, l.integer("max_tracked", LimitsConfig.DEFAULT_MAX_TRACKED, 1, 10_000_000),
                maxConnections);
        l.finish();
        return limits;
    }

    /** A per-address attempt rate: {@code key} attempts (0 for no limit) within {@code windowKey}, one minute by default. */
    private static LoginLimits attempts(ConfigSection s, String key, int dflt, String windowKey) {
        return LoginLimits.perAddress(s.integer(key, dflt, 0, 1_000_000), s.duration(windowKey, Duration.ofMinutes(1)));
    }
}
