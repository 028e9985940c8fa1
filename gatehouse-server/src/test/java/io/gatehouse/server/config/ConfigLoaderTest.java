package io.gatehouse.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.astron.AstronConfig;
import io.gatehouse.astron.clientagent.ClientTls;
import io.gatehouse.astron.clientagent.InterestPolicy;
import io.gatehouse.astron.clientagent.Uberdog;
import io.gatehouse.astron.database.DatabaseServerConfig;
import io.gatehouse.astron.eventlog.EventLogConfig;
import io.gatehouse.astron.eventlog.EventLoggerConfig;
import io.gatehouse.astron.md.MdLinkConfig;
import io.gatehouse.control.ControlConfig;
import io.gatehouse.core.config.ConfigException;
import io.gatehouse.core.limits.AddressSet;
import io.gatehouse.core.limits.ConnectionLimit;
import io.gatehouse.core.limits.LimitsConfig;
import io.gatehouse.core.limits.LoginLimits;
import io.gatehouse.core.session.DuplicatePolicy;
import io.gatehouse.core.transport.HostPort;
import io.gatehouse.marauroa.MarauroaConfig;
import io.gatehouse.vcmi.VcmiConfig;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void theExampleConfigListsExactlyTheDefaults() throws Exception {
        Path copy = dir.resolve("gatehouse.yml");
        Files.copy(Path.of("..", "gatehouse.example.yml"), copy);
        GatehouseConfig example = ConfigLoader.load(copy);
        assertThat(example.source()).isEqualTo(copy.toString());
        assertThat(example).isEqualTo(withSource(ConfigLoader.parse("", dir), copy.toString()));
    }

    @Test
    void readsEveryKindOfValue() {
        GatehouseConfig c = ConfigLoader.parse("""
                data_dir: state
                control:
                  bind: 127.0.0.1:3000
                  websocket: "[::1]:3001/ws"
                  heartbeat_timeout: 500ms
                  session_ttl: 2d
                  duplicate: reject_newer
                  connection_limit: 3
                  gzip_min_bytes: 2048
                http: {bind: "127.0.0.1:9000", admin_key: k}
                """, dir);
        assertThat(c.dataDir()).isEqualTo(dir.resolve("state"));
        assertThat(c.front(ControlConfig.class).bind().port()).isEqualTo(3000);
        assertThat(c.front(ControlConfig.class).websocket().host()).isEqualTo("::1");
        assertThat(c.front(ControlConfig.class).websocketPath()).isEqualTo("/ws");
        assertThat(c.front(ControlConfig.class).heartbeatTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.front(ControlConfig.class).sessionTtl()).isEqualTo(Duration.ofDays(2));
        assertThat(c.front(ControlConfig.class).duplicate()).isEqualTo(DuplicatePolicy.REJECT_NEWER);
        assertThat(c.front(ControlConfig.class).gzipMinBytes()).isEqualTo(2048);
        assertThat(c.front(ControlConfig.class).connectionLimit()).isEqualTo(3);
        assertThat(c.http().adminKey()).isEqualTo("k");
        assertThat(ConfigLoader.parse("control: {websocket: \"off\"}", dir).front(ControlConfig.class).websocket()).isNull();
    }

    @Test
    void readsThePerAddressLimitsOfEveryFront() throws Exception {
        GatehouseConfig c = ConfigLoader.parse("""
                limits: {exempt: [10.0.0.5, "192.168.0.0/16", "2001:db8::/32"], max_tracked: 500}
                control: {max_connections_per_address: 4, failed_logins_per_address: 0, failed_login_window: 30s}
                marauroa: {max_connections_per_address: 0, failed_logins_per_account: 2, failed_logins_per_address: 7}
                astron: {max_connections_per_address: 9}
                vcmi: {max_connections_per_address: 3}
                http: {header_timeout: 2s, idle_timeout: 5s, token_requests_per_address: 5, token_request_window: 10s,
                       admin_failures_per_address: 0}
                """, dir);
        AddressSet exempt = c.limits().exempt();
        assertThat(exempt.contains(InetAddress.getByName("192.168.4.4"))).isTrue();
        assertThat(c.limits().maxTracked()).isEqualTo(500);
        assertThat(c.limits().maxConnections()).as("auto by default").isEqualTo(LimitsConfig.AUTO);
        assertThat(ConfigLoader.parse("limits: {max_connections: 15000}", dir).limits().maxConnections()).isEqualTo(15000);
        assertThat(ConfigLoader.parse("limits: {max_connections: 0}", dir).limits().maxConnections()).isZero();
        assertThat(ConfigLoader.parse("limits: {max_connections: auto}", dir).limits().maxConnections()).isEqualTo(LimitsConfig.AUTO);
        assertThat(c.front(ControlConfig.class).connections()).isEqualTo(new ConnectionLimit(4, exempt));
        assertThat(c.front(ControlConfig.class).logins()).isEqualTo(new LoginLimits(0, 0, Duration.ofSeconds(30)));
        assertThat(c.front(MarauroaConfig.class).connections().perAddress()).isZero();
        assertThat(c.front(MarauroaConfig.class).loginLimits()).isEqualTo(new LoginLimits(7, 2, Duration.ofMinutes(10)));
        assertThat(c.front(AstronConfig.class).clientAgents().get(0).connections()).isEqualTo(new ConnectionLimit(9, exempt));
        assertThat(c.front(VcmiConfig.class).admission().connections()).isEqualTo(new ConnectionLimit(3, exempt));
        assertThat(c.http().headerTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.http().idleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.http().tokenRequests()).isEqualTo(LoginLimits.perAddress(5, Duration.ofSeconds(10)));
        assertThat(c.http().adminFailures().perAddress()).isZero();
        assertThat(ConfigLoader.parse("astron: {haproxy: true}", dir).front(AstronConfig.class).clientAgents().get(0).connections().perAddress())
                .as("behind HAProxy every peer is the proxy: no cap unless set").isZero();
        assertThat(ConfigLoader.parse("astron: {haproxy: true, max_connections_per_address: 5}", dir).front(AstronConfig.class).clientAgents().get(0).connections().perAddress()).isEqualTo(5);
    }

    @Test
    void badLimitsAreNamedTogether() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                limits: {exempt: [10.0.0.0/40, gateway], max_connections: lots}
                control: {max_connections_per_address: -1}
                http: {idle_timeout: 0s}
                """, dir)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                "limits.exempt: '10.0.0.0/40', 'gateway' are not an IP address or CIDR block (like 10.0.0.7, 10.0.0.0/8 or 2001:db8::/32)",
                "limits.max_connections: auto, 0 (no cap) or a number of connections, not 'lots'",
                "control.max_connections_per_address: '-1' (expected a whole number from 0 to 1000000)",
                "http.idle_timeout: must be more than 0"));
    }

    @Test
    void relativePathsResolveAgainstTheConfigFilesFolder() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("etc"));
        Path file = sub.resolve("g.yml");
        Files.writeString(file, "data_dir: ../var/gatehouse\n");
        assertThat(ConfigLoader.load(file).dataDir()).isEqualTo(dir.resolve("var/gatehouse"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                colour: blue
                control:
                  heartbeat_timeout: soon
                  bind: nowhere
                  duplicate: both
                  connection_limit: -1
                  enabled: yes please
                  extra: 1
                http: {bind: "127.0.0.1:99999"}
                database: [1, 2]
                marauroa: {max_players: 0}
                astron: {enabled: true}
                """, dir))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "colour: unknown key",
                        "control.heartbeat_timeout: 'soon' is not a duration (expected a whole number with ms, s, m, h or d, like 30s)",
                        "control.bind: 'nowhere' is not host:port",
                        "control.duplicate: 'both' is not a duplicate policy (expected close_older or reject_newer)",
                        "control.connection_limit: '-1' (expected a whole number from 1 to 1000000)",
                        "control.enabled: 'yes please' (expected true or false)",
                        "control.extra: unknown key",
                        "http.bind: port 99999 (expected 0 to 65535)",
                        "database: expected a mapping of keys, found array",
                        "marauroa.max_players: '0' (expected a whole number from 1 to 1000000)",
                        "astron.dc_files: the astron front needs at least one DC file"))
                .hasMessageContaining("11 problems");
    }

    @Test
    void zeroDurationsAndBadYamlAreRefused() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.parse("control: {auth_timeout: 0s}", dir))
                .hasMessageContaining("control.auth_timeout: must be more than 0");
        Path file = dir.resolve("bad.yml");
        Files.writeString(file, "control: [unclosed\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
    }

    @Test
    void theAstronClientAgentKeys() {
        GatehouseConfig c = ConfigLoader.parse("""
                astron:
                  version: "game 1.2"
                  manual_dc_hash: 0xABCD1234
                  channels: {min: 500, max: 600}
                  heartbeat_timeout: 30s
                  relocate_allowed: true
                  interests: disabled
                  max_datagram_size: 1024
                  websocket: 127.0.0.1:7200/astron
                  uberdogs: [{id: 4666, class: Chat}]
                  anonymous_uberdogs: [{id: 4665, class: LoginManager}]
                  database: {channel: 402005, min_id: 10, max_id: 20, broadcast: false}
                  haproxy: true
                  tls: {certificate: certs/game.crt, key_file: certs/game.key}
                  hello_timeout: 5s
                  anonymous_timeout: "off"
                  messagedirector: {max_outbound_bytes: 1048576, first_message_timeout: 0}
                """, dir);
        var ca = c.front(AstronConfig.class).clientAgents().get(0);
        assertThat(ca.haproxy()).isTrue();
        assertThat(ca.tls()).isEqualTo(new ClientTls(dir.resolve("certs/game.crt"), dir.resolve("certs/game.key"), null, null));
        assertThat(ca.version()).isEqualTo("game 1.2");
        assertThat(ca.manualDcHash()).isEqualTo(0xABCD1234L);
        assertThat(ca.channelMin()).isEqualTo(500);
        assertThat(ca.channelMax()).isEqualTo(600);
        assertThat(ca.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ca.relocateAllowed()).isTrue();
        assertThat(ca.interests()).isEqualTo(InterestPolicy.DISABLED);
        assertThat(ca.maxDatagramSize()).isEqualTo(1024);
        assertThat(ca.websocket()).isEqualTo(new HostPort("127.0.0.1", 7200));
        assertThat(ca.websocketPath()).isEqualTo("/astron");
        assertThat(c.front(AstronConfig.class).uberdogs()).containsExactly(new Uberdog(4666, "Chat", false),
                new Uberdog(4665, "LoginManager", true));
        assertThat(c.front(AstronConfig.class).database()).isEqualTo(new DatabaseServerConfig(true, 402005, 10, 20, false));
        assertThat(ca.helloTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ca.anonymousTimeout()).isZero();
        assertThat(c.front(AstronConfig.class).mdLinks()).isEqualTo(new MdLinkConfig(1 << 20, Duration.ZERO));

        assertThatThrownBy(() -> ConfigLoader.parse("""
                astron:
                  interests: sometimes
                  channels: {min: 9, max: 1}
                  anonymous_uberdogs: [{class: X}]
                  max_datagram_size: 70000
                  tls: {certificate: game.crt, chain: x.crt}
                  hello_timeout: soon
                  messagedirector: {max_outbound_bytes: 100, bind: x}
                """, dir)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                "astron.tls.key_file: required: the PEM (PKCS#8) key of the certificate",
                "astron.tls.chain: unknown key",
                "astron.interests: 'sometimes' is not enabled, visible or disabled",
                "astron.channels.min: 9 is above max 1",
                "astron.anonymous_uberdogs[0].id: every UberDOG needs its object id",
                "astron.max_datagram_size: '70000' (expected a whole number from 16 to 65535)",
                "astron.hello_timeout: 'soon' is not a duration (expected a whole number with ms, s, m, h or d, like 30s)",
                "astron.messagedirector.max_outbound_bytes: '100' (expected a whole number from 65536 to 2147483647)",
                "astron.messagedirector.bind: unknown key"));
    }

    @Test
    void astronMessageDirectorConnectJoinsAnUpstreamButNotInACluster() {
        assertThat(ConfigLoader.parse("", dir).front(AstronConfig.class).mdLinks().upstream()).isNull();
        assertThat(ConfigLoader.parse("astron: {messagedirector: {connect: off}}", dir).front(AstronConfig.class).mdLinks().upstream()).isNull();
        assertThat(ConfigLoader.parse("astron: {messagedirector: {connect: \"10.0.0.5:7100\"}}", dir).front(AstronConfig.class).mdLinks().upstream())
                .isEqualTo(new HostPort("10.0.0.5", 7100));
        assertThat(ConfigLoader.parse("astron: {messagedirector: {connect: md.internal}}", dir).front(AstronConfig.class).mdLinks().upstream())
                .isEqualTo(new HostPort("md.internal", 7199));
        assertThatThrownBy(() -> ConfigLoader.parse("""
                database: {url: "jdbc:postgresql://db:5432/gatehouse"}
                cluster: {nats: "nats://10.0.0.1:4222", node: node-a}
                astron: {messagedirector: {connect: "10.0.0.5:7199"}}
                """, dir)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                "astron.messagedirector.connect: a cluster's Message Directors share their channels over NATS, so an upstream on each"
                        + " node would carry every datagram once per node; leave connect off with cluster.nats, or run this node alone"));
    }

    @Test
    void astronRolesChooseWhatTheNodeRunsBesideItsMessageDirector() {
        AstronConfig all = ConfigLoader.parse("astron: {enabled: false}", dir).front(AstronConfig.class);
        assertThat(all.clientAgents()).hasSize(1);
        assertThat(all.stateServers()).hasSize(1);
        assertThat(all.database().enabled()).isTrue();

        AstronConfig agentOnly = ConfigLoader.parse("astron: {enabled: false, roles: [clientagent]}", dir).front(AstronConfig.class);
        assertThat(agentOnly.clientAgents()).hasSize(1);
        assertThat(agentOnly.stateServers()).isEmpty();
        assertThat(agentOnly.database().enabled()).isFalse();

        AstronConfig worldOnly = ConfigLoader.parse("astron: {enabled: false, roles: [stateserver, database]}", dir).front(AstronConfig.class);
        assertThat(worldOnly.clientAgents()).isEmpty();
        assertThat(worldOnly.stateServers()).hasSize(1);
        assertThat(worldOnly.database().enabled()).isTrue();

        assertThatThrownBy(() -> ConfigLoader.parse("astron: {roles: [clientagent, eventlogger]}", dir))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "astron.roles: 'eventlogger' is not one of clientagent, stateserver, database (an event logger runs from astron.eventlogger)"));
    }

    /** astron.eventlogger runs an event logger when present; astron.event_log is where the roles send (astron.md, section 14). */
    @Test
    void theEventLogKeys() {
        AstronConfig off = ConfigLoader.parse("astron: {enabled: false}", dir).front(AstronConfig.class);
        assertThat(off.events()).isEqualTo(EventLogConfig.off());

        AstronConfig on = ConfigLoader.parse("""
                astron:
                  event_log: 127.0.0.1
                  eventlogger: {rotate_interval: 1h, output: "logs/el-%F.log"}
                """, dir).front(AstronConfig.class);
        assertThat(on.events().sendTo()).contains(new HostPort("127.0.0.1", 7197));
        assertThat(on.events().loggers()).containsExactly(new EventLoggerConfig(new HostPort("0.0.0.0", 7197), dir, "logs/el-%F.log", Duration.ofHours(1)));
        assertThat(ConfigLoader.parse("astron: {eventlogger: {}}", dir).front(AstronConfig.class).events().loggers())
                .containsExactly(EventLoggerConfig.defaults(dir));

        assertThatThrownBy(() -> ConfigLoader.parse("astron: {event_log: \"nohost:\", eventlogger: {output: \"\", size: 3}}", dir))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "astron.event_log: 'nohost:' has no port from 0 to 65535 after its last colon",
                        "astron.eventlogger.output: the event log needs a file name",
                        "astron.eventlogger.size: unknown key"));
    }

    @Test
    void theVcmiAdmissionKeys() {
        GatehouseConfig c = ConfigLoader.parse("""
                vcmi:
                  max_connections_per_address: 4
                  handshake_timeout: 5s
                  max_handshake_bytes: 1024
                  max_handshake_packets: 8
                  idle_timeout: 2m
                """, dir);
        assertThat(c.front(VcmiConfig.class).admission()).isEqualTo(new io.gatehouse.vcmi.VcmiConfig.Admission(
                new ConnectionLimit(4, AddressSet.NONE), Duration.ofSeconds(5), 1024, 8, Duration.ofMinutes(2)));
        assertThatThrownBy(() -> ConfigLoader.parse("vcmi: {max_handshake_packets: 2, handshake_timeout: 0s}", dir))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "vcmi.max_handshake_packets: '2' (expected a whole number from 3 to 1000000)",
                        "vcmi.handshake_timeout: must be more than 0"));
    }

    @Test
    void theVcmiSpliceKeyIsAutoOrOff() {
        assertThat(ConfigLoader.parse("vcmi: {}", dir).front(VcmiConfig.class).splice()).as("copied by default").isEqualTo(VcmiConfig.Splice.OFF);
        assertThat(ConfigLoader.parse("vcmi: {splice: off}", dir).front(VcmiConfig.class).splice()).isEqualTo(VcmiConfig.Splice.OFF);
        assertThat(ConfigLoader.parse("vcmi: {splice: auto}", dir).front(VcmiConfig.class).splice()).isEqualTo(VcmiConfig.Splice.AUTO);
        assertThatThrownBy(() -> ConfigLoader.parse("vcmi: {splice: always}", dir))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "vcmi.splice: 'always' (expected auto or off)"));
    }

    @Test
    void aNodeAloneJournalsItsLoginsUnlessToldAndAClusterNever() {
        assertThat(ConfigLoader.parse("", dir).database().journal()).isEqualTo(DatabaseConfig.Journal.WRITE);
        assertThat(ConfigLoader.parse("database: {journal: fsync}", dir).database().journal()).isEqualTo(DatabaseConfig.Journal.FSYNC);
        assertThat(ConfigLoader.parse("database: {journal: off}", dir).database().journal()).isEqualTo(DatabaseConfig.Journal.OFF);
        String cluster = """
                database: {url: "jdbc:postgresql://db:5432/gatehouse"%s}
                cluster: {nats: "nats://10.0.0.1:4222", node: node-a}
                """;
        assertThat(ConfigLoader.parse(cluster.formatted(""), dir).database().journal()).isEqualTo(DatabaseConfig.Journal.OFF);
        assertThat(ConfigLoader.parse(cluster.formatted(", journal: off"), dir).database().journal()).isEqualTo(DatabaseConfig.Journal.OFF);
        assertThatThrownBy(() -> ConfigLoader.parse(cluster.formatted(", journal: write"), dir))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "database.journal: write is for a node alone; a cluster's nodes write every login to their shared store"
                                + " (leave it out, or off)"));
        assertThatThrownBy(() -> ConfigLoader.parse("database: {journal: later}", dir))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "database.journal: 'later' (expected write, fsync or off)"));
    }

    @Test
    void aClusterNodeNamesItsNatsServersAndNeedsPostgres() {
        GatehouseConfig alone = ConfigLoader.parse("", dir);
        assertThat(alone.cluster().enabled()).isFalse();
        assertThat(alone.cluster().subjectPrefix()).isEqualTo("gatehouse");
        GatehouseConfig node = ConfigLoader.parse("""
                database: {url: "jdbc:postgresql://db:5432/gatehouse"}
                cluster: {nats: "nats://10.0.0.1:4222", node: node-a}
                """, dir);
        assertThat(node.cluster()).isEqualTo(new ClusterConfig(List.of("nats://10.0.0.1:4222"), "node-a", "gatehouse",
                ClusterConfig.DEFAULT_BEAT, ClusterConfig.DEFAULT_NODE_TIMEOUT));
        assertThat(ConfigLoader.parse("""
                database: {url: "jdbc:postgresql://db/g"}
                cluster: {nats: [nats://a:4222, "tls://b:4222"], subject_prefix: game.eu}
                """, dir).cluster().nats()).containsExactly("nats://a:4222", "tls://b:4222");
        assertThatThrownBy(() -> ConfigLoader.parse("""
                cluster: {nats: "10.0.0.1:4222", node: "", subject_prefix: "a b", beat: 2s, node_timeout: 3s}
                """, dir)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                "cluster.nats: '10.0.0.1:4222' is not a NATS URL (expected nats://host:port)",
                "cluster.node_timeout: 3000 ms is less than two beats (2000 ms each): a node would be judged gone between two of its beats",
                "cluster.node: a node needs a name unique in its cluster",
                "cluster.subject_prefix: 'a b' is not a NATS subject prefix (letters, digits, - and _, parts joined by .)",
                "cluster.nats: a cluster's nodes share one store: database.url must be PostgreSQL (jdbc:postgresql://host:5432/db),"
                        + " not the embedded H2"));
    }

    private static GatehouseConfig withSource(GatehouseConfig c, String source) {
        return new GatehouseConfig(source, c.dataDir(), c.database(), c.http(), c.accounts(), c.limits(), c.cluster(), c.fronts());
    }
}
