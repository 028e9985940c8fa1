package io.gatehouse.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.core.session.DuplicatePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void theExampleConfigListsExactlyTheDefaults() throws Exception {
        Path example = Path.of("..", "gatehouse.example.yml");
        Path copy = dir.resolve("gatehouse.yml");
        Files.copy(example, copy);
        assertThat(ConfigLoader.load(copy)).isEqualTo(ConfigLoader.parse("", dir));
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
                http: {bind: "127.0.0.1:9000", admin_key: k}
                """, dir);
        assertThat(c.dataDir()).isEqualTo(dir.resolve("state"));
        assertThat(c.control().bind().port()).isEqualTo(3000);
        assertThat(c.control().websocket().host()).isEqualTo("::1");
        assertThat(c.control().websocketPath()).isEqualTo("/ws");
        assertThat(c.control().heartbeatTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.control().sessionTtl()).isEqualTo(Duration.ofDays(2));
        assertThat(c.control().duplicate()).isEqualTo(DuplicatePolicy.REJECT_NEWER);
        assertThat(c.control().connectionLimit()).isEqualTo(3);
        assertThat(c.http().adminKey()).isEqualTo("k");
        assertThat(ConfigLoader.parse("control: {websocket: \"off\"}", dir).control().websocket()).isNull();
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
                marauroa: {enabled: true}
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
                        "marauroa.enabled: the marauroa front is not built yet in this version; set it to false",
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
}
