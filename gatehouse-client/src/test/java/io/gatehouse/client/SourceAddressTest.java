package io.gatehouse.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.astron.dc.DcParser;
import io.gatehouse.client.astron.AstronClient;
import io.gatehouse.client.control.ControlClient;
import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.client.vcmi.VcmiLobbyClient;
import io.gatehouse.client.vcmi.VcmiPipeClient;
import io.gatehouse.marauroa.codec.MarauroaCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every client can connect from a chosen local address (a load tool spreads its clients over
 * 127.0.0.x, so that a server's per-address limit sees many addresses): the listener sees
 * the connection come from it.
 */
class SourceAddressTest {

    private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.7", 0);

    private ServerSocket listener;

    @BeforeEach
    void listen() throws Exception {
        listener = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1"));
        listener.setSoTimeout(10_000);
    }

    @AfterEach
    void stop() throws Exception {
        listener.close();
    }

    private InetSocketAddress server() {
        return new InetSocketAddress("127.0.0.1", listener.getLocalPort());
    }

    /** The address the next accepted connection came from. */
    private String acceptedFrom() throws Exception {
        try (Socket s = listener.accept()) {
            return s.getInetAddress().getHostAddress();
        }
    }

    @Test
    void vcmiLobbyAndPipe() throws Exception {
        try (VcmiLobbyClient c = VcmiLobbyClient.connect(server(), FROM)) {
            assertThat(acceptedFrom()).isEqualTo("127.0.0.7");
        }
        try (VcmiPipeClient c = VcmiPipeClient.open(server(), FROM, "server", "00000000-0000-0000-0000-000000000000")) {
            assertThat(acceptedFrom()).isEqualTo("127.0.0.7");
        }
    }

    @Test
    void marauroa() throws Exception {
        try (MarauroaClient c = new MarauroaClient(server(), FROM, MarauroaCodec.VERSION)) {
            assertThat(acceptedFrom()).isEqualTo("127.0.0.7");
        }
    }

    @Test
    void astron() throws Exception {
        try (AstronClient c = new AstronClient(server(), FROM, DcParser.parse("t.dc", "dclass Zone {\n};\n"))) {
            assertThat(acceptedFrom()).isEqualTo("127.0.0.7");
        }
    }

    @Test
    void controlTcpAndWebSocket() throws Exception {
        try (ControlClient c = ControlClient.tcp(server(), FROM, ClientSockets.sharedGroup(), true)) {
            assertThat(acceptedFrom()).isEqualTo("127.0.0.7");
        }
        // the listener answers no upgrade, so the client gives up once it has seen who connected
        CompletableFuture<Void> attempt = CompletableFuture.runAsync(() -> {
            try {
                ControlClient.webSocket(ControlClient.webSocketUri(server(), "/v2"), FROM, ClientSockets.sharedGroup()).close();
            } catch (Exception expected) {
                // no upgrade came
            }
        });
        assertThat(acceptedFrom()).isEqualTo("127.0.0.7");
        attempt.get(20, TimeUnit.SECONDS);
    }
}
