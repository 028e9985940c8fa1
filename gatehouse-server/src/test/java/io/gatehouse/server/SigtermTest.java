package io.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.client.control.ClosedBy;
import io.gatehouse.client.control.ControlClient;
import io.gatehouse.control.message.CloseCode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real server process: SIGTERM gives every client Close ServerShutdown before its socket closes. */
class SigtermTest {

    private static final Pattern TCP_LINE = Pattern.compile("gatehouse: control {2}tcp {2}127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void sigtermClosesClientsWithServerShutdown() throws Exception {
        Path config = dir.resolve("g.yml");
        Files.writeString(config, """
                data_dir: data
                http: {enabled: false}
                accounts: {argon2_memory_kib: 64, argon2_iterations: 1}
                control: {bind: "127.0.0.1:0", websocket: "off"}
                vcmi: {enabled: false}
                marauroa: {enabled: false}
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--config", config.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            int port = -1;
            for (int i = 0; i < 200 && port < 0; i++) {
                String line = out.readLine();
                if (line == null) {
                    break;
                }
                Matcher m = TCP_LINE.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertThat(port).as("the server printed its control port").isPositive();
            try (ControlClient c = ControlClient.tcp(new InetSocketAddress("127.0.0.1", port))) {
                assertThat(c.heartbeat(new byte[] {4, 2})).containsExactly(4, 2);
                p.destroy(); // SIGTERM
                ClosedBy by = c.closed().get(20, TimeUnit.SECONDS);
                assertThat(by.close()).isNotNull();
                assertThat(by.close().code()).isEqualTo(CloseCode.SERVER_SHUTDOWN.wire());
            }
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
    }
}
