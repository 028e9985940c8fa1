package io.gatehouse.server.astron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gatehouse.astron.AstronFront;
import io.gatehouse.client.astron.AstronClient;
import io.gatehouse.client.astron.AstronEjectedException;
import io.gatehouse.core.config.ConfigException;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.server.Gatehouse;
import io.gatehouse.server.config.ConfigLoader;
import io.gatehouse.server.config.GatehouseConfig;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The astron section: DC files read at start (errors stop it), the Message Director and State Server running. */
class AstronStartTest {

    @TempDir
    Path dir;

    private GatehouseConfig config(String dcText) throws Exception {
        return config(dcText, "");
    }

    private GatehouseConfig config(String dcText, String extra) throws Exception {
        Files.writeString(dir.resolve("game.dc"), dcText);
        return ConfigLoader.parse("""
                data_dir: data
                database: {url: "jdbc:h2:mem:astron-start;DB_CLOSE_DELAY=-1"}
                http: {enabled: false}
                control: {enabled: false}
                vcmi: {enabled: false}
                marauroa: {enabled: false}
                astron: {enabled: true, bind: "127.0.0.1:0", md_bind: "127.0.0.1:0", dc_files: [game.dc],
                         state_server_channel: 402000, version: "v9"%s}
                """.formatted(extra), dir);
    }

    @Test
    void theClientAgentAnswersAHelloWithTheConfiguredVersionAndTheDcHash() throws Exception {
        Gatehouse g = Gatehouse.start(config("dclass Zone {\n};\n"), new ManualScheduler());
        try (Socket s = new Socket("127.0.0.1", g.front(AstronFront.class).clientAgent().address().getPort())) {
            s.setSoTimeout(10_000);
            byte[] version = "v9".getBytes();
            int hash = g.front(AstronFront.class).dc().hash();
            s.getOutputStream().write(frame(b -> b.putShort((short) 1).putInt(hash).putShort((short) 2).put(version), 10));
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] reply = new byte[4];
            in.readFully(reply);
            assertThat(reply).as("CLIENT_HELLO_RESP").containsExactly(2, 0, 2, 0);
            assertThat(g.listening()).anyMatch(line -> line.startsWith("astron   tcp  127.0.0.1:"));
        } finally {
            g.close();
        }
    }

    @Test
    void aServerShuttingDownEjectsItsClientsWith154BeforeItClosesThem() throws Exception {
        Gatehouse g = Gatehouse.start(config("dclass Zone {\n};\n"), new ManualScheduler());
        try (AstronClient greeted = new AstronClient(g.front(AstronFront.class).clientAgent().address(), g.front(AstronFront.class).dc());
                AstronClient fresh = new AstronClient(g.front(AstronFront.class).clientAgent().address(), g.front(AstronFront.class).dc())) {
            greeted.hello("v9");
            // a connection still in the listener's backlog is no client yet: wait until both are taken in
            await().atMost(Duration.ofSeconds(10)).until(() -> g.front(AstronFront.class).clientAgent().status().get().size() == 2);
            g.close();
            for (AstronClient c : List.of(greeted, fresh)) {
                AstronEjectedException eject = c.awaitClose();
                assertThat(eject).as("CLIENT_EJECT before the close").isNotNull();
                assertThat(eject.code()).isEqualTo(154);
                assertThat(eject.reason()).isEqualTo("Server is shutting down.");
            }
        } finally {
            g.close();
        }
    }

    @Test
    void anUberdogOfAnUnknownClassStopsTheStart() throws Exception {
        GatehouseConfig c = config("dclass Zone {\n};\n", ", anonymous_uberdogs: [{id: 4665, class: LoginManager}]");
        assertThatThrownBy(() -> Gatehouse.start(c, new ManualScheduler()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .containsExactly("astron.uberdogs: UberDOG 4665: no dclass named 'LoginManager' in the DC files"));
        assertThat(c.dataDir()).as("checked before the store is opened").doesNotExist();
    }

    @Test
    void aDcSyntaxErrorStopsTheStartWithFileLineAndColumn() throws Exception {
        GatehouseConfig c = config("dclass A {\n  f(uint8 x) broadcast\n};\n");
        assertThatThrownBy(() -> Gatehouse.start(c, new ManualScheduler()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .containsExactly("astron.dc_files: " + dir.resolve("game.dc") + ":3:1: expected ';', found '}'"));
        assertThat(c.dataDir()).as("checked before the store is opened").doesNotExist();
    }

    @Test
    void aiProcessesReachTheStateServerThroughTheMessageDirector() throws Exception {
        Gatehouse g = Gatehouse.start(config("dclass Zone {\n  setName(string n) required broadcast ram;\n};\n"), new ManualScheduler());
        try (Socket s = new Socket("127.0.0.1", g.front(AstronFront.class).mdAddress().getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            // subscribe to channel 77, create Zone 1000 with name "hi", ask it for everything
            out.write(frame(b -> b.put((byte) 1).putLong(1).putShort((short) 9000).putLong(77), 19));
            out.write(frame(b -> b.put((byte) 1).putLong(402_000).putLong(77).putShort((short) 2000)
                    .putInt(1000).putInt(0).putInt(0).putShort((short) 0).putShort((short) 2).put((byte) 'h').put((byte) 'i'), 37));
            out.write(frame(b -> b.put((byte) 1).putLong(1000).putLong(77).putShort((short) 2014).putInt(5).putInt(1000), 27));
            out.flush();
            int length = in.readUnsignedByte() | in.readUnsignedByte() << 8;
            byte[] d = new byte[length];
            in.readFully(d);
            ByteBuffer r = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(r.get()).isEqualTo((byte) 1);
            assertThat(r.getLong()).isEqualTo(77);
            assertThat(r.getLong()).as("from the object").isEqualTo(1000);
            assertThat(r.getShort()).as("GET_ALL_RESP").isEqualTo((short) 2015);
            assertThat(r.getInt()).isEqualTo(5);
            assertThat(r.getInt()).isEqualTo(1000);
            r.getInt();
            r.getInt();
            assertThat(r.getShort()).as("class Zone").isZero();
            assertThat(r.getShort()).isEqualTo((short) 2);
            assertThat((char) r.get()).isEqualTo('h');
        } finally {
            g.close();
        }
    }

    private interface Fill {
        void fill(ByteBuffer b);
    }

    private static byte[] frame(Fill f, int size) {
        ByteBuffer b = ByteBuffer.allocate(2 + size).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) size);
        f.fill(b);
        return b.array();
    }
}
