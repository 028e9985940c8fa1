package io.gatehouse.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gatehouse.control.ControlConfig;
import io.gatehouse.control.codec.PacketReader;
import io.gatehouse.core.account.Argon2idHasher;
import io.gatehouse.core.limits.AddressSet;
import io.gatehouse.core.limits.ConnectionLimit;
import io.gatehouse.core.limits.LoginLimits;
import io.gatehouse.core.session.DuplicatePolicy;
import io.gatehouse.core.time.Durations;
import io.gatehouse.core.transport.HostPort;
import io.gatehouse.astron.AstronConfig;
import io.gatehouse.astron.clientagent.ClientAgentConfig;
import io.gatehouse.astron.clientagent.ClientTls;
import io.gatehouse.astron.clientagent.InterestPolicy;
import io.gatehouse.astron.clientagent.Uberdog;
import io.gatehouse.astron.database.DatabaseServerConfig;
import io.gatehouse.astron.md.MdLinkConfig;
import io.gatehouse.marauroa.CreationRules;
import io.gatehouse.marauroa.MarauroaConfig;
import io.gatehouse.vcmi.VcmiConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the YAML config file. This class is the one place defaults live; the whole tree is
 * checked before anything starts, and every problem (bad value, unknown key) is reported in
 * one {@link ConfigException}. Relative paths resolve against the
 * config file's folder (against the working directory when there is no file).
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
        return read(readYaml(file), base, file.toString());
    }

    /** The YAML tree of a file (an empty file is an empty tree); unreadable or invalid YAML is a ConfigException. */
    static JsonNode readYaml(Path file) {
        JsonNode tree;
        try {
            tree = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new ConfigException(file.toString(), List.of("not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr())));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
        }
        return tree == null ? MissingNode.getInstance() : tree;
    }

    /** Parses YAML text as if it were a file in {@code base}: for tests and tools. */
    public static GatehouseConfig parse(String yaml, Path base) {
        try {
            JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
            return read(tree == null ? MissingNode.getInstance() : tree, base, "config");
        } catch (JsonProcessingException e) {
            throw new ConfigException("config", List.of("not valid YAML: " + e.getOriginalMessage()));
        }
    }

    private static GatehouseConfig read(JsonNode tree, Path base, String source) {
        List<String> problems = new ArrayList<>();
        ConfigSection root = new ConfigSection("", tree, problems);

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

        ControlConfig control = control(root.section("control"), limits.exempt());

        AstronConfig astron = astron(root.section("astron"), base, limits.exempt());
        MarauroaConfig marauroa = marauroa(root.section("marauroa"), limits.exempt());
        VcmiConfig vcmi = vcmi(root.section("vcmi"), limits.exempt());
        root.finish();
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return new GatehouseConfig(dataDir, database, http, accounts, control, astron, marauroa, vcmi, limits);
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

    /** A front's {@code max_connections_per_address} (0 for no cap), with the shared exemptions. */
    private static ConnectionLimit connections(ConfigSection s, int dflt, AddressSet exempt) {
        return new ConnectionLimit(s.integer("max_connections_per_address", dflt, 0, 1_000_000), exempt);
    }

    /** A per-address attempt rate: {@code key} attempts (0 for no limit) within {@code windowKey}, one minute by default. */
    private static LoginLimits attempts(ConfigSection s, String key, int dflt, String windowKey) {
        return LoginLimits.perAddress(s.integer(key, dflt, 0, 1_000_000), s.duration(windowKey, Duration.ofMinutes(1)));
    }

    private static ControlConfig control(ConfigSection c, AddressSet exempt) {
        ControlConfig d = ControlConfig.defaults();
        boolean enabled = c.bool("enabled", d.enabled());
        HostPort bind = c.hostPort("bind", d.bind());
        WebSocketBind ws = webSocket(c, d.websocket() + d.websocketPath());
        HostPort wsBind = ws.bind();
        String wsPath = ws.path();
        Duration heartbeat = c.duration("heartbeat_timeout", d.heartbeatTimeout());
        Duration auth = c.duration("auth_timeout", d.authTimeout());
        Duration ping = c.duration("ping_interval", d.pingInterval());
        Duration tokenTtl = c.duration("token_ttl", d.tokenTtl());
        Duration sessionTtl = c.duration("session_ttl", d.sessionTtl());
        DuplicatePolicy duplicate = c.parsed("duplicate", d.duplicate(), DuplicatePolicy::fromConfig, "close_older or reject_newer", p -> { });
        int limit = c.integer("connection_limit", d.connectionLimit(), 1, 1_000_000);
        int maxBody = c.integer("max_body_bytes", d.maxBodyBytes(), 1, PacketReader.MAX_WIRE_BODY);
        int maxOut = c.integer("max_outbound_bytes", d.maxOutboundBytes(), 64 * 1024, Integer.MAX_VALUE);
        int maxTopics = c.integer("max_topics", d.maxTopics(), 1, 100_000);
        int gzipMinBytes = c.integer("gzip_min_bytes", d.gzipMinBytes(), 0, PacketReader.MAX_WIRE_BODY);
        ConnectionLimit connections = connections(c, d.connections().perAddress(), exempt);
        LoginLimits logins = LoginLimits.perAddress(c.integer("failed_logins_per_address", d.logins().perAddress(), 0, 1_000_000),
                c.duration("failed_login_window", d.logins().window()));
        c.finish();
        return new ControlConfig(enabled, bind, wsBind, wsPath, heartbeat, auth, ping, tokenTtl, sessionTtl, duplicate,
                limit, maxBody, maxOut, maxTopics, gzipMinBytes, connections, logins);
    }

    /** A WebSocket listener given as {@code host:port/path}, or {@code off} (null bind). */
    private record WebSocketBind(HostPort bind, String path) {
    }

    private static WebSocketBind webSocket(ConfigSection c, String dflt) {
        String ws = c.textOrOff("websocket", dflt);
        if (ws.isEmpty() || ws.equals("off")) {
            return new WebSocketBind(null, "/");
        }
        int slash = ws.indexOf('/', ws.lastIndexOf(':') + 1);
        String hp = slash < 0 ? ws : ws.substring(0, slash);
        String path = slash < 0 ? "/" : ws.substring(slash);
        try {
            return new WebSocketBind(HostPort.parse(hp), path);
        } catch (IllegalArgumentException e) {
            c.problem("websocket", e.getMessage() + " (expected host:port/path, or off)");
            return new WebSocketBind(null, "/");
        }
    }

    private static AstronConfig astron(ConfigSection a, Path base, AddressSet exempt) {
        AstronConfig d = AstronConfig.defaults();
        boolean enabled = a.bool("enabled", d.enabled());
        ClientAgentConfig clientAgent = clientAgent(a, base, exempt);
        HostPort mdBind = a.hostPort("md_bind", d.mdBind());
        MdLinkConfig mdLinks = mdLinks(a.section("messagedirector"));
        List<Path> dcFiles = a.paths("dc_files", base);
        List<Uberdog> uberdogs = new ArrayList<>();
        for (ConfigSection u : a.sections("uberdogs")) {
            uberdogs.add(uberdog(u, u.bool("anonymous", false)));
        }
        for (ConfigSection u : a.sections("anonymous_uberdogs")) {
            uberdogs.add(uberdog(u, true));
        }
        long channel = a.whole("state_server_channel", d.stateServers().get(0), 1000, Long.MAX_VALUE);
        if (enabled && dcFiles.isEmpty()) {
            a.problem("dc_files", "the astron front needs at least one DC file");
        }
        DatabaseServerConfig database = astronDatabase(a.section("database"));
        a.finish();
        return new AstronConfig(enabled, List.of(clientAgent), mdBind, mdLinks, dcFiles, uberdogs, List.of(channel), database);
    }

    /** The limits of the Message Director's links: {@code astron.messagedirector}. */
    private static MdLinkConfig mdLinks(ConfigSection m) {
        MdLinkConfig d = MdLinkConfig.defaults();
        MdLinkConfig c = new MdLinkConfig(m.integer("max_outbound_bytes", d.maxOutboundBytes(), 64 * 1024, Integer.MAX_VALUE),
                m.parsed("first_message_timeout", d.firstMessageTimeout(), ConfigLoader::durationOrOff, DURATION_OR_OFF, x -> { }));
        m.finish();
        return c;
    }

    private static final String DURATION_OR_OFF = "a duration like 30s, or 0 for none";

    /** A duration, or 0 / off for none (the astron front's time limits, as astrond writes 0 for "no heartbeat limit"). */
    private static Duration durationOrOff(String t) {
        return t.equals("0") || t.equals("off") ? Duration.ZERO : Durations.parse(t);
    }

    /** The Client Agent's keys, which sit directly in the {@code astron} section. */
    private static ClientAgentConfig clientAgent(ConfigSection a, Path base, AddressSet exempt) {
        ClientAgentConfig d = ClientAgentConfig.defaults();
        HostPort bind = a.hostPort("bind", d.bind());
        WebSocketBind ws = webSocket(a, "off");
        String version = a.string("version", d.version());
        long hash = a.whole("manual_dc_hash", d.manualDcHash(), 0, 0xFFFF_FFFFL);
        ConfigSection channels = a.section("channels");
        long min = channels.whole("min", d.channelMin(), 1, Long.MAX_VALUE);
        long max = channels.whole("max", d.channelMax(), 1, Long.MAX_VALUE);
        if (min > max) {
            channels.problem("min", min + " is above max " + max);
        }
        channels.finish();
        Duration heartbeat = a.parsed("heartbeat_timeout", d.heartbeatTimeout(), ConfigLoader::durationOrOff, DURATION_OR_OFF, x -> { });
        Duration hello = a.parsed("hello_timeout", d.helloTimeout(), ConfigLoader::durationOrOff, DURATION_OR_OFF, x -> { });
        Duration anonymous = a.parsed("anonymous_timeout", d.anonymousTimeout(), ConfigLoader::durationOrOff, DURATION_OR_OFF, x -> { });
        boolean relocate = a.bool("relocate_allowed", d.relocateAllowed());
        InterestPolicy interests = a.parsed("interests", d.interests(), InterestPolicy::fromConfig, "enabled, visible or disabled", x -> { });
        int maxDatagram = a.integer("max_datagram_size", d.maxDatagramSize(), 16, 0xFFFF);
        Duration interestTimeout = a.duration("interest_timeout", d.interestTimeout());
        int maxOut = a.integer("max_outbound_bytes", d.maxOutboundBytes(), 64 * 1024, Integer.MAX_VALUE);
        boolean haproxy = a.bool("haproxy", d.haproxy());
        ClientTls tls = a.has("tls") ? tls(a.section("tls"), base) : null;
        // behind HAProxy every connection's peer is the proxy: no cap unless the operator sets one
        ConnectionLimit connections = connections(a, haproxy ? 0 : d.connections().perAddress(), exempt);
        return new ClientAgentConfig(bind, ws.bind(), ws.path(), version, hash, min, max, heartbeat, relocate, interests,
                maxDatagram, interestTimeout, maxOut, haproxy, tls, hello, anonymous, connections);
    }

    /** A {@code tls} section: certificate and key_file required, chain_file and cert_authority optional. */
    static ClientTls tls(ConfigSection t, Path base) {
        Path certificate = t.path("certificate", base);
        Path key = t.path("key_file", base);
        if (certificate == null) {
            t.problem("certificate", "required: the server's PEM certificate");
        }
        if (key == null) {
            t.problem("key_file", "required: the PEM (PKCS#8) key of the certificate");
        }
        ClientTls tls = new ClientTls(certificate, key, t.path("chain_file", base), t.path("cert_authority", base));
        t.finish();
        return tls;
    }

    private static Uberdog uberdog(ConfigSection u, boolean anonymous) {
        long id = u.whole("id", 0, 1, 0xFFFF_FFFFL);
        String className = u.string("class", "");
        if (!u.has("id")) {
            u.problem("id", "every UberDOG needs its object id");
        }
        if (className.isEmpty()) {
            u.problem("class", "every UberDOG needs its dclass name");
        }
        u.finish();
        return new Uberdog(id, className, anonymous);
    }

    private static DatabaseServerConfig astronDatabase(ConfigSection s) {
        DatabaseServerConfig d = DatabaseServerConfig.defaults();
        DatabaseServerConfig c = new DatabaseServerConfig(s.bool("enabled", d.enabled()),
                s.whole("channel", d.channel(), 1000, Long.MAX_VALUE),
                s.whole("min_id", d.minId(), 1, 0xFFFF_FFFEL),
                s.whole("max_id", d.maxId(), 1, 0xFFFF_FFFFL),
                s.bool("broadcast", d.broadcast()));
        if (c.minId() > c.maxId()) {
            s.problem("min_id", c.minId() + " is above max_id " + c.maxId());
        }
        s.finish();
        return c;
    }

    private static VcmiConfig vcmi(ConfigSection v, AddressSet exempt) {
        VcmiConfig d = VcmiConfig.defaults();
        VcmiConfig c = new VcmiConfig(v.bool("enabled", d.enabled()), v.hostPort("bind", d.bind()),
                v.integer("capacity", d.capacity(), 1, 1_000_000),
                v.seconds("healthcheck", d.healthcheck()),
                v.duration("session_grace", d.sessionGrace()),
                v.bool("message_targets", d.messageTargets()),
                v.integer("max_packet_bytes", d.maxPacketBytes(), 64, 64 * 1024 * 1024),
                v.integer("max_pending_bytes", d.maxPendingBytes(), 64 * 1024, Integer.MAX_VALUE),
                v.integer("max_outbound_bytes", d.maxOutboundBytes(), 64 * 1024, Integer.MAX_VALUE),
                vcmiAdmission(v, d.admission(), exempt));
        if (!c.healthcheck().isZero() && c.healthcheck().toSeconds() < 10) {
            v.problem("healthcheck", c.healthcheck().toSeconds() + " s is too frequent (expected 0 for off, or 10 s or more)");
        }
        v.finish();
        return c;
    }

    private static VcmiConfig.Admission vcmiAdmission(ConfigSection v, VcmiConfig.Admission d, AddressSet exempt) {
        return new VcmiConfig.Admission(new ConnectionLimit(v.integer("max_connections_per_address", d.connections().perAddress(), 1,
                1_000_000), exempt),
                v.duration("handshake_timeout", d.handshakeTimeout()),
                v.integer("max_handshake_bytes", d.maxHandshakeBytes(), 256, 64 * 1024 * 1024),
                v.integer("max_handshake_packets", d.maxHandshakePackets(), 3, 1_000_000),
                v.duration("idle_timeout", d.idleTimeout()));
    }

    private static CreationRules creationRules(ConfigSection m, CreationRules d) {
        return new CreationRules(m.bool("allow_account_creation", d.allowAccounts()),
                m.bool("allow_character_creation", d.allowCharacters()),
                m.integer("account_creation_limit", d.accountsPerAddress(), 0, 1_000_000),
                m.integer("character_creation_limit", d.charactersPerAddress(), 0, 1_000_000),
                m.integer("character_creation_limit_per_account", d.charactersPerAccount(), 0, 1_000_000),
                m.duration("creation_window", d.window()),
                m.strings("creation_limit_exempt", d.exempt()));
    }

    private static MarauroaConfig marauroa(ConfigSection m, AddressSet exempt) {
        MarauroaConfig d = MarauroaConfig.defaults();
        MarauroaConfig c = new MarauroaConfig(m.bool("enabled", d.enabled()), m.hostPort("bind", d.bind()),
                m.string("key_file", d.keyFile()),
                m.integer("key_bits", d.keyBits(), 512, 8192),
                m.string("game_class", d.gameClass()),
                m.string("game_name", d.gameName()),
                m.string("game_version", d.gameVersion()),
                m.strings("server_info", d.serverInfo()),
                m.integer("max_players", d.maxPlayers(), 1, 1_000_000),
                m.integer("max_message_bytes", d.maxMessageBytes(), 1024, 64 * 1024 * 1024),
                m.integer("max_outbound_bytes", d.maxOutboundBytes(), 64 * 1024, Integer.MAX_VALUE),
                m.duration("failed_login_window", d.failedLoginWindow()),
                m.integer("failed_logins_per_account", d.failedLoginsPerAccount(), 0, 1_000_000),
                m.integer("failed_logins_per_address", d.failedLoginsPerAddress(), 0, 1_000_000),
                m.duration("keepalive_timeout", d.keepAliveTimeout()),
                m.duration("pre_login_timeout", d.preLoginTimeout()),
                m.duration("pre_game_timeout", d.preGameTimeout()),
                m.duration("turn", d.turn()),
                m.integer("max_actions_per_turn", d.maxActionsPerTurn(), 1, 1_000_000),
                m.string("proxy_credentials", d.proxyCredentials()),
                m.strings("banned_addresses", d.bannedAddresses()),
                creationRules(m, d.creation()),
                connections(m, d.connections().perAddress(), exempt));
        if (c.keyFile().isBlank()) {
            m.problem("key_file", "the RSA key needs a file name");
        }
        m.finish();
        return c;
    }
}
