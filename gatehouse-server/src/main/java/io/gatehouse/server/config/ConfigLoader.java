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
        DatabaseConfig database = new DatabaseConfig(db.string("url", ""), db.string("user", ""), db.string("password", ""),
                db.integer("pool_size", 10, 1, 200));
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

        ConfigContext context = new ConfigContext(base, limits);
        List<FrontConfig> fronts = new ArrayList<>();
        for (FrontModule module : FrontModules.ALL) {
            fronts.add(module.read(root.section(module.name()), context));
        }
        root.finish();
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return new GatehouseConfig(source, dataDir, database, http, accounts, limits, fronts);
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

    private static LimitsConfig limits(ConfigSection l) {
        AddressSet exempt = AddressSet.NONE;
        try {
            exempt = AddressSet.parse(l.strings("exempt", List.of()));
        } catch (IllegalArgumentException e) {
            l.problem("exempt", e.getMessage());
        }
        LimitsConfig limits = new LimitsConfig(exempt, l.integer("max_tracked", LimitsConfig.DEFAULT_MAX_TRACKED, 1, 10_000_000));
        l.finish();
        return limits;
    }

    /** A per-address attempt rate: {@code key} attempts (0 for no limit) within {@code windowKey}, one minute by default. */
    private static LoginLimits attempts(ConfigSection s, String key, int dflt, String windowKey) {
        return LoginLimits.perAddress(s.integer(key, dflt, 0, 1_000_000), s.duration(windowKey, Duration.ofMinutes(1)));
    }
}
