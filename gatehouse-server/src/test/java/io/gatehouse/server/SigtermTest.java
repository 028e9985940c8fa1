package io.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.astron.dc.DcFile;
import io.gatehouse.astron.dc.DcParser;
import io.gatehouse.client.astron.AstronClient;
import io.gatehouse.client.astron.AstronEjectedException;
import io.gatehouse.client.control.ClosedBy;
import io.gatehouse.client.control.ControlClient;
import io.gatehouse.control.message.CloseCode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server process: SIGTERM gives a control client Close ServerShutdown and an astron
 * client CLIENT_EJECT 154 before their sockets close.
 */
class SigtermTest {

    private static final Pattern TCP_LINE = Pattern.compile("gatehouse: control {2}tcp {2}127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern ASTRON_LINE = Pattern.compile("gatehouse: astron {3}tcp {2}127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void sigtermClosesClientsWithServerShutdown() throws Exception {
        Files.writeString(dir.resolve("game.dc"), "dclass Zone {\n};\n");
        Path config = dir.resolve("g.yml");
        Files.writeString(config, """
                data_dir: data
                http: {enabled: false}
                accounts: {argon2_memory_kib: 64, argon2_iterations: 1}
                control: {bind: "127.0.0.1:0", websocket: "off"}
                vcmi: {enabled: false}
                marauroa: {enabled: false}
                astron: {enabled: true, bind: "127.0.0.1:0", md_bind: "127.0.0.1:0", dc_files: [game.dc], version: v1}
                """.replace("game.dc", dir.resolve("game.dc").toString()));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--config", config.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            int[] ports = PrintedPorts.read(out, TCP_LINE, ASTRON_LINE);
            int port = ports[0];
            int astronPort = ports[1];
            assertThat(port).as("the server printed its control port").isPositive();
            assertThat(astronPort).as("the server printed its Client Agent's port").isPositive();
            DcFile dc = DcParser.read(List.of(dir.resolve("game.dc")));
            try (ControlClient c = ControlClient.tcp(new InetSocketAddress("127.0.0.1", port));
                    AstronClient astron = new AstronClient(new InetSocketAddress("127.0.0.1", astronPort), dc)) {
                assertThat(c.heartbeat(new byte[] {4, 2})).containsExactly(4, 2);
                astron.hello("v1");
                p.destroy(); // SIGTERM
                ClosedBy by = c.closed().get(20, TimeUnit.SECONDS);
                assertThat(by.close()).isNotNull();
                assertThat(by.close().code()).isEqualTo(CloseCode.SERVER_SHUTDOWN.wire());
                AstronEjectedException eject = astron.timeout(Duration.ofSeconds(20)).awaitClose();
                assertThat(eject).as("an astron client is ejected, not just closed").isNotNull();
                assertThat(eject.code()).isEqualTo(154);
            }
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
    }
}
