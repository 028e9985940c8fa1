package io.gatehouse.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gatehouse.astron.AstronConfig;
import io.gatehouse.astron.clientagent.ClientAgentConfig;
import io.gatehouse.astron.clientagent.ClientTls;
import io.gatehouse.astron.clientagent.InterestPolicy;
import io.gatehouse.astron.clientagent.Uberdog;
import io.gatehouse.astron.config.AstrondConfigFile;
import io.gatehouse.astron.database.DatabaseServerConfig;
import io.gatehouse.astron.eventlog.EventLoggerConfig;
import io.gatehouse.astron.stateserver.DbStateServerConfig;
import io.gatehouse.control.ControlConfig;
import io.gatehouse.core.config.ConfigException;
import io.gatehouse.core.transport.HostPort;
import io.gatehouse.vcmi.VcmiConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** astrond's config format, read into the roles Gatehouse runs, and the keys it refuses. */
class AstrondConfigReaderTest {

    @TempDir
    Path dir;

    private GatehouseConfig read(String yaml) throws Exception {
        return ConfigLoader.only(AstrondConfigFile.read(new ObjectMapper(new YAMLFactory()).readTree(yaml), dir, "astrond.yml"), dir.resolve("data"));
    }

    @Test
    void readsTheRolesOfAnAstrondConfig() throws Exception {
        GatehouseConfig c = read("""
                daemon:
                    name: Core Message Director
                    url: http://127.0.0.1/coremd/
                general:
                    dc_files:
                        - core.dc
                        - game.dc
                uberdogs:
                  - id: 1234
                    class: LoginManager
                    anonymous: true
                  - id: 1235
                    class: ChatManager
                messagedirector:
                    bind: 127.0.0.1:6660
                roles:
                    - type: clientagent
                      bind: 0.0.0.0:6667
                      version: "FooGame v7.0"
                      manual_dc_hash: 0xABCD1234
                      haproxy: true
                      tls:
                        certificate: FooGame.crt
                        key_file: hidden/FooSecret.key
                        chain_file: CertProvider.crt
                        tlsv1: false
                      client:
                        type: libastron
                        relocate: true
                        add_interest: enabled
                        heartbeat_timeout: 30000
                      channels:
                          min: 100100
                          max: 100999
                      tuning:
                          interest_timeout: 750
                    - type: clientagent
                      bind: 0.0.0.0:6668
                      version: "FooGame v7.0"
                      channels: {min: 101000, max: 101999}
                    - type: stateserver
                      control: 402000
                    - type: database
                      control: 402001
                      generate:
                          min: 100000000
                      backend:
                          type: yaml
                          directory: objects
                """);
        var a = c.front(AstronConfig.class);
        assertThat(a.enabled()).isTrue();
        assertThat(a.dcFiles()).containsExactly(dir.resolve("core.dc"), dir.resolve("game.dc"));
        assertThat(a.mdBind()).isEqualTo(new HostPort("127.0.0.1", 6660));
        assertThat(a.uberdogs()).containsExactly(new Uberdog(1234, "LoginManager", true), new Uberdog(1235, "ChatManager", false));
        assertThat(a.stateServers()).containsExactly(402_000L);
        assertThat(a.database()).isEqualTo(new DatabaseServerConfig(true, 402_001, 100_000_000, 0xFFFF_FFFFL, true));
        assertThat(a.clientAgents()).hasSize(2);
        ClientAgentConfig first = a.clientAgents().get(0);
        assertThat(first.bind()).isEqualTo(new HostPort("0.0.0.0", 6667));
        assertThat(first.version()).isEqualTo("FooGame v7.0");
        assertThat(first.manualDcHash()).isEqualTo(0xABCD1234L);
        assertThat(first.channelMin()).isEqualTo(100_100);
        assertThat(first.channelMax()).isEqualTo(100_999);
        assertThat(first.relocateAllowed()).isTrue();
        assertThat(first.interests()).isEqualTo(InterestPolicy.ENABLED);
        assertThat(first.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(first.interestTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(first.haproxy()).isTrue();
        assertThat(first.tls()).isEqualTo(new ClientTls(dir.resolve("FooGame.crt"), dir.resolve("hidden/FooSecret.key"),
                dir.resolve("CertProvider.crt"), null));
        ClientAgentConfig second = a.clientAgents().get(1);
        assertThat(second.bind()).isEqualTo(new HostPort("0.0.0.0", 6668));
        assertThat(second.interests()).as("astrond's default").isEqualTo(InterestPolicy.VISIBLE);
        assertThat(second.heartbeatTimeout()).isZero();
        assertThat(second.haproxy()).as("astrond's default").isFalse();
        assertThat(second.tls()).as("plain TCP without a tls section").isNull();
        assertThat(c.front(ControlConfig.class).enabled()).isFalse();
        assertThat(c.front(VcmiConfig.class).enabled()).isFalse();
        assertThat(c.http().enabled()).isFalse();
        assertThat(c.dataDir()).isEqualTo(dir.resolve("data"));
    }

    @Test
    void relativePathsResolveAgainstTheConfigFilesFolderAsAstrondChangesIntoIt() throws Exception {
        Path etc = java.nio.file.Files.createDirectories(dir.resolve("etc"));
        Path file = java.nio.file.Files.writeString(etc.resolve("astrond.yml"), """
                general:
                    dc_files: [game.dc, ../shared/core.dc]
                roles:
                    - type: stateserver
                      control: 402000
                """);
        assertThat(ConfigLoader.only(AstrondConfigFile.load(file), dir.resolve("data")).front(AstronConfig.class).dcFiles())
                .containsExactly(etc.resolve("game.dc"), dir.resolve("shared/core.dc"));
    }

    @Test
    void aDaemonWithOnlyAMessageDirectorRunsAsAstrondRunsIt() throws Exception {
        var a = read("""
                messagedirector:
                    bind: 127.0.0.1:57123
                    threaded: True
                """).front(AstronConfig.class);
        assertThat(a.enabled()).isTrue();
        assertThat(a.dcFiles()).isEmpty();
        assertThat(a.clientAgents()).isEmpty();
        assertThat(a.stateServers()).isEmpty();
        assertThat(a.database().enabled()).isFalse();
        assertThat(a.mdBind()).isEqualTo(new HostPort("127.0.0.1", 57123));
        assertThat(read("messagedirector: {bind: 127.0.0.1:57123, threaded: false}").front(AstronConfig.class).mdBind().port()).isEqualTo(57123);
    }

    @Test
    void messagedirectorConnectIsTheUpstreamOnAstrondsPortByDefault() throws Exception {
        assertThat(read("messagedirector: {bind: 127.0.0.1:57123}").front(AstronConfig.class).mdLinks().upstream()).isNull();
        assertThat(read("messagedirector: {bind: 127.0.0.1:57123, connect: 127.0.0.1:57124}").front(AstronConfig.class).mdLinks().upstream())
                .isEqualTo(new HostPort("127.0.0.1", 57124));
        assertThat(read("messagedirector: {connect: \"[::1]\"}").front(AstronConfig.class).mdLinks().upstream()).isEqualTo(new HostPort("::1", 7199));
    }

    @Test
    void aBindWithoutAPortTakesAstrondsDefaultPort() throws Exception {
        assertThat(read("messagedirector: {bind: \"::1\"}").front(AstronConfig.class).mdBind()).isEqualTo(new HostPort("::1", 7199));
        assertThat(read("messagedirector: {bind: \"[0:0::1]\"}").front(AstronConfig.class).mdBind()).isEqualTo(new HostPort("0:0::1", 7199));
        assertThat(read("messagedirector: {bind: \"0:0:0:0:0:0:0:1\"}").front(AstronConfig.class).mdBind().port()).isEqualTo(7199);
        assertThat(read("messagedirector: {bind: \"[0:0::1]:57123\"}").front(AstronConfig.class).mdBind()).isEqualTo(new HostPort("0:0::1", 57123));
        assertThat(read("messagedirector: {bind: localhost}").front(AstronConfig.class).mdBind()).isEqualTo(new HostPort("localhost", 7199));
        var agent = read("""
                general: {dc_files: [game.dc]}
                roles: [{type: clientagent, bind: 127.0.0.1, channels: {min: 3100, max: 3999}}]
                """).front(AstronConfig.class).clientAgents().get(0);
        assertThat(agent.bind()).isEqualTo(new HostPort("127.0.0.1", 7198));
    }

    @Test
    void anUnbracketedIpv6AddressHasNoPort() {
        assertThatThrownBy(() -> read("messagedirector: {bind: \"0:0::1:57123\"}"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "messagedirector.bind: '0:0::1:57123' is not an IPv6 address"
                                + " (an IPv6 address with a port is written in brackets: [::1]:7199)"));
        assertThatThrownBy(() -> read("messagedirector: {bind: \"[0:0::1:57123\"}")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> read("messagedirector: {bind: \"0:0::1]:57123\"}")).isInstanceOf(ConfigException.class);
    }

    @Test
    void aWriteBufferOfZeroIsUnlimitedAndTheWriteTimeoutIsRead() throws Exception {
        var agents = read("""
                general: {dc_files: [game.dc]}
                roles:
                    - type: clientagent
                      channels: {min: 3100, max: 3999}
                      client: {write_buffer_size: 0, write_timeout_ms: 0}
                    - type: clientagent
                      channels: {min: 4100, max: 4999}
                      client: {type: libastron, write_buffer_size: 262144, write_timeout_ms: 20}
                """).front(AstronConfig.class).clientAgents();
        assertThat(agents.get(0).maxOutboundBytes()).as("no limit").isEqualTo(Integer.MAX_VALUE);
        assertThat(agents.get(1).maxOutboundBytes()).isEqualTo(262_144);
    }

    @Test
    void reservedIdsAndChannelsAndInvertedRangesAreRefusedAsAstrondRefusesThem() {
        assertThatThrownBy(() -> read("""
                general: {dc_files: [game.dc]}
                uberdogs:
                  - {id: 165, class: UberDog2}
                roles:
                    - type: clientagent
                      channels: {min: 100, max: 3999}
                    - type: clientagent
                      channels: {min: 3100, max: 4294967396}
                    - type: clientagent
                      channels: {min: 5000, max: 4000}
                    - type: stateserver
                      control: 100
                    - type: database
                      control: 777
                      generate: {min: 444, max: 555}
                    - type: database
                      control: 75757
                      generate: {min: 1000010, max: 1000000}
                    - qux: bar
                    - type: foo
                """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                "uberdogs[0].id: 165 is a reserved object id (1 to 999)",
                "roles[0].channels.min: 100 is a reserved channel (1 to 999, and 4294967296 to 4290672328704)",
                "roles[1].channels.max: 4294967396 is a reserved channel (1 to 999, and 4294967296 to 4290672328704)",
                "roles[2].channels.min: 5000 is above max 4000",
                "roles[3].control: 100 is a reserved channel (1 to 999, and 4294967296 to 4290672328704)",
                "roles[4].control: 777 is a reserved channel (1 to 999, and 4294967296 to 4290672328704)",
                "roles[4].generate.min: 444 is a reserved object id (1 to 999)",
                "roles[4].generate.max: 555 is a reserved object id (1 to 999)",
                "roles[5].type: only one database role is supported",
                "roles[5].generate.min: 1000010 is above max 1000000",
                "roles[6].type: every role needs its type (clientagent, stateserver, database, dbss or eventlogger)",
                "roles[7].type: 'foo' is not a role type of astrond (clientagent, stateserver, database, dbss or eventlogger)"));
    }

    @Test
    void everyUnsupportedKeyIsNamedInOneError() {
        assertThatThrownBy(() -> read("""
                general:
                    eventlogger: 127.0.0.1:9090
                    dc_files: [game.dc]
                web:
                    bind: 0.0.0.0:80
                messagedirector:
                    bind: 0.0.0.0:6660
                roles:
                    - type: clientagent
                      bind: 0.0.0.0:6667
                      tls: {certificate: a.crt, key_file: a.key, tlsv1: true, sslv3: false, max_verify_depth: 2}
                      client: {type: fooclient, send_hash: false}
                    - type: dbss
                      database: 402001
                      ranges: [{min: 1000, max: 5}, {max: 2000}, {min: 9000, max: 8000, foo: 1}]
                    - type: eventlogger
                      bind: 0.0.0.0:9090
                      rotate_interval: weekly
                      flush: true
                    - type: dbss
                """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                "web: astrond's status page is not supported by Gatehouse (astrond itself has no such key and refuses it);"
                        + " run from a Gatehouse config for its HTTP API: /health, /metrics, /api/v1/sessions",
                "roles[0].channels: a client agent needs its channel range (min and max)",
                "roles[0].client.type: 'fooclient' clients are not supported by Gatehouse (supported: libastron)",
                "roles[0].client.send_hash: not supported by Gatehouse",
                "roles[0].tls.tlsv1: true is not supported by Gatehouse (TLS 1.2 and 1.3 only; set it to false)",
                "roles[0].tls.max_verify_depth: not supported by Gatehouse",
                "roles[1].ranges[0].max: 5 is a reserved object id (1 to 999)",
                "roles[1].ranges[0].min: 1000 is above max 5",
                "roles[1].ranges[1].min: a range needs its min (astrond's default, 0, is no object id)",
                "roles[1].ranges[2].min: 9000 is above max 8000",
                "roles[1].ranges[2].foo: not supported by Gatehouse",
                "roles[2].rotate_interval: 'weekly' is not a duration (expected a whole number with ms, s, m, h or d, like 30s)",
                "roles[2].flush: not supported by Gatehouse",
                "roles[3].database: a dbss needs its database's control channel"));
    }

    /** test_config_eventlogger.py's good config, and general.eventlogger: astron.md, section 14. */
    @Test
    void eventLoggerRolesAndTheAddressEveryRoleSendsTo() throws Exception {
        AstronConfig c = read("""
                general:
                    eventlogger: 127.0.0.1:9090
                roles:
                    - type: eventlogger
                      bind: 0.0.0.0:9090
                      output: /var/log/astron/eventlogger/el-%Y-%m-%d-%H-%M-%S.log
                      rotate_interval: 1d
                    - type: eventlogger
                """).front(AstronConfig.class);
        assertThat(c.events().sendTo()).contains(new HostPort("127.0.0.1", 9090));
        assertThat(c.events().loggers()).containsExactly(
                new EventLoggerConfig(new HostPort("0.0.0.0", 9090), dir, "/var/log/astron/eventlogger/el-%Y-%m-%d-%H-%M-%S.log", Duration.ofDays(1)),
                EventLoggerConfig.defaults(dir));
        assertThat(read("general: {eventlogger: \"\"}").front(AstronConfig.class).events().sendTo()).as("astrond's default, off").isEmpty();
        assertThat(read("general: {eventlogger: events.example}").front(AstronConfig.class).events().sendTo())
                .contains(new HostPort("events.example", 7197));
    }

    @Test
    void anEventLoggerOutputIsAStrftimePatternGatehouseKnows() {
        assertThatThrownBy(() -> read("""
                roles:
                    - {type: eventlogger, output: "el-%Q.log", bind: "pizza:x"}
                """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                "roles[0].output: 'el-%Q.log': %Q is not a strftime conversion Gatehouse knows"
                        + " (%a %A %b %B %c %d %D %e %F %H %I %j %m %M %n %p %R %S %s %t %T %u %w %y %Y %z %Z %%)",
                "roles[0].bind: 'pizza:x' has no port from 0 to 65535 after its last colon"));
    }

    @Test
    void aDbssRoleServesItsRangesFromItsDatabase() throws Exception {
        AstronConfig c = read("""
                roles:
                    - type: dbss
                      database: 402001
                      ranges:
                          - {min: 9000, max: 9999}
                          - min: 100000
                """).front(AstronConfig.class);
        assertThat(c.dbss()).containsExactly(new DbStateServerConfig(402_001, List.of(
                new DbStateServerConfig.Range(9000, 9999), new DbStateServerConfig.Range(100_000, 0xFFFF_FFFFL))));
    }
}
