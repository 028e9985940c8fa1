package io.gatehouse.server.astron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.astron.AstronFront;
import io.gatehouse.astron.config.AstrondConfigFile;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.server.Gatehouse;
import io.gatehouse.server.config.ConfigLoader;
import io.gatehouse.server.config.GatehouseConfig;
import java.io.DataInputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./gatehouse astrond CONFIG}: an astrond config runs its roles, each client agent on its own listener. */
class AstrondStartTest {

    @TempDir
    Path dir;

    @Test
    void twoClientAgentsOneStateServerAndADatabase() throws Exception {
        Path dc = Files.writeString(dir.resolve("game.dc"), "dclass LoginManager {\n  login(string u) clsend;\n};\n");
        Path file = Files.writeString(dir.resolve("astrond.yml"), """
                general:
                    dc_files: [%s]
                uberdogs:
                  - {id: 4665, class: LoginManager, anonymous: true}
                messagedirector:
                    bind: 127.0.0.1:0
                roles:
                    - type: clientagent
                      bind: 127.0.0.1:0
                      version: "one"
                      channels: {min: 1000, max: 1999}
                    - type: clientagent
                      bind: 127.0.0.1:0
                      version: "two"
                      channels: {min: 2000, max: 2999}
                    - type: stateserver
                      control: 402000
                    - type: database
                      control: 402001
                      generate: {min: 100000000}
                      backend: {type: yaml, directory: objects}
                """.formatted(dc.toString()));
        GatehouseConfig c = ConfigLoader.only(AstrondConfigFile.load(file), dir.resolve("data"));
        Gatehouse g = Gatehouse.start(c, new ManualScheduler());
        try {
            assertThat(g.front(AstronFront.class).clientAgents()).hasSize(2);
            hello(g.front(AstronFront.class).clientAgents().get(0).address(), "one", g.front(AstronFront.class).dc().hash());
            hello(g.front(AstronFront.class).clientAgents().get(1).address(), "two", g.front(AstronFront.class).dc().hash());
            assertThat(g.listening()).filteredOn(l -> l.startsWith("astron   tcp")).hasSize(2);
            assertThat(g.listening()).anyMatch(l -> l.startsWith("astron   db   channel 402001"));
        } finally {
            g.close();
        }
    }

    /**
     * An eventlogger role and general.eventlogger pointing at it: the Client Agent's events are
     * lines of the role's file (beside the config), after its log-opened line.
     */
    @Test
    void anEventLoggerRoleWritesTheClientAgentsEvents() throws Exception {
        Path dc = Files.writeString(dir.resolve("game.dc"), "dclass LoginManager {\n  login(string u) clsend;\n};\n");
        int port;
        try (DatagramSocket free = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path file = Files.writeString(dir.resolve("astrond.yml"), """
                general:
                    dc_files: [%s]
                    eventlogger: 127.0.0.1:%d
                messagedirector:
                    bind: 127.0.0.1:0
                roles:
                    - type: eventlogger
                      bind: 127.0.0.1:%d
                      output: events.log
                    - type: clientagent
                      bind: 127.0.0.1:0
                      version: "one"
                      channels: {min: 1000, max: 1999}
                """.formatted(dc.toString(), port, port));
        Gatehouse g = Gatehouse.start(ConfigLoader.only(AstrondConfigFile.load(file), dir.resolve("data")), new ManualScheduler());
        Path log = dir.resolve("events.log");
        try {
            assertThat(g.listening()).anyMatch(l -> l.startsWith("astron   udp") && l.contains("127.0.0.1:" + port) && l.contains("event logger"));
            InetSocketAddress ca = g.front(AstronFront.class).clientAgent().address();
            hello(ca, "one", g.front(AstronFront.class).dc().hash());
            await().until(() -> Files.readAllLines(log).size() == 3);
            List<String> lines = Files.readAllLines(log);
            assertThat(lines.get(0)).contains("\"type\": \"log-opened\", \"sender\": \"EventLogger\"");
            assertThat(lines.get(1)).matches("\\{\"_time\": \"[-0-9]{10} [:0-9]{8}[-+][0-9]{4}\", \"type\": \"client-connected\", \"sender\": \"Client:1000\","
                    + " \"remote_address\": \"127\\.0\\.0\\.1:[0-9]+\", \"local_address\": \"127\\.0\\.0\\.1:" + ca.getPort() + "\"\\}");
            assertThat(lines.get(2)).endsWith("\"type\": \"client-lost\", \"sender\": \"Client:1000\", \"remote_address\": \""
                    + lines.get(1).replaceAll(".*remote_address\": \"([^\"]+)\".*", "$1") + "\", \"local_address\": \"127.0.0.1:" + ca.getPort()
                    + "\", \"reason\": \"end of file\"}");
        } finally {
            g.close();
        }
    }

    private static void hello(InetSocketAddress ca, String version, int hash) throws Exception {
        try (Socket s = new Socket(ca.getAddress(), ca.getPort())) {
            s.setSoTimeout(10_000);
            byte[] v = version.getBytes();
            ByteBuffer b = ByteBuffer.allocate(2 + 8 + v.length).order(ByteOrder.LITTLE_ENDIAN);
            b.putShort((short) (8 + v.length)).putShort((short) 1).putInt(hash).putShort((short) v.length).put(v);
            s.getOutputStream().write(b.array());
            byte[] reply = new byte[4];
            new DataInputStream(s.getInputStream()).readFully(reply);
            assertThat(reply).as("CLIENT_HELLO_RESP from the agent with version %s", version).containsExactly(2, 0, 2, 0);
        }
    }
}
