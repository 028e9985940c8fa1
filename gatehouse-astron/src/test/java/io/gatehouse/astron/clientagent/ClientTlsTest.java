package io.gatehouse.astron.clientagent;

import static io.gatehouse.astron.clientagent.AstronCluster.LOGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.astron.message.ClientAgentMessageType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Client Agent's {@code tls} section: TLS on its listener, and client certificates when an authority is named. */
class ClientTlsTest {

    @TempDir
    static Path dir;
    private static SelfSigned server;
    private static SelfSigned player;
    private AstronCluster cluster;

    @BeforeAll
    static void certificates() throws Exception {
        server = SelfSigned.make(dir, "ca-server");
        player = SelfSigned.make(dir, "player");
    }

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private void start(ClientTls tls) throws Exception {
        start(tls, false);
    }

    private void start(ClientTls tls, boolean haproxy) throws Exception {
        ClientAgentConfig d = AstronCluster.config();
        cluster = new AstronCluster(new ClientAgentConfig(d.bind(), null, "/", d.version(), 0, d.channelMin(), d.channelMax(),
                d.heartbeatTimeout(), false, d.interests(), d.maxDatagramSize(), d.interestTimeout(), d.maxOutboundBytes(), haproxy, tls, d.helloTimeout(), d.anonymousTimeout()));
    }

    private RawClient tlsClient(SSLContext context) throws IOException {
        InetSocketAddress at = cluster.ca.address();
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(at.getAddress(), at.getPort());
        s.setSoTimeout(10_000);
        s.startHandshake();
        return new RawClient(s);
    }

    @Test
    void helloOverTls() throws Exception {
        start(new ClientTls(server.certificate, server.key, null, null));
        try (RawClient c = tlsClient(SelfSigned.clientTrusting(server, null))) {
            c.hello(cluster.ca.hash(), AstronCluster.VERSION);
        }
        try (RawClient plain = cluster.client()) {
            plain.sendRaw(new byte[] {10, 0, 1, 0, 0, 0, 0, 0, 2, 0, 'v', '1'});
            assertThat(plain.closedByServer()).as("a hello in the clear is not TLS").isTrue();
        }
    }

    @Test
    void aNamedAuthorityMakesClientCertificatesRequired() throws Exception {
        start(new ClientTls(server.certificate, server.key, null, player.certificate));
        try (RawClient c = tlsClient(SelfSigned.clientTrusting(server, player))) {
            c.hello(cluster.ca.hash(), AstronCluster.VERSION);
        }
        assertThatThrownBy(() -> {
            try (RawClient c = tlsClient(SelfSigned.clientTrusting(server, null))) {
                c.hello(cluster.ca.hash(), AstronCluster.VERSION);
            }
        }).as("no client certificate").isInstanceOfAny(SSLException.class, IOException.class);
    }

    @Test
    void unusableFilesAreNamed() throws Exception {
        Path notAKey = Files.writeString(dir.resolve("broken.key"), "not a key\n");
        assertThatThrownBy(() -> new ClientTls(server.certificate, notAKey, null, null).context())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(notAKey.toString());
        Path missing = dir.resolve("missing.crt");
        assertThatThrownBy(() -> new ClientTls(missing, server.key, null, null).context())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void theGameServerStillTalksToTlsClients() throws Exception {
        start(new ClientTls(server.certificate, server.key, null, null));
        try (var gs = cluster.gameServer(GameServerTestBase.GS, LOGIN);
             RawClient c = tlsClient(SelfSigned.clientTrusting(server, null))) {
            long channel = GameServerTestBase.establish(cluster, gs, c);
            assertThat(channel).isBetween(100_000L, 100_999L);
        }
    }

    @Test
    void behindHaproxyThePlainProxyHeaderComesBeforeTls() throws Exception {
        start(new ClientTls(server.certificate, server.key, null, null), true);
        InetSocketAddress at = cluster.ca.address();
        try (var gs = cluster.gameServer(GameServerTestBase.GS, LOGIN); Socket tcp = new Socket(at.getAddress(), at.getPort())) {
            tcp.getOutputStream().write("PROXY TCP4 203.0.113.7 10.0.0.5 51000 7198\r\n".getBytes(StandardCharsets.US_ASCII));
            SSLSocket tls = (SSLSocket) SelfSigned.clientTrusting(server, null).getSocketFactory()
                    .createSocket(tcp, at.getHostString(), at.getPort(), true);
            tls.startHandshake();
            try (RawClient c = new RawClient(tls)) {
                long channel = GameServerTestBase.establish(cluster, gs, c);
                AstronCluster.send(gs, channel, GameServerTestBase.GS, ClientAgentMessageType.GET_NETWORK_ADDRESS.id(), Bytes.le().u32(1));
                assertThat(AstronCluster.Received.of(gs.receive()).argsHex()).startsWith(Bytes.le().u32(1).string("203.0.113.7").hex());
            }
        }
    }
}
