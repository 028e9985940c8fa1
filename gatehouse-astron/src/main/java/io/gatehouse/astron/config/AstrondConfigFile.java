package io.gatehouse.astron.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.astron.AstronConfig;
import io.gatehouse.astron.clientagent.ClientAgentConfig;
import io.gatehouse.core.limits.ConnectionLimit;
import io.gatehouse.astron.clientagent.ClientTls;
import io.gatehouse.astron.clientagent.InterestPolicy;
import io.gatehouse.astron.clientagent.Uberdog;
import io.gatehouse.astron.database.DatabaseServerConfig;
import io.gatehouse.astron.eventlog.EventLogConfig;
import io.gatehouse.astron.eventlog.EventLoggerConfig;
import io.gatehouse.astron.md.MdLinkConfig;
import io.gatehouse.astron.stateserver.DbStateServerConfig;
import io.gatehouse.core.config.ConfigException;
import io.gatehouse.core.config.ConfigFiles;
import io.gatehouse.core.config.ConfigSection;
import io.gatehouse.core.transport.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an astrond config file (docs/protocol/astron.md, section 13) into the astron front's
 * config, with only the roles it names, so that an Astron deployment switches by changing its
 * command (the server runs it with every other front off). Relative paths resolve against the config file's folder, as astrond changes into that
 * folder before it reads anything.
 * Every key Gatehouse does not support is named in the one {@link ConfigException}.
 */
public final class AstrondConfigFile {

    private static final String UNSUPPORTED = "not supported by Gatehouse";
    private static final int MD_PORT = 7199;
    private static final String ROLE_TYPES = "clientagent, stateserver, database, dbss or eventlogger";
    private static final long FIRST_RESERVED_PARENT = 1L << 32;
    private static final long LAST_RESERVED_PARENT = 999L << 32;
    private static final String WEB = "astrond's status page is " + UNSUPPORTED + " (astrond itself has no such key and refuses it);"
            + " run from a Gatehouse config for its HTTP API: /health, /metrics, /api/v1/sessions";

    private AstrondConfigFile() {
    }

    /** The astron config that runs {@code file}'s roles. */
    public static AstronConfig load(Path file) {
        return read(ConfigFiles.readYaml(file), file.toAbsolutePath().getParent(), file.toString());
    }

