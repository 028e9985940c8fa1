package io.gatehouse.server.astron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.astron.AstronFront;
import io.gatehouse.astron.config.AstrondConfigFile;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.server.Gatehouse;
import io.gatehouse.server.config.ConfigLoader;
import io.gatehouse.server.config.GatehouseConfig;
import java.io.DataInputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two daemons from astrond configs in one Message Director tree: {@code messagedirector.connect}. */
class AstrondTreeTest {

    private static final long ME = 77_000_001L;
    private static final long DATABASE = 402_001;

    @TempDir
    Path dir;

    private Gatehouse start(String name, String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve(name + ".yml"), yaml);
        GatehouseConfig c = ConfigLoader.only(AstrondConfigFile.load(file), dir.resolve(name + "-data"));
        return Gatehouse.start(c, new ManualScheduler());
    }

    @Test
    void aDatabaseOnTheLowerDaemonAnswersALinkOfTheUpperOne() throws Exception {
        Gatehouse top = start("top", "messagedirector: {bind: 127.0.0.1:0}\n");
        try {
            InetSocketAddress topMd = top.front(AstronFront.class).mdAddress();
            Files.writeString(dir.resolve("game.dc"), "dclass Avatar {\n  string name db;\n};\n");
            Gatehouse bottom = start("bottom", """
                    general: {dc_files: [game.dc]}
                    messagedirector: {bind: 127.0.0.1:0, connect: 127.0.0.1:%d}
                    roles:
                        - type: database
                          control: %d
                          generate: {min: 100000000}
                          backend: {type: yaml, directory: objects}
                    """.formatted(topMd.getPort(), DATABASE));
            assertThat(bottom.listening()).anyMatch(l -> l.contains("upstream 127.0.0.1:" + topMd.getPort()));
            try (Socket link = new Socket(topMd.getAddress(), topMd.getPort())) {
                link.setSoTimeout(10_000);
                send(link, control(9000, ME));
                // GET_ALL of an object that does not exist: the lower daemon's database answers "no such object"
                ByteBuffer get = ByteBuffer.allocate(1 + 8 + 8 + 2 + 8).order(ByteOrder.LITTLE_ENDIAN);
                get.put((byte) 1).putLong(DATABASE).putLong(ME).putShort((short) 3014).putInt(7).putInt(123_456_789);
                send(link, get.array());
                ByteBuffer reply = ByteBuffer.wrap(receive(link)).order(ByteOrder.LITTLE_ENDIAN);
                assertThat(reply.get(0)).isEqualTo((byte) 1);
                assertThat(reply.getLong(1)).isEqualTo(ME);
                assertThat(reply.getLong(9)).isEqualTo(DATABASE);
                assertThat(reply.getShort(17)).as("OBJECT_GET_ALL_RESP").isEqualTo((short) 3015);
                assertThat(reply.getInt(19)).as("context").isEqualTo(7);
                assertThat(reply.get(23)).as("not found").isEqualTo((byte) 0);
            } finally {
                // the lower daemon goes first: the upper one going first would end this process, as astrond ends
                bottom.close();
            }
        } finally {
            top.close();
        }
    }

    @Test
    void anUpstreamThatCannotBeReachedStopsTheStart() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThatThrownBy(() -> start("alone", "messagedirector: {bind: 127.0.0.1:0, connect: 127.0.0.1:%d}\n".formatted(closed)))
                .hasMessageContaining("cannot connect to the upstream Message Director at 127.0.0.1:" + closed);
    }

    private static byte[] control(int type, long channel) {
        return ByteBuffer.allocate(1 + 8 + 2 + 8).order(ByteOrder.LITTLE_ENDIAN).put((byte) 1).putLong(1).putShort((short) type)
                .putLong(channel).array();
    }

    private static void send(Socket s, byte[] d) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(2 + d.length).order(ByteOrder.LITTLE_ENDIAN).putShort((short) d.length).put(d);
        s.getOutputStream().write(b.array());
    }

    private static byte[] receive(Socket s) throws Exception {
        DataInputStream in = new DataInputStream(s.getInputStream());
        int lo = in.readUnsignedByte();
        int hi = in.readUnsignedByte();
        byte[] d = new byte[lo | hi << 8];
        in.readFully(d);
        return d;
    }
}
