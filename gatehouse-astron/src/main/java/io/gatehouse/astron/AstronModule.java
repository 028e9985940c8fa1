package io.gatehouse.astron;

import io.gatehouse.astron.clientagent.ClientAgentConfig;
import io.gatehouse.astron.clientagent.ClientTls;
import io.gatehouse.astron.clientagent.InterestPolicy;
import io.gatehouse.astron.clientagent.Uberdog;
import io.gatehouse.astron.database.DatabaseServerConfig;
import io.gatehouse.astron.eventlog.EventLogConfig;
import io.gatehouse.astron.eventlog.EventLoggerConfig;
import io.gatehouse.astron.md.MdLinkConfig;
import io.gatehouse.core.config.ConfigSection;
import io.gatehouse.core.config.WebSocketBind;
import io.gatehouse.core.front.ConfigContext;
import io.gatehouse.core.front.FrontModule;
import io.gatehouse.core.limits.AddressSet;
import io.gatehouse.core.limits.ConnectionLimit;
import io.gatehouse.core.transport.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code astron} front's module: reads Gatehouse's {@code astron} section (at most one Client
 * Agent, whose keys sit in the section itself, and the roles this node runs) into an
 * {@link AstronConfig}. An astrond config file is
 * read by {@link io.gatehouse.astron.config.AstrondConfigFile} instead.
 */
public final class AstronModule implements FrontModule {

    public static final String NAME = "astron";

    /**
     * The roles a node may run beside its Message Director, all by default; in a cluster one node
     * may run the Client Agent and another the State Server and Database Server.
     */
    private static final List<String> ROLES = List.of("clientagent", "stateserver", "database");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AstronConfig read(ConfigSection a, ConfigContext context) {
        Path base = context.base();
        AstronConfig d = AstronConfig.defaults();
        boolean enabled = a.bool("enabled", d.enabled());
        List<String> roles = a.strings("roles", ROLES);
        for (String r : roles) {
            if (r.equals("eventlogger")) {
                a.problem("roles", "'eventlogger' is not one of " + String.join(", ", ROLES) + " (an event logger runs from astron.eventlogger)");
            } else if (!ROLES.contains(r)) {
                a.problem("roles", "'" + r + "' is not one of " + String.join(", ", ROLES));
            }
        }
        ClientAgentConfig clientAgent = clientAgent(a, base, context.limits().exempt());
        HostPort mdBind = a.hostPort("md_bind", d.mdBind());
        MdLinkConfig mdLinks = mdLinks(a.section("messagedirector"), context.clustered());
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
        DatabaseServerConfig database = database(a.section("database"));
        EventLogConfig events = new EventLogConfig(a.has("eventlogger") ? List.of(EventLoggerConfig.read(a.section("eventlogger"), base)) : List.of(),
                EventLoggerConfig.target(a, "event_log"));
        a.finish();
        if (!roles.contains("database")) {
            database = new DatabaseServerConfig(false, database.channel(), database.minId(), database.maxId(), database.broadcast());
        }
        return new AstronConfig(enabled, roles.contains("clientagent") ? List.of(clientAgent) : List.of(), mdBind, mdLinks, dcFiles, uberdogs,
                roles.contains("stateserver") ? List.of(channel) : List.of(), List.of(), database, events);
    }

    /**
     * The limits of the Message Director's links and the director it joins: {@code astron.messagedirector}.
     * In a cluster every node's director shares one channel space over NATS, so an upstream per
     * node would send each datagram up once per node and bring each answer down to all: refused.
     */
    private static MdLinkConfig mdLinks(ConfigSection m, boolean clustered) {
        MdLinkConfig d = MdLinkConfig.defaults();
        MdLinkConfig c = new MdLinkConfig(m.integer("max_outbound_bytes", d.maxOutboundBytes(), 64 * 1024, Integer.MAX_VALUE),
                m.durationOrOff("first_message_timeout", d.firstMessageTimeout()), upstream(m));
        if (c.upstream() != null && clustered) {
            m.problem("connect", "a cluster's Message Directors share their channels over NATS, so an upstream on each node would"
                    + " carry every datagram once per node; leave connect off with cluster.nats, or run this node alone");
        }
        m.finish();
        return c;
    }

    /** {@code connect}: off, or the upstream Message Director as host:port (port 7199 when it has none). */
    private static HostPort upstream(ConfigSection m) {
        String text = m.textOrOff("connect", "off");
        if (text.equals("off")) {
            return null;
        }
        try {
            return HostPort.parse(text, MdLinkConfig.MD_PORT);
        } catch (IllegalArgumentException e) {
            m.problem("connect", e.getMessage() + " (expected host:port, host, or off)");
            return null;
        }
    }

    /** The Client Agent's keys, which sit directly in the {@code astron} section. */
    private static ClientAgentConfig clientAgent(ConfigSection a, Path base, AddressSet exempt) {
        ClientAgentConfig d = ClientAgentConfig.defaults();
        HostPort bind = a.hostPort("bind", d.bind());
        WebSocketBind ws = a.webSocket("websocket", "off");
        String version = a.string("version", d.version());
        long hash = a.whole("manual_dc_hash", d.manualDcHash(), 0, 0xFFFF_FFFFL);
        ConfigSection channels = a.section("channels");
        long min = channels.whole("min", d.channelMin(), 1, Long.MAX_VALUE);
        long max = channels.whole("max", d.channelMax(), 1, Long.MAX_VALUE);
        if (min > max) {
            channels.problem("min", min + " is above max " + max);
        }
        channels.finish();
        Duration heartbeat = a.durationOrOff("heartbeat_timeout", d.heartbeatTimeout());
        Duration hello = a.durationOrOff("hello_timeout", d.helloTimeout());
        Duration anonymous = a.durationOrOff("anonymous_timeout", d.anonymousTimeout());
        boolean relocate = a.bool("relocate_allowed", d.relocateAllowed());
        InterestPolicy interests = a.parsed("interests", d.interests(), InterestPolicy::fromConfig, "enabled, visible or disabled", x -> { });
        int maxDatagram = a.integer("max_datagram_size", d.maxDatagramSize(), 16, 0xFFFF);
        Duration interestTimeout = a.duration("interest_timeout", d.interestTimeout());
        int maxOut = a.integer("max_outbound_bytes", d.maxOutboundBytes(), 64 * 1024, Integer.MAX_VALUE);
        boolean haproxy = a.bool("haproxy", d.haproxy());
        ClientTls tls = a.has("tls") ? ClientTls.read(a.section("tls"), base) : null;
        // behind HAProxy every connection's peer is the proxy: no cap unless the operator sets one
        ConnectionLimit connections = a.connectionsPerAddress(haproxy ? 0 : d.connections().perAddress(), exempt);
        return new ClientAgentConfig(bind, ws.bind(), ws.path(), version, hash, min, max, heartbeat, relocate, interests,
                maxDatagram, interestTimeout, maxOut, haproxy, tls, hello, anonymous, connections);
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

    private static DatabaseServerConfig database(ConfigSection s) {
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
}