    /** Reads an astrond config tree whose relative paths resolve against {@code base}. */
    public static AstronConfig read(JsonNode tree, Path base, String source) {
        List<String> problems = new ArrayList<>();
        ConfigSection root = ConfigSection.root(tree, problems);

        ConfigSection daemon = root.section("daemon");
        daemon.string("name", "");
        daemon.string("url", "");
        daemon.finish();

        ConfigSection general = root.section("general");
        List<Path> dcFiles = general.paths("dc_files", base);
        var sendTo = EventLoggerConfig.target(general, "eventlogger");
        general.finish();
        if (root.has("web")) {
            root.problem("web", WEB);
        }

        List<Uberdog> uberdogs = new ArrayList<>();
        for (ConfigSection u : root.sections("uberdogs")) {
            uberdogs.add(new Uberdog(doid(u, "id", 0), u.string("class", ""), u.bool("anonymous", false)));
            if (!u.has("id") || !u.has("class")) {
                u.problem("", "an UberDOG needs its id and class");
            }
            u.finish();
        }

        ConfigSection mdSection = root.section("messagedirector");
        HostPort mdBind = address(mdSection, new HostPort("0.0.0.0", MD_PORT), MD_PORT);
        mdSection.bool("threaded", true);
        HostPort upstream = mdSection.parsed("connect", null, t -> HostPort.parse(t, MD_PORT), "host, host:port, [v6] or [v6]:port", p -> { });
        mdSection.finish();

        List<ClientAgentConfig> agents = new ArrayList<>();
        List<Long> stateServers = new ArrayList<>();
        List<DbStateServerConfig> dbss = new ArrayList<>();
        DatabaseServerConfig database = new DatabaseServerConfig(false, 0, 1, 1, false);
        List<EventLoggerConfig> eventLoggers = new ArrayList<>();
        for (ConfigSection role : root.sections("roles")) {
            String type = role.string("type", "");
            switch (type) {
                case "clientagent" -> agents.add(clientAgent(role, base));
                case "stateserver" -> stateServers.add(channel(role, "control", 0));
                case "database" -> {
                    if (database.enabled()) {
                        role.problem("type", "only one database role is supported");
                    }
                    database = database(role);
                }
                case "dbss" -> dbss.add(dbss(role));
                case "eventlogger" -> eventLoggers.add(EventLoggerConfig.read(role, base));
                default -> role.problem("type", role.has("type")
                        ? "'" + type + "' is not a role type of astrond (" + ROLE_TYPES + ")"
                        : "every role needs its type (" + ROLE_TYPES + ")");
            }
            if (!List.of("clientagent", "stateserver", "database", "dbss").contains(type)) {
                continue;
            }
            role.finish();
        }
        root.finish();
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems.stream().map(p -> p.replace(": unknown key", ": " + UNSUPPORTED)).toList());
        }
        return new AstronConfig(true, agents, mdBind, MdLinkConfig.defaults().withUpstream(upstream), dcFiles, uberdogs, stateServers, dbss,
                database, new EventLogConfig(eventLoggers, sendTo));
    }

    /**
     * astrond's {@code tls} section. Its switches for old protocols can only be off here:
     * Gatehouse offers TLS 1.2 and 1.3 alone (the JDK refuses older ones).
     */
    private static ClientTls tls(ConfigSection t, Path base) {
        for (String old : new String[] {"tlsv1", "sslv2", "sslv3"}) {
            if (t.bool(old, false)) {
                t.problem(old, "true is " + UNSUPPORTED + " (TLS 1.2 and 1.3 only; set it to false)");
            }
        }
        if (t.has("max_verify_depth")) {
            t.problem("max_verify_depth", UNSUPPORTED);
        }
        return ClientTls.read(t, base);
    }

    private static ClientAgentConfig clientAgent(ConfigSection role, Path base) {
        ClientAgentConfig d = ClientAgentConfig.defaults();
        HostPort bind = address(role, d.bind(), d.bind().port());
        String version = role.string("version", d.version());
        long hash = role.whole("manual_dc_hash", 0, 0, 0xFFFF_FFFFL);
        ConfigSection channels = role.section("channels");
        if (!role.has("channels")) {
            role.problem("channels", "a client agent needs its channel range (min and max)");
        }
        long min = channel(channels, "min", d.channelMin());
        long max = channel(channels, "max", d.channelMax());
        if (min > max) {
            channels.problem("min", min + " is above max " + max);
        }
        channels.finish();
        ConfigSection client = role.section("client");
        String clientType = client.string("type", "libastron");
        if (!clientType.equals("libastron")) {
            client.problem("type", "'" + clientType + "' clients are " + UNSUPPORTED + " (supported: libastron)");
        }
        boolean relocate = client.bool("relocate", false);
        InterestPolicy interests = client.parsed("add_interest", InterestPolicy.VISIBLE, InterestPolicy::fromConfig,
                "enabled, visible or disabled", x -> { });
        Duration heartbeat = Duration.ofMillis(client.whole("heartbeat_timeout", 0, 0, Integer.MAX_VALUE));
        int writeBuffer = (int) client.whole("write_buffer_size", d.maxOutboundBytes(), 0, Integer.MAX_VALUE);
        if (writeBuffer == 0) {
            writeBuffer = Integer.MAX_VALUE;
        }
        client.whole("write_timeout_ms", 5000, 0, 0xFFFF_FFFFL);
        client.finish();
        ConfigSection tuning = role.section("tuning");
        Duration interestTimeout = Duration.ofMillis(tuning.whole("interest_timeout", 500, 1, Integer.MAX_VALUE));
        tuning.finish();
        boolean haproxy = role.bool("haproxy", d.haproxy());
        ClientTls tls = role.has("tls") ? tls(role.section("tls"), base) : null;
        // astrond has no per-address cap; Gatehouse's default applies, except behind HAProxy (every peer is the proxy)
        ConnectionLimit connections = haproxy ? ConnectionLimit.none() : d.connections();
        return new ClientAgentConfig(bind, null, "/", version, hash, min, max, heartbeat, relocate, interests,
                d.maxDatagramSize(), interestTimeout, writeBuffer, haproxy, tls, d.helloTimeout(), d.anonymousTimeout(), connections);
    }

    /**
     * A channel as astrond checks it: not 0, and not reserved (1 to 999, and the parent channels of
     * the reserved object ids, 1..999 shifted 32 bits up). Channels past 2^63 do not fit Gatehouse.
     */
    private static long channel(ConfigSection s, String key, long dflt) {
        long c = s.whole(key, dflt, 1, Long.MAX_VALUE);
        if (c >= 1 && c <= 999 || c >= FIRST_RESERVED_PARENT && c <= LAST_RESERVED_PARENT) {
            s.problem(key, c + " is a reserved channel (1 to 999, and " + FIRST_RESERVED_PARENT + " to " + LAST_RESERVED_PARENT + ")");
        }
        return c;
    }

    /** An object id as astrond checks it: 1 to 4294967295, and not reserved (1 to 999). */
    private static long doid(ConfigSection s, String key, long dflt) {
        long id = s.whole(key, dflt, 1, 0xFFFF_FFFFL);
        if (id >= 1 && id <= 999) {
            s.problem(key, id + " is a reserved object id (1 to 999)");
        }
        return id;
    }

    /** A {@code bind} in astrond's form, whose port may be left out (see {@link HostPort#parse(String, int)}). */
    private static HostPort address(ConfigSection s, HostPort dflt, int defaultPort) {
        return s.parsed("bind", dflt, t -> HostPort.parse(t, defaultPort), "host, host:port, [v6] or [v6]:port", p -> { });
    }

    /**
     * astrond's storage for the database role, checked with the keys its type takes there and then
     * ignored: Gatehouse keeps the objects in its own store.
     */
    private static void backend(ConfigSection backend) {
        String type = backend.string("type", "yaml");
        switch (type) {
            case "yaml" -> backend.string("directory", "");
            case "mongodb" -> {
                backend.string("server", "");
                backend.whole("workers", 8, 1, Integer.MAX_VALUE);
            }
            case "soci" -> {
                for (String key : new String[] {"driver", "database", "address", "username", "password"}) {
                    backend.string(key, "");
                }
            }
            default -> backend.problem("type", "'" + type + "' is not a backend of astrond (yaml, mongodb or soci)");
        }
        backend.finish();
    }

    /** A {@code dbss} role: its {@code database} channel and the object id {@code ranges} it serves. */
    private static DbStateServerConfig dbss(ConfigSection role) {
        if (!role.has("database")) {
            role.problem("database", "a dbss needs its database's control channel");
        }
        long db = channel(role, "database", 0);
        List<DbStateServerConfig.Range> ranges = new ArrayList<>();
        for (ConfigSection r : role.sections("ranges")) {
            if (!r.has("min")) {
                r.problem("min", "a range needs its min (astrond's default, 0, is no object id)");
            }
            long min = doid(r, "min", 0);
            long max = doid(r, "max", 0xFFFF_FFFFL);
            if (min > max) {
                r.problem("min", min + " is above max " + max);
            }
            r.finish();
            ranges.add(new DbStateServerConfig.Range(min, max));
        }
        return new DbStateServerConfig(db, ranges);
    }

    private static DatabaseServerConfig database(ConfigSection role) {
        DatabaseServerConfig d = DatabaseServerConfig.defaults();
        long control = channel(role, "control", 0);
        boolean broadcast = role.bool("broadcast", true);
        ConfigSection generate = role.section("generate");
        long min = doid(generate, "min", d.minId());
        long max = doid(generate, "max", d.maxId());
        if (min > max) {
            generate.problem("min", min + " is above max " + max);
        }
        generate.finish();
        backend(role.section("backend"));
        return new DatabaseServerConfig(true, control, min, max, broadcast);
    }
}
