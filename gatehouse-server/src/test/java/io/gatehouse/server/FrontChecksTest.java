package io.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.core.config.ConfigException;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.server.config.ConfigLoader;
import io.gatehouse.server.config.GatehouseConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What the fronts need from files and the class path (DC files, UberDOG classes, TLS files,
 * the marauroa game class) is checked for every enabled front together, before the store is
 * opened or anything binds, and {@code check-config} reports the same problems.
 */
class FrontChecksTest {

    @TempDir
    Path dir;

    private static final List<String> PROBLEMS_OF_TWO_FRONTS = List.of(
            "astron.uberdogs: UberDOG 4665: no dclass named 'LoginManager' in the DC files",
            "astron.tls: cannot read %s (NoSuchFileException)",
            "marauroa.game_class: cannot make the game org.example.NoSuchGame: java.lang.ClassNotFoundException: org.example.NoSuchGame");

    private Path configFile(int controlPort) throws Exception {
        Files.writeString(dir.resolve("game.dc"), "dclass Zone {\n};\n");
        return Files.writeString(dir.resolve("gatehouse.yml"), """
                data_dir: data
                database: {url: "jdbc:h2:mem:front-checks;DB_CLOSE_DELAY=-1"}
                http: {enabled: false}
                control: {bind: "127.0.0.1:%d", websocket: "off"}
                vcmi: {enabled: false}
                marauroa: {bind: "127.0.0.1:0", game_class: org.example.NoSuchGame}
                astron:
                  enabled: true
                  bind: "127.0.0.1:0"
                  md_bind: "127.0.0.1:0"
                  dc_files: [game.dc]
                  anonymous_uberdogs: [{id: 4665, class: LoginManager}]
                  tls: {certificate: missing.pem, key_file: missing.key}
                """.formatted(controlPort));
    }

    private List<String> expected() {
        return PROBLEMS_OF_TWO_FRONTS.stream().map(p -> p.formatted(dir.resolve("missing.pem"))).toList();
    }

    @Test
    void everyFrontsNeedsAreReportedTogetherBeforeAnythingOpens() throws Exception {
        int controlPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            controlPort = probe.getLocalPort();
        }
        GatehouseConfig c = ConfigLoader.load(configFile(controlPort));
        assertThatThrownBy(() -> Gatehouse.start(c, new ManualScheduler()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyElementsOf(expected()));
        assertThat(c.dataDir()).as("the store was never opened").doesNotExist();
        try (ServerSocket control = new ServerSocket(controlPort)) {
            assertThat(control.getLocalPort()).as("control, which had nothing wrong, never bound").isEqualTo(controlPort);
        }
    }

    @Test
    void checkConfigReportsTheSameProblems() throws Exception {
        Path file = configFile(0);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = new CommandLine(new Main()).execute("check-config", "--config", file.toString());
        } finally {
            System.setErr(saved);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(file + ": 3 problems").contains(expected());
    }
}
