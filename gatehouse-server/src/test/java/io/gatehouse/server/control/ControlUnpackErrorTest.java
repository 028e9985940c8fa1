package io.gatehouse.server.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.client.ClientSockets;
import io.gatehouse.client.control.ClosedBy;
import io.gatehouse.client.control.ControlClient;
import io.gatehouse.control.ControlFront;
import io.gatehouse.control.message.CloseCode;
import io.gatehouse.control.message.ControlPacket;
import io.gatehouse.server.ServerTestBase;
import io.gatehouse.server.TestServer.Transport;
import io.gatehouse.server.TestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bytes that do not parse get Close UnpackError and a closed connection, never a crash. */
class ControlUnpackErrorTest extends ServerTestBase {


    @Override
    protected String controlConfig() {
        return "  max_body_bytes: 1024\n";
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void badTcpHandshake() throws Exception {
        try (ControlClient c = ControlClient.tcp(server.tcp(), null, ClientSockets.sharedGroup(), false)) {
            c.sendRaw(hex("21 09"));
            assertThat(c.awaitClose().code()).isEqualTo(CloseCode.UNPACK_ERROR.wire());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void unknownPacketType(Transport t) {
        try (ControlClient c = server.connect(t)) {
            c.sendRaw(hex("04 00 00 00 00 00 00 00 00 00 00"));
            assertThat(c.awaitClose().code()).isEqualTo(CloseCode.UNPACK_ERROR.wire());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void oversizedBodyIsRefusedFromItsHeader(Transport t) {
        try (ControlClient c = server.connect(t)) {
            // announces 16 MiB but sends none of it: the server must not wait for or allocate it
            c.sendRaw(hex("01 01 00 00 00 01 00 00 FF FF FF"));
            assertThat(c.awaitClose().code()).isEqualTo(CloseCode.UNPACK_ERROR.wire());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void clientPushIsRefused(Transport t) {
        try (ControlClient c = server.authed(t, "pusher")) {
            c.send(new ControlPacket.Push(18, new byte[0]));
            assertThat(c.awaitClose().code()).isEqualTo(CloseCode.UNPACK_ERROR.wire());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void badGzipBody(Transport t) {
        try (ControlClient c = server.connect(t)) {
            c.sendRaw(hex("21 01 00 00 00 01 00 00 00 00 03 01 02 03"));
            assertThat(c.awaitClose().code()).isEqualTo(CloseCode.UNPACK_ERROR.wire());
        }
    }

    @Test
    void webSocketPartialPacketAndTrailingBytes() {
        try (ControlClient c = server.connect(Transport.WS)) {
            c.sendRaw(hex("01 01 00 00 00 01 00 00 00 00 05 08"));
            assertThat(c.awaitClose().code()).isEqualTo(CloseCode.UNPACK_ERROR.wire());
        }
        try (ControlClient c = server.connect(Transport.WS)) {
            c.sendRaw(hex("01 01 00 00 00 01 00 00 00 00 00 01 01 00 00 00 02 00 00 00 00 00"));
            assertThat(c.awaitClose().code()).isEqualTo(CloseCode.UNPACK_ERROR.wire());
        }
    }

    @Test
    void webSocketMessageOverTheLimitInFragmentsGetsUnpackErrorAnd1002() throws Exception {
        try (ControlClient c = server.connect(Transport.WS)) {
            byte[] part = new byte[1024];
            c.sendFragmented(part, part, part, part, part, new byte[1]);
            ClosedBy by = c.closed().get(10, TimeUnit.SECONDS);
            assertThat(by.close()).as("the Close push").isNotNull();
            assertThat(by.close().code()).isEqualTo(CloseCode.UNPACK_ERROR.wire());
            assertThat(by.webSocketStatus()).isEqualTo(1002);
        }
    }

    @Test
    void webSocketUpgradeWithAnEmptyKeyIsRefusedWith400() throws Exception {
        var addr = server.gatehouse.front(ControlFront.class).webSocketAddress();
        try (Socket s = new Socket("127.0.0.1", addr.getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET /v2?version=1&codec=1&platform=9 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: \r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(status).isEqualTo("HTTP/1.1 400 Bad Request");
        }
    }

    @Test
    void webSocketBadHandshakeQueryGetsUnpackErrorThenCloseFrame() throws Exception {
        var addr = server.gatehouse.front(ControlFront.class).webSocketAddress();
        URI uri = URI.create("ws://127.0.0.1:" + addr.getPort() + "/v2?version=2&codec=1&platform=9");
        try (ControlClient c = ControlClient.webSocket(uri)) {
            ClosedBy by = c.closed().get(10, TimeUnit.SECONDS);
            assertThat(by.close().code()).isEqualTo(CloseCode.UNPACK_ERROR.wire());
            assertThat(by.webSocketStatus()).isEqualTo(1002);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void serverSurvivesAndServesOthers(Transport t) {
        try (ControlClient bad = server.connect(t)) {
            bad.sendRaw(hex("00"));
            bad.awaitClose();
        }
        try (ControlClient good = server.authed(t, "after")) {
            assertThat(good.heartbeat(new byte[] {5})).containsExactly(5);
        }
    }
}
